package main

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	kafkago "github.com/segmentio/kafka-go"

	"github.com/cdcctl/cdcctl/pkg/source/binlog"
)

const lagTopic = "tidb_bench_lag"

// lagResult is one steady-state measurement.
type lagResult struct {
	Rows          int64
	Rate          float64 // rows/s the upstream actually committed
	P50, P99, Max time.Duration
	EngineCPU     float64 // engine CPU seconds per second of the paced run
}

// measureLag runs a changefeed from the current binlog end, inserts rows
// into bench.lag at o.lagRate rows/s (o.lagTxnRows per transaction, from 4
// connections) for o.lagDuration, and measures for every row the time from
// its commit (the upstream client's COMMIT returned) to its arrival at a
// consumer reading the topic (a long-polling fetch per partition). A
// record is visible to consumers only once the broker acknowledged it
// (acks=all), so this is commit-to-ack plus the consumer's wake-up: an
// upper bound of commit-to-ack.
func measureLag(ctx context.Context, o *options, up *upstream, b *broker) (lagResult, error) {
	db, err := openDB(up.dsn, "")
	if err != nil {
		return lagResult{}, err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "TRUNCATE TABLE bench.lag"); err != nil { // rows of an earlier run
		return lagResult{}, err
	}
	pos, err := binlog.CurrentPosition(ctx, db, binlog.FlavorMariaDB, true)
	if err != nil {
		return lagResult{}, err
	}
	eng, err := startChild("engine", engineSpec{Def: changefeed(up, b, pos, []string{"bench.lag"})}, nil, o.verbose)
	if err != nil {
		return lagResult{}, err
	}
	defer eng.stop()
	if _, err := eng.expect(ctx, "ready", time.Minute); err != nil {
		return lagResult{}, err
	}
	if err := eng.send("go"); err != nil {
		return lagResult{}, err
	}
	if _, err := eng.expect(ctx, "running", time.Minute); err != nil {
		return lagResult{}, err
	}
	// Warm up: the first row creates the topic and registers the schemas.
	if _, err := db.ExecContext(ctx, "INSERT INTO bench.lag VALUES (-1,1,1,1,1,1,NULL,1,1.00,'warm-up')"); err != nil {
		return lagResult{}, fmt.Errorf("lag warm-up: %w", err)
	}
	cctx, stopConsumer := context.WithCancel(ctx)
	defer stopConsumer()
	cons, err := startConsumer(cctx, b.addr)
	if err != nil {
		return lagResult{}, err
	}
	if err := cons.waitFor(ctx, 1, 30*time.Second); err != nil {
		return lagResult{}, fmt.Errorf("lag warm-up row: %w", err)
	}
	txns := int(int64(o.lagRate) * int64(o.lagDuration/time.Millisecond) / 1000 / int64(o.lagTxnRows))
	commits := make([]atomic.Int64, txns)
	meter := newCPUMeter(map[string]int{"engine": eng.pid()})
	interval := time.Duration(int64(time.Second) * int64(o.lagTxnRows) / int64(o.lagRate))
	t0 := time.Now()
	err = parallel(ctx, 4, txns, func(g *rowGen, k int64) error {
		if d := time.Until(t0.Add(time.Duration(k) * interval)); d > 0 {
			time.Sleep(d)
		}
		q := []byte("INSERT INTO bench.lag VALUES ")
		for i := range int64(o.lagTxnRows) {
			id := k*int64(o.lagTxnRows) + i
			if i > 0 {
				q = append(q, ',')
			}
			q = append(g.appendOrderLine(fmt.Appendf(q, "(%d,", id), id), ')')
		}
		if _, err := db.ExecContext(ctx, string(q)); err != nil {
			return err
		}
		commits[k].Store(time.Now().UnixNano())
		return nil
	})
	if err != nil {
		return lagResult{}, fmt.Errorf("lag workload: %w", err)
	}
	genTime := time.Since(t0)
	rows := int64(txns) * int64(o.lagTxnRows)
	if err := cons.waitFor(ctx, int(rows)+1, time.Minute); err != nil {
		return lagResult{}, err
	}
	cpu := meter.since()["engine"]
	lat := make([]time.Duration, 0, rows)
	for _, s := range cons.all() {
		if s.id < 0 {
			continue
		}
		lat = append(lat, time.Duration(s.at-commits[s.id/int64(o.lagTxnRows)].Load()))
	}
	slices.Sort(lat)
	return lagResult{Rows: rows, Rate: float64(rows) / genTime.Seconds(), P50: quantile(lat, 0.50),
		P99: quantile(lat, 0.99), Max: lat[len(lat)-1], EngineCPU: cpu / time.Since(t0).Seconds()}, nil
}

func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(q*float64(len(sorted))))]
}

// sighting is a row seen by the consumer: its id and when (Unix ns).
type sighting struct{ id, at int64 }

// consumer reads the lag topic's partitions and notes when each row
// arrives.
type consumer struct {
	mu   sync.Mutex
	seen []sighting
	errs chan error
}

func startConsumer(ctx context.Context, addr string) (*consumer, error) {
	client := &kafkago.Client{Addr: kafkago.TCP(addr)}
	for i := 0; ; i++ { // the warm-up row creates the topic
		md, err := client.Metadata(ctx, &kafkago.MetadataRequest{Topics: []string{lagTopic}})
		if err == nil && len(md.Topics) == 1 && md.Topics[0].Error == nil && len(md.Topics[0].Partitions) == partitions {
			break
		}
		if i == 300 {
			return nil, fmt.Errorf("lag topic %s not created: %v", lagTopic, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	c := &consumer{errs: make(chan error, partitions)}
	for p := range partitions {
		r := kafkago.NewReader(kafkago.ReaderConfig{Brokers: []string{addr}, Topic: lagTopic, Partition: p,
			MinBytes: 1, MaxBytes: 16 << 20, MaxWait: 200 * time.Millisecond})
		go func() {
			defer r.Close()
			for {
				m, err := r.ReadMessage(ctx)
				at := time.Now().UnixNano()
				if err != nil {
					if ctx.Err() == nil {
						c.errs <- fmt.Errorf("consume %s/%d: %w", lagTopic, p, err)
					}
					return
				}
				id, n := binary.Varint(m.Key[min(5, len(m.Key)):]) // Confluent header, then the Avro long
				if len(m.Key) < 6 || n <= 0 {
					c.errs <- fmt.Errorf("consume %s/%d: bad key % x", lagTopic, p, m.Key)
					return
				}
				c.mu.Lock()
				c.seen = append(c.seen, sighting{id: id, at: at})
				c.mu.Unlock()
			}
		}()
	}
	return c, nil
}

// waitFor waits until n rows were seen.
func (c *consumer) waitFor(ctx context.Context, n int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		c.mu.Lock()
		got := len(c.seen)
		c.mu.Unlock()
		if got >= n {
			return nil
		}
		select {
		case err := <-c.errs:
			return err
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("consumer saw %d of %d rows within %s", got, n, timeout)
		}
	}
}

func (c *consumer) all() []sighting {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.seen)
}
