package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

// benchBatchSource hands out transactions of the same rows, with commit
// ts 1, 2, …; the pipeline's target ends the run.
type benchBatchSource struct {
	rows []event.RowChange
	next int
}

func (s *benchBatchSource) ReadBatch(context.Context) (*event.Batch, error) {
	s.next++
	return &event.Batch{Rows: s.rows, Pos: pos(uint32(s.next)), CommitTs: uint64(s.next)}, nil
}

// discardWriter acknowledges every write at once.
type discardWriter struct{ msgs atomic.Int64 }

func (w *discardWriter) EnsureTopic(context.Context, string) (int32, error) { return 3, nil }

func (w *discardWriter) WriteBatch(_ context.Context, msgs []kafka.Message) error {
	w.msgs.Add(int64(len(msgs)))
	return nil
}

// BenchmarkPipeline runs the engine's stages (read, route, encode, merge,
// write, ack) with a source and a writer that cost nothing, over TPC-C
// order_line rows in 1,000-row transactions: what the engine adds per row
// between the binlog decoder and the Kafka client.
func BenchmarkPipeline(b *testing.B) {
	tables, err := schema.ParseDDL(`CREATE TABLE order_line (ol_o_id INT NOT NULL, ol_d_id INT NOT NULL,
		ol_w_id INT NOT NULL, ol_number INT NOT NULL, ol_i_id INT NOT NULL, ol_supply_w_id INT, ol_delivery_d DATETIME,
		ol_quantity INT, ol_amount DECIMAL(6, 2), ol_dist_info CHAR(24), PRIMARY KEY(ol_w_id, ol_d_id, ol_o_id, ol_number))`, "tpcc")
	if err != nil {
		b.Fatal(err)
	}
	const perTxn, txns = 1000, 50
	rows := make([]event.RowChange, perTxn)
	for i := range rows {
		rows[i] = event.RowChange{Table: tables[0], Op: event.OpInsert, CommitTs: 1, After: []event.Value{
			event.IntValue(int64(i/10 + 1)), event.IntValue(int64(i%10 + 1)), event.IntValue(1), event.IntValue(int64(i%15 + 1)),
			event.IntValue(int64(i*7%100000 + 1)), event.IntValue(1), event.StringValue("2026-11-24 10:42:11"),
			event.IntValue(5), event.StringValue(fmt.Sprintf("%d.%02d", i%10000, i%100)), event.StringValue("iIF6dpcWrrL4gLdpc7Vd3zbv"),
		}}
	}
	router, err := dispatch.New(dispatch.Config{Protocol: "avro", Rules: []dispatch.Rule{
		{Matcher: []string{"*.*"}, Topic: "tidb_{schema}_{table}", Partition: "index-value"}}}, "meta")
	if err != nil {
		b.Fatal(err)
	}
	enc, err := avro.NewEncoder(avro.Options{}, &fakeRegistry{ids: map[string]int{}})
	if err != nil {
		b.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	written := int64(0)
	for b.Loop() {
		w := &discardWriter{}
		p := &Pipeline{Source: &benchBatchSource{rows: rows}, Router: router, Encoder: enc, Writer: w,
			Tracker: checkpoint.NewTracker(checkpoint.Point{}, 64<<20), TargetTs: txns}
		if err := p.Run(context.Background()); !errors.Is(err, ErrTargetReached) {
			b.Fatal(err)
		}
		written += w.msgs.Load()
	}
	runtime.ReadMemStats(&after)
	if written != int64(b.N)*perTxn*txns {
		b.Fatalf("wrote %d messages, want %d", written, int64(b.N)*perTxn*txns)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(written), "ns/row")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(written), "allocs/row")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(written), "B/row")
}
