package binlog

import (
	"fmt"
	"sync"

	"github.com/go-mysql-org/go-mysql/replication"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// eventCacheCount is go-mysql's queue of parsed events ahead of ReadBatch.
const eventCacheCount = 1024

// maxStashed bounds the undecoded events waiting in a rawStash; beyond it
// (events that never reach rows, such as those inside a MySQL transaction
// payload event) go-mysql decodes them as before.
const maxStashed = 1 << 14

// rawRows is the undecoded body of a rows event: row images from pos on.
type rawRows struct {
	data []byte
	pos  int
}

// rawStash hands rows events' bodies from go-mysql's goroutine (put) to
// the reader's (take), in event order: a ring that allocates nothing once
// grown.
type rawStash struct {
	mu      sync.Mutex
	ring    []stashed
	head, n int
}

type stashed struct {
	e   *replication.RowsEvent
	raw rawRows
}

func (r *rawStash) put(e *replication.RowsEvent, data []byte, pos int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.n >= maxStashed {
		return false
	}
	if r.n == len(r.ring) {
		grown := make([]stashed, max(64, 2*len(r.ring)))
		for i := range r.n {
			grown[i] = r.ring[(r.head+i)%len(r.ring)]
		}
		r.ring, r.head = grown, 0
	}
	r.ring[(r.head+r.n)%len(r.ring)] = stashed{e: e, raw: rawRows{data: data, pos: pos}}
	r.n++
	return true
}

// take removes e's body. Events are taken in the order they were put; any
// put before e and never taken is dropped with it.
func (r *rawStash) take(e *replication.RowsEvent) (rawRows, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.n {
		if r.ring[(r.head+i)%len(r.ring)].e != e {
			continue
		}
		var raw rawRows
		for range i + 1 {
			raw = r.ring[r.head].raw
			r.ring[r.head] = stashed{}
			r.head = (r.head + 1) % len(r.ring)
			r.n--
		}
		return raw, true
	}
	return rawRows{}, false
}

// plainRowsEvent reports whether rows events of type t hold plain row
// images (not MariaDB-compressed, not MySQL partial JSON updates).
func plainRowsEvent(t replication.EventType) bool {
	switch t {
	case replication.WRITE_ROWS_EVENTv1, replication.WRITE_ROWS_EVENTv2,
		replication.UPDATE_ROWS_EVENTv1, replication.UPDATE_ROWS_EVENTv2,
		replication.DELETE_ROWS_EVENTv1, replication.DELETE_ROWS_EVENTv2:
		return true
	}
	return false
}

// fastRows decodes the row images of raw with the image decoder (already
// prepared for e's table map) and appends the changes to the open
// transaction.
func (s *Source) fastRows(t *event.Table, e *replication.RowsEvent, raw rawRows, op event.Op) error {
	data := raw.data[raw.pos:]
	for len(data) > 0 {
		rc := event.RowChange{Table: t, Op: op, CommitTs: s.txn.ts}
		img, n, err := s.dec.image(data, e.ColumnBitmap1, t.Columns)
		if err == nil && n == 0 {
			err = fmt.Errorf("empty row image")
		}
		if err != nil {
			return fmt.Errorf("binlog source: %w: table %s: %w", ErrSchema, t.QualifiedName(), err)
		}
		data = data[n:]
		switch op {
		case event.OpInsert:
			rc.After = img
		case event.OpDelete:
			rc.Before = img
		case event.OpUpdate:
			rc.Before = img
			if rc.After, n, err = s.dec.image(data, e.ColumnBitmap2, t.Columns); err != nil {
				return fmt.Errorf("binlog source: %w: table %s: %w", ErrSchema, t.QualifiedName(), err)
			}
			data = data[n:]
		}
		s.txn.rows = append(s.txn.rows, rc)
	}
	return nil
}
