//go:build integration

package kafka_test

import (
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/cdcctl/cdcctl/pkg/faultproxy"
	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

// retryCounter counts the producer's "retrying" log records.
type retryCounter struct {
	slog.Handler
	n *atomic.Int64
}

func (h retryCounter) Enabled(context.Context, slog.Level) bool { return true }

func (h retryCounter) Handle(ctx context.Context, r slog.Record) error {
	if strings.Contains(r.Message, "retrying") {
		h.n.Add(1)
	}
	return h.Handler.Handle(ctx, r)
}

// TestStalePooledConnectionsCostOneRetry: a network cut resets every
// connection kafka-go keeps in its pool. A later write must not spend a
// retry and a backoff on each of them in turn (a CI chaos run failed a
// changefeed that way, 20 s after a 10 s cut ended).
func TestStalePooledConnectionsCostOneRetry(t *testing.T) {
	proxy, err := faultproxy.Start("127.0.0.1:0", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = proxy.Close() })
	c := newCluster(t, kfake.ListenFn(proxy.ListenBehind), kfake.SeedTopics(8, "t"))
	var retries atomic.Int64
	opts := kafka.DefaultOptions(c.ListenAddrs()...)
	opts.RetryBackoff, opts.RetryBackoffMax = 50*time.Millisecond, 50*time.Millisecond
	opts.Logger = slog.New(retryCounter{Handler: testLogger(t).Handler(), n: &retries})
	p := newProducer(t, opts)
	ctx := testContext(t, 30*time.Second)

	// Writes to eight partitions at once fill the pool with connections.
	for range 3 {
		if err := p.WriteBatch(ctx, rowMessages("t", 400, 8, 0)); err != nil {
			t.Fatal(err)
		}
	}
	before := proxy.Stats()
	proxy.Cut(faultproxy.Refuse) // resets every established connection
	proxy.Restore()

	msgs := rowMessages("t", 10, 1, 0) // one partition: one request at a time
	if err := p.WriteBatch(ctx, msgs); err != nil {
		t.Fatal(err)
	}
	if n := retries.Load(); n > 2 {
		t.Errorf("%d retries after the cut (%d connections were open), want at most 2", n, before.Active)
	}
	t.Logf("%d retries; %d connections were open before the cut", retries.Load(), before.Active)
}
