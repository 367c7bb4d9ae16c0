package engine

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

// BatchSource yields upstream transactions in commit order (binlog source,
// snapshot reader, or a test fake).
type BatchSource interface {
	ReadBatch(ctx context.Context) (*event.Batch, error)
}

// RowFilter drops rows by the changefeed's event filters.
type RowFilter interface {
	ShouldIgnoreRow(row *event.RowChange) (bool, error)
}

// TableRouter picks the topic and partition dispatcher of a table version.
type TableRouter interface {
	Route(t *event.Table) (*dispatch.Route, error)
}

// RowEncoder turns a row change into Avro messages (pkg/codec/avro).
type RowEncoder interface {
	AppendMessages(ctx context.Context, buf []byte, msgs []avro.Message, topic string, rc *event.RowChange) ([]byte, []avro.Message, error)
}

// MessageWriter writes messages to Kafka and returns once they are
// acknowledged (pkg/sink/kafka).
type MessageWriter interface {
	EnsureTopic(ctx context.Context, topic string) (int32, error)
	WriteBatch(ctx context.Context, msgs []kafka.Message) error
}

// Pipeline is one run of a changefeed: read → filter → route → encode →
// write → ack. Per-partition order holds because batches are encoded and
// written in read order by one goroutine each; throughput comes from the
// stages overlapping and from the writer merging consecutive batches into
// one produce call.
type Pipeline struct {
	Source  BatchSource
	Filter  RowFilter // nil keeps every row
	Router  TableRouter
	Encoder RowEncoder
	Writer  MessageWriter
	// Tracker orders acks into the resolved checkpoint and bounds the
	// bytes in flight.
	Tracker *checkpoint.Tracker
	// TargetTs stops the run (returning ErrTargetReached once everything
	// before it is written) at the first transaction committed after it;
	// 0 runs forever.
	TargetTs uint64
	// OnDDL is called by the reader for every DDL batch, before any row
	// after it is read (the engine keeps the schema history with it).
	OnDDL func(b *event.Batch)
	// Drain, when closed, stops the reader: what was read is still
	// encoded, written and acknowledged, then Run returns nil. Cancelling
	// Run's ctx instead abandons what is in flight.
	Drain <-chan struct{}
	// MaxWriteMessages caps the messages merged into one write (default 8192).
	MaxWriteMessages int
	Stats            *Stats
	Logger           *slog.Logger
}

// Stats are the live counters of a run, read by the engine and metrics.
type Stats struct {
	RowsRead      counter
	RowsWritten   counter
	Messages      counter
	Bytes         counter
	Batches       counter
	writeStarted  atomicTime // when the write in progress began; zero when idle
	encodeStarted atomicTime // when the batch being encoded began; zero when idle

	// ObserveEncode and ObserveWrite, when set, receive the duration of
	// encoding one batch and of one Kafka write (metrics histograms).
	ObserveEncode func(time.Duration)
	ObserveWrite  func(time.Duration)

	tablesMu sync.Mutex
	tables   map[string]*TableCounts // rows encoded per "db.table"
}

// TableCounts counts the row changes of one table by kind, and apart
// from them the rows of the initial copy.
type TableCounts struct {
	Inserts, Updates, Deletes, Snapshot counter
}

func (c *TableCounts) add(op event.Op, snapshot bool) {
	if snapshot {
		c.Snapshot.Add(1)
		return
	}
	switch op {
	case event.OpInsert:
		c.Inserts.Add(1)
	case event.OpUpdate:
		c.Updates.Add(1)
	case event.OpDelete:
		c.Deletes.Add(1)
	}
}

// Total is the number of row changes counted.
func (c *TableCounts) Total() int64 {
	return c.Inserts.Load() + c.Updates.Load() + c.Deletes.Load() + c.Snapshot.Load()
}

// tableCounter returns the counters of a table, creating them.
func (s *Stats) tableCounter(name string) *TableCounts {
	s.tablesMu.Lock()
	defer s.tablesMu.Unlock()
	if s.tables == nil {
		s.tables = map[string]*TableCounts{}
	}
	c, ok := s.tables[name]
	if !ok {
		c = &TableCounts{}
		s.tables[name] = c
	}
	return c
}

// TableRows returns the rows encoded per table, by kind: [insert, update,
// delete, snapshot].
func (s *Stats) TableRows() map[string][4]int64 {
	s.tablesMu.Lock()
	defer s.tablesMu.Unlock()
	out := make(map[string][4]int64, len(s.tables))
	for k, c := range s.tables {
		out[k] = [4]int64{c.Inserts.Load(), c.Updates.Load(), c.Deletes.Load(), c.Snapshot.Load()}
	}
	return out
}

// EncodeStalledFor says how long the batch being encoded has taken: it
// waits on the schema registry (registering a new schema) and on Kafka's
// metadata (a new topic); 0 when the encoder is idle.
func (s *Stats) EncodeStalledFor(now time.Time) time.Duration {
	t := s.encodeStarted.Load()
	if t.IsZero() {
		return 0
	}
	return now.Sub(t)
}

// WriteStalledFor says how long the write in progress has waited for
// Kafka's acknowledgement (0 when no write is in progress).
func (s *Stats) WriteStalledFor(now time.Time) time.Duration {
	t := s.writeStarted.Load()
	if t.IsZero() {
		return 0
	}
	return now.Sub(t)
}

func (p *Pipeline) withDefaults() {
	if p.MaxWriteMessages <= 0 {
		p.MaxWriteMessages = 8192
	}
	if p.Stats == nil {
		p.Stats = &Stats{}
	}
	if p.Logger == nil {
		p.Logger = slog.New(slog.DiscardHandler)
	}
}
