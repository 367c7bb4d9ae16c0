package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

// errTopicMetadata marks a failed topic lookup or creation: a Kafka
// error, though it happens while encoding.
var errTopicMetadata = errors.New("kafka topic metadata")

// ErrTargetReached ends a run whose changefeed reached its target-ts.
var ErrTargetReached = errors.New("changefeed reached its target-ts")

// work is one batch travelling through the stages.
type work struct {
	batch *event.Batch
	h     checkpoint.Handle
	msgs  []kafka.Message
	buf   []byte
	last  bool // the target was reached after this batch
}

// queueDepth is how many batches may wait between two stages; the bytes
// they hold are bounded by the tracker's in-flight limit.
const queueDepth = 256

// Run pumps batches until Drain is closed (returning nil once everything
// read is acknowledged), ctx ends (returning ctx's error, abandoning what is
// in flight), the target is reached (ErrTargetReached, after every earlier
// batch is acknowledged) or a stage fails. On any return the stages have
// stopped; batches not yet acknowledged are not checkpointed and will be
// read again on restart.
func (p *Pipeline) Run(ctx context.Context) error {
	p.withDefaults()
	g, ctx := errgroup.WithContext(ctx)
	toEncode := make(chan *work, queueDepth)
	toWrite := make(chan *work, queueDepth)
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	if p.Drain != nil {
		g.Go(func() error {
			select {
			case <-p.Drain:
				stopReading()
			case <-readCtx.Done():
			}
			return nil
		})
	}
	g.Go(func() error {
		defer close(toEncode)
		err := p.read(readCtx, toEncode)
		if readCtx.Err() != nil && ctx.Err() == nil {
			return nil // drained: the stages behind finish what was read
		}
		if err == nil {
			stopReading() // the target was reached: nothing more to read
		}
		return err
	})
	g.Go(func() error { defer close(toWrite); return p.encode(ctx, toEncode, toWrite) })
	g.Go(func() error { return p.write(ctx, toWrite) })
	return g.Wait()
}

func (p *Pipeline) read(ctx context.Context, out chan<- *work) error {
	// Snapshot batches are tracked at the last commit position, so the
	// checkpoint reaches the snapshot's position only with the marker batch
	// the source sends once the whole copy is read.
	last := p.Tracker.Resolved()
	for {
		b, err := p.Source.ReadBatch(ctx)
		if err != nil {
			return &stageError{stage: "read", err: err}
		}
		w := &work{batch: b}
		if p.TargetTs > 0 && b.TxnTs() > p.TargetTs && !b.Snapshot {
			// Nothing of this transaction is written: mark the end.
			w.batch = &event.Batch{Pos: b.Pos, CommitTs: p.TargetTs}
			w.last = true
		}
		if err := p.Tracker.Acquire(ctx, batchBytes(w.batch)); err != nil {
			return err
		}
		if w.batch.Snapshot {
			w.h = p.Tracker.Track(last.Pos, last.CommitTs)
		} else {
			w.h = p.Tracker.Track(w.batch.Pos, w.batch.CommitTs)
			last = checkpoint.Point{Pos: w.batch.Pos, CommitTs: w.batch.CommitTs}
		}
		if w.batch.DDL != nil && p.OnDDL != nil {
			p.OnDDL(w.batch)
		}
		p.Stats.RowsRead.Add(int64(len(w.batch.Rows)))
		select {
		case out <- w:
		case <-ctx.Done():
			return ctx.Err()
		}
		if w.last {
			return nil
		}
	}
}

// batchBytes estimates the memory a batch holds until it is acknowledged:
// its values, and its encoded messages of about the same size.
func batchBytes(b *event.Batch) int64 {
	var n int64
	for i := range b.Rows {
		r := &b.Rows[i]
		n += 64 + int64(len(r.Before)+len(r.After))*32
		for _, v := range r.Before {
			n += int64(len(v.Bytes))
		}
		for _, v := range r.After {
			n += int64(len(v.Bytes))
		}
	}
	return 2*n + 256
}

func (p *Pipeline) encode(ctx context.Context, in <-chan *work, out chan<- *work) error {
	enc := rowEncoder{p: p, partitions: map[string]int32{}}
	for w := range in {
		if err := enc.batch(ctx, w); err != nil {
			return &stageError{stage: "encode", err: err}
		}
		select {
		case out <- w:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// rowEncoder is the encode stage's state: the topics' partition counts,
// a scratch slice reused for every row, the name and row counter of the
// last table seen (rows of one table come in runs, so lookups are rare),
// and the bytes a row encodes to, recently, to size a batch's buffer.
type rowEncoder struct {
	p          *Pipeline
	partitions map[string]int32
	scratch    []avro.Message
	lastTable  *event.Table
	lastName   string
	lastCount  *TableCounts
	rowBytes   map[*event.Table]int // recent encoded bytes per row, by table
}

func (e *rowEncoder) batch(ctx context.Context, w *work) error {
	start := time.Now()
	e.p.Stats.encodeStarted.Store(start)
	defer e.p.Stats.encodeStarted.Store(time.Time{})
	if obs := e.p.Stats.ObserveEncode; obs != nil {
		defer func() { obs(time.Since(start)) }()
	}
	rows := w.batch.Rows
	e.reserve(w, rows)
	for i := range rows {
		rc := &rows[i]
		if rc.Table != e.lastTable {
			e.lastTable, e.lastName = rc.Table, rc.Table.QualifiedName()
			e.lastCount = e.p.Stats.tableCounter(e.lastName)
		}
		e.lastCount.add(rc.Op, w.batch.Snapshot)
		if e.p.Filter != nil {
			skip, err := e.p.Filter.ShouldIgnoreRow(rc)
			if err != nil {
				return fmt.Errorf("filter %s: %w", rc.Table.QualifiedName(), err)
			}
			if skip {
				continue
			}
		}
		route, err := e.p.Router.Route(rc.Table)
		if err != nil {
			return err
		}
		n, ok := e.partitions[route.Topic]
		if !ok {
			if n, err = e.p.Writer.EnsureTopic(ctx, route.Topic); err != nil {
				return fmt.Errorf("topic %q: %w: %w", route.Topic, errTopicMetadata, err)
			}
			e.partitions[route.Topic] = n
		}
		w.buf, e.scratch, err = e.p.Encoder.AppendMessages(ctx, w.buf, e.scratch[:0], route.Topic, rc)
		if err != nil {
			return err
		}
		table := e.lastName
		part := route.Partition(rc, n)
		for _, m := range e.scratch {
			part := part
			if m.Op == event.OpDelete && rc.Op == event.OpUpdate {
				// The tombstone of a key-changing update goes where the old key lives.
				old := event.RowChange{Table: rc.Table, Op: event.OpDelete, Before: rc.Before}
				part = route.Partition(&old, n)
			}
			w.msgs = append(w.msgs, kafka.Message{Topic: route.Topic, Partition: part, Key: m.Key, Value: m.Value, Table: table})
		}
	}
	if len(rows) > 0 {
		e.rowBytes[rows[0].Table] = len(w.buf)/len(rows) + 1
	}
	return nil
}

// reserve sizes the batch's buffers at once from what rows of its first
// table encoded to before: messages point into the buffer, so each
// regrowth would copy it and keep the old copy alive until the batch is
// acknowledged.
func (e *rowEncoder) reserve(w *work, rows []event.RowChange) {
	if len(rows) == 0 {
		return
	}
	if e.rowBytes == nil {
		e.rowBytes = map[*event.Table]int{}
	}
	if w.buf == nil {
		per, ok := e.rowBytes[rows[0].Table]
		if !ok && len(e.rowBytes) > 0 {
			for t := range e.rowBytes { // a new table version: start from the old one's
				if t.Schema == rows[0].Table.Schema && t.Name == rows[0].Table.Name {
					per = e.rowBytes[t]
					delete(e.rowBytes, t)
					break
				}
			}
		}
		w.buf = make([]byte, 0, len(rows)*(per+per/8+16))
	}
	if w.msgs == nil {
		w.msgs = make([]kafka.Message, 0, len(rows))
	}
}

func (p *Pipeline) write(ctx context.Context, in <-chan *work) error {
	var group []*work
	var msgs []kafka.Message
	for {
		w, ok := <-in
		if !ok {
			return nil
		}
		group = append(group[:0], w)
		msgs = append(msgs[:0], w.msgs...)
	drain: // merge whatever else is ready, up to the cap
		for len(msgs) < p.MaxWriteMessages && !w.last {
			select {
			case w, ok = <-in:
				if !ok {
					break drain
				}
				group = append(group, w)
				msgs = append(msgs, w.msgs...)
			default:
				break drain
			}
		}
		if err := p.writeAll(ctx, msgs); err != nil {
			return &stageError{stage: "write", err: err}
		}
		var bytes, rows int64
		for _, g := range group {
			g.h.Ack()
			bytes += int64(len(g.buf))
			rows += int64(len(g.batch.Rows))
		}
		p.Stats.RowsWritten.Add(rows)
		p.Stats.Batches.Add(int64(len(group)))
		p.Stats.Messages.Add(int64(len(msgs)))
		p.Stats.Bytes.Add(bytes)
		if group[len(group)-1].last {
			return ErrTargetReached
		}
	}
}

func (p *Pipeline) writeAll(ctx context.Context, msgs []kafka.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	start := time.Now()
	p.Stats.writeStarted.Store(start)
	defer p.Stats.writeStarted.Store(time.Time{})
	if obs := p.Stats.ObserveWrite; obs != nil {
		defer func() { obs(time.Since(start)) }()
	}
	return p.Writer.WriteBatch(ctx, msgs)
}

// stageError names the stage an error came from.
type stageError struct {
	stage string
	err   error
}

func (e *stageError) Error() string { return e.stage + ": " + e.err.Error() }
func (e *stageError) Unwrap() error { return e.err }
