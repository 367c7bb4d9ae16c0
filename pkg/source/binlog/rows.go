package binlog

import (
	"fmt"
	"strings"

	"github.com/go-mysql-org/go-mysql/replication"
	"github.com/google/uuid"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// rows turns a rows event into row changes of the open transaction. When
// the transaction grows past MaxBatchRows, the rows so far are returned as
// a partial batch that carries the previous commit position, so the
// checkpoint cannot move into the transaction.
func (s *Source) rows(h *replication.EventHeader, e *replication.RowsEvent) (*event.Batch, error) {
	if e.Table == nil {
		return nil, nil
	}
	db, name := string(e.Table.Schema), string(e.Table.Table)
	if !s.cfg.Match(db, name) {
		return nil, nil
	}
	var raw rawRows
	var stashed bool
	if len(e.Rows) == 0 { // not decoded by go-mysql: decodeRows kept its body
		raw, stashed = s.raw.take(e)
	}
	if (stashed && len(raw.data) <= raw.pos) || (!stashed && len(e.Rows) == 0) {
		return nil, nil
	}
	t := s.cfg.Tracker.Table(db, name)
	if t == nil {
		return nil, fmt.Errorf("binlog source: %w: row change for %s.%s, whose definition is not known at this position", ErrSchema, db, name)
	}
	if !t.Eligible() {
		return nil, nil // no key to address its rows by: skipped, as TiCDC skips ineligible tables
	}
	if err := checkColumnNames(t, e.Table); err != nil {
		return nil, err
	}
	if !s.txn.open {
		s.begin(int64(h.Timestamp)*1000, h.Timestamp)
	}
	op, step := opOf(h.EventType)
	if op == 0 {
		return nil, nil
	}
	start := len(s.txn.rows)
	switch {
	case stashed && plainRowsEvent(h.EventType) && int(e.ColumnCount) == len(t.Columns) && s.dec.prepare(e.Table):
		if err := s.fastRows(t, e, raw, op); err != nil {
			return nil, err
		}
		padFixedBinary(t, s.txn.rows[start:])
		return s.splitLarge(), nil
	case stashed:
		if err := e.DecodeData(raw.pos, raw.data); err != nil {
			return nil, fmt.Errorf("binlog source: decode rows of %s: %w", t.QualifiedName(), err)
		}
	}
	n := len(t.Columns)
	arena := make([]event.Value, len(e.Rows)*n) // one allocation per rows event
	for i := 0; i+step <= len(e.Rows); i += step {
		rc := event.RowChange{Table: t, Op: op, CommitTs: s.txn.ts}
		first := arena[i*n : (i+1)*n : (i+1)*n]
		if err := convertRow(t, e.Rows[i], first); err != nil {
			return nil, fmt.Errorf("binlog source: %w: %w", ErrSchema, err)
		}
		switch op {
		case event.OpInsert:
			rc.After = first
		case event.OpDelete:
			rc.Before = first
		case event.OpUpdate:
			rc.Before = first
			rc.After = arena[(i+1)*n : (i+2)*n : (i+2)*n]
			if err := convertRow(t, e.Rows[i+1], rc.After); err != nil {
				return nil, fmt.Errorf("binlog source: %w", err)
			}
		}
		s.txn.rows = append(s.txn.rows, rc)
	}
	padFixedBinary(t, s.txn.rows[start:])
	return s.splitLarge(), nil
}

// padFixedBinary restores the trailing zero bytes of BINARY(n) values,
// which the binlog leaves out: the server stores and returns all n bytes,
// and so do SELECT, the snapshot and TiCDC.
func padFixedBinary(t *event.Table, rows []event.RowChange) {
	for j := range t.Columns {
		c := &t.Columns[j]
		if c.Type != event.TypeChar || !c.Binary || c.Length <= 0 {
			continue
		}
		for i := range rows {
			if rows[i].Before != nil {
				padValue(&rows[i].Before[j], c.Length)
			}
			if rows[i].After != nil {
				padValue(&rows[i].After[j], c.Length)
			}
		}
	}
}

func padValue(v *event.Value, n int) {
	if v.Null || len(v.Bytes) >= n {
		return
	}
	b := make([]byte, n)
	copy(b, v.Bytes)
	v.Bytes = b
}

// splitLarge returns the rows of the open transaction as a partial batch
// once they reach MaxBatchRows; it carries the previous commit's position
// and ts (its rows carry their own), so the checkpoint cannot move into
// the transaction, and a restart from it seeds the clock as it was before
// the transaction: the replayed rows get the commit ts they had.
func (s *Source) splitLarge() *event.Batch {
	if len(s.txn.rows) < s.cfg.MaxBatchRows || s.txn.xa {
		return nil
	}
	pos, ts := s.emitted()
	b := &event.Batch{Rows: s.txn.rows, Pos: pos, CommitTs: ts, CommitTime: s.txn.time}
	s.txn.rows = nil
	return b
}

// opOf maps a rows event type to the change kind and the number of row
// images per change.
func opOf(t replication.EventType) (event.Op, int) {
	switch t {
	case replication.WRITE_ROWS_EVENTv0, replication.WRITE_ROWS_EVENTv1, replication.WRITE_ROWS_EVENTv2,
		replication.MARIADB_WRITE_ROWS_COMPRESSED_EVENT_V1:
		return event.OpInsert, 1
	case replication.UPDATE_ROWS_EVENTv0, replication.UPDATE_ROWS_EVENTv1, replication.UPDATE_ROWS_EVENTv2,
		replication.MARIADB_UPDATE_ROWS_COMPRESSED_EVENT_V1, replication.PARTIAL_UPDATE_ROWS_EVENT:
		return event.OpUpdate, 2
	case replication.DELETE_ROWS_EVENTv0, replication.DELETE_ROWS_EVENTv1, replication.DELETE_ROWS_EVENTv2,
		replication.MARIADB_DELETE_ROWS_COMPRESSED_EVENT_V1:
		return event.OpDelete, 1
	}
	return 0, 0
}

// checkColumnNames compares the binlog's column names (binlog_row_metadata
// = FULL) with the tracked definition, so a schema drift is an error rather
// than values landing in the wrong columns.
func checkColumnNames(t *event.Table, tm *replication.TableMapEvent) error {
	names := tm.ColumnName
	if len(names) == 0 {
		return nil // no metadata: the column count check in convertRow still applies
	}
	if len(names) != len(t.Columns) {
		return fmt.Errorf("binlog source: %w: %s has %d columns in the binlog but %d in the tracked definition",
			ErrSchema, t.QualifiedName(), len(names), len(t.Columns))
	}
	for i, n := range names {
		if !strings.EqualFold(string(n), t.Columns[i].Name) {
			return fmt.Errorf("binlog source: %w: %s column %d is %q in the binlog but %q in the tracked definition",
				ErrSchema, t.QualifiedName(), i+1, n, t.Columns[i].Name)
		}
	}
	return nil
}

func gtidString(e *replication.GTIDEvent) (string, error) {
	u, err := uuid.FromBytes(e.SID)
	if err != nil {
		return "", fmt.Errorf("binlog source: GTID event with bad server uuid: %w", err)
	}
	return fmt.Sprintf("%s:%d", u, e.GNO), nil
}
