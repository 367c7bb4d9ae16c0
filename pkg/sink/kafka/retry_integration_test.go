//go:build integration

package kafka_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

// failProduce makes the cluster answer produce requests for partition with
// code while fail(n) says so, n counting those requests from 1.
func failProduce(c *kfake.Cluster, partition int32, code int16, fail func(n int32) bool) *atomic.Int32 {
	var seen atomic.Int32
	c.ControlKey(int16(kmsg.Produce), func(kreq kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		req := kreq.(*kmsg.ProduceRequest)
		if len(req.Topics) != 1 || len(req.Topics[0].Partitions) != 1 || req.Topics[0].Partitions[0].Partition != partition {
			return nil, nil, false
		}
		if !fail(seen.Add(1)) {
			return nil, nil, false
		}
		resp := req.ResponseKind().(*kmsg.ProduceResponse)
		rt := kmsg.NewProduceResponseTopic()
		rt.Topic = req.Topics[0].Topic
		rp := kmsg.NewProduceResponseTopicPartition()
		rp.Partition, rp.ErrorCode = partition, code
		rt.Partitions = append(rt.Partitions, rp)
		resp.Topics = append(resp.Topics, rt)
		return resp, nil, true
	})
	return &seen
}

func fastRetries(brokers []string) kafka.Options {
	opts := kafka.DefaultOptions(brokers...)
	opts.RetryBackoff, opts.RetryBackoffMax = 10*time.Millisecond, 50*time.Millisecond
	return opts
}

// TestRetryKeepsPartitionOrder fails the second request of partition 1
// three times: the partition's remaining messages must follow the first
// request in order, and the other partitions must not wait for it.
func TestRetryKeepsPartitionOrder(t *testing.T) {
	c := newCluster(t, kfake.SeedTopics(3, "t"))
	brokers := c.ListenAddrs()
	seen := failProduce(c, 1, kerr.NotLeaderForPartition.Code, func(n int32) bool { return n >= 2 && n <= 4 })
	opts := fastRetries(brokers)
	opts.BatchSize = 10 // several requests per partition
	p := newProducer(t, opts)
	ctx := testContext(t, 30*time.Second)
	msgs := rowMessages("t", 150, 3, 0)
	if err := p.WriteBatch(ctx, msgs); err != nil {
		t.Fatalf("WriteBatch: %v", err)
	}
	if n := seen.Load(); n < 5 {
		t.Fatalf("partition 1 saw %d requests, want the 3 failures retried", n)
	}
	for part := range int32(3) {
		want := ofPartition(msgs, part)
		sameRecords(t, fmt.Sprintf("partition %d", part), readPartition(t, brokers, nil, "t", int(part), len(want)), want)
	}
}

func TestFatalBrokerErrorStopsTheWrite(t *testing.T) {
	c := newCluster(t, kfake.SeedTopics(3, "t"))
	failProduce(c, 2, kerr.TopicAuthorizationFailed.Code, func(int32) bool { return true })
	p := newProducer(t, fastRetries(c.ListenAddrs()))
	ctx := testContext(t, 30*time.Second)
	start := time.Now()
	err := p.WriteBatch(ctx, rowMessages("t", 30, 3, 0))
	if err == nil || kafka.IsRetryable(err) || !strings.Contains(err.Error(), "Topic Authorization Failed") ||
		!strings.Contains(err.Error(), "partition 2") {
		t.Fatalf("got %v, want a fatal authorization error naming partition 2", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("fatal error took %s", d)
	}
}

func TestRetriesEndWithContext(t *testing.T) {
	c := newCluster(t, kfake.SeedTopics(3, "t"))
	failProduce(c, 0, kerr.NotLeaderForPartition.Code, func(int32) bool { return true })
	p := newProducer(t, fastRetries(c.ListenAddrs()))
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	err := p.WriteBatch(ctx, rowMessages("t", 30, 3, 0))
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "Not Leader For Partition") {
		t.Fatalf("got %v, want the deadline with the last broker error", err)
	}
}

// TestBrokerOutage stops the broker while a batch waits to be written and
// starts it again on the same port and data: the write must wait, then
// succeed, and nothing may be lost or reordered.
func TestBrokerOutage(t *testing.T) {
	dir := t.TempDir()
	c1, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.DataDir(dir), kfake.SeedTopics(3, "t"))
	if err != nil {
		t.Fatal(err)
	}
	brokers := c1.ListenAddrs()
	_, portText, _ := net.SplitHostPort(brokers[0])
	port, _ := strconv.Atoi(portText)
	opts := fastRetries(brokers)
	opts.DialTimeout, opts.ReadTimeout, opts.WriteTimeout = time.Second, 2*time.Second, 2*time.Second
	p := newProducer(t, opts)
	ctx := testContext(t, 60*time.Second)

	// Unique values, so that repeats can be told from distinct messages.
	unique := func(from int) []kafka.Message {
		msgs := rowMessages("t", 90, 3, from)
		for i := range msgs {
			msgs[i].Value = fmt.Appendf(nil, "value-%d", from+i)
		}
		return msgs
	}
	before, during, after := unique(0), unique(90), unique(180)
	if err := p.WriteBatch(ctx, before); err != nil {
		t.Fatal(err)
	}
	c1.Close()
	done := make(chan error, 1)
	go func() { done <- p.WriteBatch(ctx, during) }()
	select {
	case err := <-done:
		t.Fatalf("WriteBatch returned %v while the broker was down", err)
	case <-time.After(1500 * time.Millisecond):
	}
	c2, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.DataDir(dir), kfake.Ports(port))
	if err != nil {
		t.Fatalf("restart kfake on port %d: %v", port, err)
	}
	t.Cleanup(c2.Close)
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("WriteBatch after the broker came back: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("WriteBatch still blocked after the broker came back")
	}
	if err := p.WriteBatch(ctx, after); err != nil {
		t.Fatal(err)
	}

	all := append(append(before, during...), after...)
	for part := range int32(3) {
		want := ofPartition(all, part)
		end := int(partitionEnd(t, brokers, "t", int(part)))
		got := readPartition(t, brokers, nil, "t", int(part), end)
		// At-least-once: a request whose ack was lost may repeat, but the
		// first copy of every message must come in order and none be missing.
		first, seen := make([]record, 0, len(want)), map[string]bool{}
		for _, r := range got {
			if !seen[string(r.Value)] {
				seen[string(r.Value)] = true
				first = append(first, r)
			}
		}
		if dups := len(got) - len(first); dups > 0 {
			t.Logf("partition %d: %d duplicates after the outage", part, dups)
		}
		sameRecords(t, fmt.Sprintf("partition %d", part), first, want)
	}
}
