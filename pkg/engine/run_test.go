package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

// fakeSource returns its batches, then blocks like a live binlog.
type fakeSource struct {
	batches []*event.Batch
	err     error // returned after the batches, instead of blocking
}

func (s *fakeSource) ReadBatch(ctx context.Context) (*event.Batch, error) {
	if len(s.batches) > 0 {
		b := s.batches[0]
		s.batches = s.batches[1:]
		return b, nil
	}
	if s.err != nil {
		return nil, s.err
	}
	<-ctx.Done()
	return nil, ctx.Err()
}

type fakeRegistry struct {
	mu  sync.Mutex
	ids map[string]int
}

func (r *fakeRegistry) Register(_ context.Context, subject, _ string, version uint64, _ string) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := fmt.Sprintf("%s/%d", subject, version)
	if r.ids[k] == 0 {
		r.ids[k] = len(r.ids) + 1
	}
	return r.ids[k], nil
}

// fakeWriter records what it is given; failAt makes the n-th write fail.
type fakeWriter struct {
	mu     sync.Mutex
	writes int
	msgs   []kafka.Message
	failAt int
	err    error
}

func (w *fakeWriter) EnsureTopic(context.Context, string) (int32, error) { return 4, nil }

func (w *fakeWriter) WriteBatch(_ context.Context, msgs []kafka.Message) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes++
	if w.writes == w.failAt {
		return w.err
	}
	for _, m := range msgs { // the caller reuses msgs: copy
		w.msgs = append(w.msgs, m)
	}
	return nil
}

func (w *fakeWriter) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.msgs)
}

func testTable(t *testing.T) *event.Table {
	t.Helper()
	tables, err := schema.ParseDDL("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))", "shop")
	if err != nil {
		t.Fatal(err)
	}
	return tables[0]
}

func row(tb *event.Table, op event.Op, ts uint64, before, after []event.Value) event.RowChange {
	return event.RowChange{Table: tb, Op: op, Before: before, After: after, CommitTs: ts}
}

func vals(id int64, name string) []event.Value {
	return []event.Value{event.IntValue(id), event.StringValue(name)}
}

func pos(n uint32) event.Position { return event.Position{File: "binlog.000001", Pos: n} }

func newPipeline(t *testing.T, src BatchSource, w *fakeWriter) *Pipeline {
	t.Helper()
	router, err := dispatch.New(dispatch.Config{Protocol: "avro", Rules: []dispatch.Rule{
		{Matcher: []string{"*.*"}, Topic: "tidb_{schema}_{table}", Partition: "index-value"}}}, "meta")
	if err != nil {
		t.Fatal(err)
	}
	enc, err := avro.NewEncoder(avro.Options{EnableTiDBExtension: true}, &fakeRegistry{ids: map[string]int{}})
	if err != nil {
		t.Fatal(err)
	}
	return &Pipeline{Source: src, Router: router, Encoder: enc, Writer: w,
		Tracker: checkpoint.NewTracker(checkpoint.Point{}, 1<<20)}
}

// waitResolved runs p until its checkpoint reaches want or the test times out.
func runUntil(t *testing.T, p *Pipeline, done func() bool) error {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- p.Run(ctx) }()
	deadline := time.After(10 * time.Second)
	for !done() {
		select {
		case err := <-errc:
			cancel()
			return err
		case <-deadline:
			cancel()
			t.Fatal("pipeline did not get there in 10s")
		case <-time.After(time.Millisecond):
		}
	}
	cancel()
	return <-errc
}

func TestRunDeliversInOrderAndCheckpoints(t *testing.T) {
	tb := testTable(t)
	var batches []*event.Batch
	ts := uint64(100)
	for i := int64(1); i <= 200; i++ {
		ts++
		batches = append(batches, &event.Batch{Pos: pos(uint32(ts)), CommitTs: ts, Rows: []event.RowChange{
			row(tb, event.OpInsert, ts, nil, vals(i%10, fmt.Sprintf("v%03d", i))),
		}})
	}
	ts++ // a key-changing update: tombstone for id 1, insert of id 1001
	batches = append(batches, &event.Batch{Pos: pos(uint32(ts)), CommitTs: ts, Rows: []event.RowChange{
		row(tb, event.OpUpdate, ts, vals(1, "a"), vals(1001, "a")),
	}})
	ts++
	batches = append(batches, &event.Batch{Pos: pos(uint32(ts)), CommitTs: ts, Rows: []event.RowChange{
		row(tb, event.OpDelete, ts, vals(2, "b"), nil),
	}})
	last := batches[len(batches)-1].Pos
	w := &fakeWriter{}
	p := newPipeline(t, &fakeSource{batches: batches}, w)
	err := runUntil(t, p, func() bool { return p.Tracker.Resolved().Pos == last })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	if got := len(w.msgs); got != 203 {
		t.Fatalf("%d messages, want 203 (200 inserts, tombstone + insert, tombstone)", got)
	}
	// Every message of one key is in one partition, in commit order.
	partOf := map[string]int32{}
	for _, m := range w.msgs {
		if m.Topic != "tidb_shop_item" || m.Table != "shop.item" {
			t.Fatalf("message for %s/%s", m.Topic, m.Table)
		}
		k := string(m.Key)
		if p, ok := partOf[k]; ok && p != m.Partition {
			t.Fatalf("key %x in partitions %d and %d", m.Key, p, m.Partition)
		}
		partOf[k] = m.Partition
	}
	for i, m := range w.msgs[:200] { // writes keep read (commit) order
		if want := fmt.Sprintf("v%03d", i+1); !bytes.Contains(m.Value, []byte(want)) {
			t.Fatalf("message %d does not carry %s: out of order", i, want)
		}
	}
	tomb, ins := w.msgs[200], w.msgs[201]
	if tomb.Value != nil || ins.Value == nil || string(tomb.Key) == string(ins.Key) {
		t.Fatalf("key-changing update: %+v then %+v", tomb, ins)
	}
	if tomb.Partition != partOf[string(tomb.Key)] {
		t.Errorf("tombstone of the old key went to partition %d, the key lives in %d", tomb.Partition, partOf[string(tomb.Key)])
	}
	if w.msgs[202].Value != nil {
		t.Errorf("delete is not a tombstone")
	}
	if p.Stats.RowsRead.Load() != 202 || p.Stats.RowsWritten.Load() != 202 || p.Stats.Messages.Load() != 203 {
		t.Errorf("stats: read %d written %d messages %d", p.Stats.RowsRead.Load(), p.Stats.RowsWritten.Load(), p.Stats.Messages.Load())
	}
	if p.Stats.Batches.Load() != 202 || w.writes >= 202 {
		t.Errorf("%d batches in %d writes: consecutive batches should share writes", p.Stats.Batches.Load(), w.writes)
	}
}

func TestRunFailedWriteIsNotCheckpointed(t *testing.T) {
	tb := testTable(t)
	var batches []*event.Batch
	for i := uint64(1); i <= 50; i++ {
		batches = append(batches, &event.Batch{Pos: pos(uint32(i)), CommitTs: i, Rows: []event.RowChange{
			row(tb, event.OpInsert, i, nil, vals(int64(i), "x"))}})
	}
	boom := errors.New("broker says no")
	w := &fakeWriter{failAt: 1, err: boom}
	p := newPipeline(t, &fakeSource{batches: batches}, w)
	p.MaxWriteMessages = 1
	err := runUntil(t, p, func() bool { return false })
	if !errors.Is(err, boom) || err.Error() != "write: broker says no" {
		t.Fatalf("Run = %v, want the write error", err)
	}
	if r := p.Tracker.Resolved(); !r.IsZero() {
		t.Fatalf("checkpoint moved to %v past an unacknowledged write", r)
	}
}

func TestRunStopsAtTarget(t *testing.T) {
	tb := testTable(t)
	var batches []*event.Batch
	for i := uint64(1); i <= 10; i++ {
		batches = append(batches, &event.Batch{Pos: pos(uint32(i)), CommitTs: i, Rows: []event.RowChange{
			row(tb, event.OpInsert, i, nil, vals(int64(i), "x"))}})
	}
	w := &fakeWriter{}
	p := newPipeline(t, &fakeSource{batches: batches}, w)
	p.TargetTs = 5
	err := runUntil(t, p, func() bool { return false })
	if !errors.Is(err, ErrTargetReached) {
		t.Fatalf("Run = %v, want ErrTargetReached", err)
	}
	if len(w.msgs) != 5 {
		t.Errorf("%d messages, want the 5 committed at or before the target", len(w.msgs))
	}
	if r := p.Tracker.Resolved(); r.CommitTs != 5 {
		t.Errorf("checkpoint ts = %d, want 5", r.CommitTs)
	}
}

// TestRunStopsAtTargetInsideSplitTransaction: the parts of a transaction
// split for size carry the previous commit's ts; the target is judged by
// the transaction's own, so none of its parts is written.
func TestRunStopsAtTargetInsideSplitTransaction(t *testing.T) {
	tb := testTable(t)
	batches := []*event.Batch{
		{Pos: pos(1), CommitTs: 4, Rows: []event.RowChange{row(tb, event.OpInsert, 4, nil, vals(1, "x"))}},
		{Pos: pos(1), CommitTs: 4, Rows: []event.RowChange{row(tb, event.OpInsert, 6, nil, vals(2, "x"))}}, // first part of ts 6
		{Pos: pos(2), CommitTs: 6, Rows: []event.RowChange{row(tb, event.OpInsert, 6, nil, vals(3, "x"))}},
	}
	w := &fakeWriter{}
	p := newPipeline(t, &fakeSource{batches: batches}, w)
	p.TargetTs = 5
	if err := runUntil(t, p, func() bool { return false }); !errors.Is(err, ErrTargetReached) {
		t.Fatalf("Run = %v, want ErrTargetReached", err)
	}
	if len(w.msgs) != 1 {
		t.Errorf("%d messages, want only the transaction committed before the target", len(w.msgs))
	}
	if r := p.Tracker.Resolved(); r.CommitTs != 5 || r.Pos != pos(1) {
		t.Errorf("checkpoint %v ts %d, want %v ts 5", r.Pos, r.CommitTs, pos(1))
	}
}

func TestRunSourceErrorNamesStage(t *testing.T) {
	w := &fakeWriter{}
	p := newPipeline(t, &fakeSource{err: errors.New("connection reset")}, w)
	err := runUntil(t, p, func() bool { return false })
	var se *stageError
	if !errors.As(err, &se) || se.stage != "read" {
		t.Fatalf("Run = %v, want a read-stage error", err)
	}
}

type dropOdd struct{}

func (dropOdd) ShouldIgnoreRow(r *event.RowChange) (bool, error) { return r.After[0].Int%2 == 1, nil }

func TestRunFilterDropsRows(t *testing.T) {
	tb := testTable(t)
	b := &event.Batch{Pos: pos(1), CommitTs: 1}
	for i := int64(1); i <= 6; i++ {
		b.Rows = append(b.Rows, row(tb, event.OpInsert, 1, nil, vals(i, "x")))
	}
	w := &fakeWriter{}
	p := newPipeline(t, &fakeSource{batches: []*event.Batch{b}}, w)
	p.Filter = dropOdd{}
	runUntil(t, p, func() bool { return p.Tracker.Resolved().Pos == pos(1) })
	if len(w.msgs) != 3 {
		t.Fatalf("%d messages, want 3 (even ids)", len(w.msgs))
	}
}

func TestRunSnapshotReachesItsPositionOnlyWithTheMarker(t *testing.T) {
	tb := testTable(t)
	snapPos := pos(500)
	var batches []*event.Batch
	for i := int64(1); i <= 3; i++ {
		batches = append(batches, &event.Batch{Pos: snapPos, CommitTs: 7, Snapshot: true, Rows: []event.RowChange{
			row(tb, event.OpInsert, 7, nil, vals(i, "s"))}})
	}
	w := &fakeWriter{}
	p := newPipeline(t, &fakeSource{batches: batches}, w)
	runUntil(t, p, func() bool { return w.count() == 3 && p.Tracker.Unresolved() == 0 })
	if r := p.Tracker.Resolved(); !r.IsZero() {
		t.Fatalf("checkpoint %v reached before the snapshot's end marker", r)
	}
	marker := &event.Batch{Pos: snapPos, CommitTs: 7}
	p2 := newPipeline(t, &fakeSource{batches: append(batches, marker)}, &fakeWriter{})
	runUntil(t, p2, func() bool { return p2.Tracker.Resolved().Pos == snapPos })
}
