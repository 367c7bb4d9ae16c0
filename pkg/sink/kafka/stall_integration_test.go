//go:build integration

package kafka_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

// stallProduce makes the cluster hold every produce request until the
// returned release is called; arrived is closed when the first one is held.
func stallProduce(t *testing.T, c *kfake.Cluster) (release func(), arrived <-chan struct{}) {
	ch := make(chan struct{})
	first := make(chan struct{})
	var once sync.Once
	c.ControlKey(int16(kmsg.Produce), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		once.Do(func() { close(first) })
		c.SleepControl(func() { <-ch })
		return nil, nil, false
	})
	var done bool
	release = func() {
		if !done {
			done = true
			close(ch)
		}
	}
	t.Cleanup(release)
	return release, first
}

func waitArrived(t *testing.T, arrived <-chan struct{}) {
	t.Helper()
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		t.Fatal("no produce request reached the broker")
	}
}

// TestCancelWhileBrokerStalls cancels a write whose requests the broker
// holds: WriteBatch must return at once, and the caller may then reuse
// its buffers (run with -race).
func TestCancelWhileBrokerStalls(t *testing.T) {
	c := newCluster(t, kfake.SeedTopics(3, "t"))
	p := newProducer(t, kafka.DefaultOptions(c.ListenAddrs()...))
	release, arrived := stallProduce(t, c)
	msgs := rowMessages("t", 300, 3, 0)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.WriteBatch(ctx, msgs) }()
	waitArrived(t, arrived)
	cancel()
	start := time.Now()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("returned %s after the cancel", d)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("WriteBatch ignored the cancel")
	}
	for i := range msgs { // the caller reuses its buffers
		for j := range msgs[i].Value {
			msgs[i].Value[j] = 'x'
		}
	}
	release()
}

// TestCloseAbortsStalledWrites checks that Close gives up on writes the
// broker never acknowledges once its context ends.
func TestCloseAbortsStalledWrites(t *testing.T) {
	c := newCluster(t, kfake.SeedTopics(1, "t"))
	p := newProducer(t, kafka.DefaultOptions(c.ListenAddrs()...))
	_, arrived := stallProduce(t, c)
	done := make(chan error, 1)
	go func() { done <- p.WriteBatch(context.Background(), rowMessages("t", 10, 1, 0)) }()
	waitArrived(t, arrived)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := p.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Close: got %v, want the deadline", err)
	}
	select {
	case err := <-done:
		if err == nil {
			t.Error("the aborted write reported success")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("WriteBatch still running after Close")
	}
}
