package binlog

import (
	"strings"

	"github.com/go-mysql-org/go-mysql/replication"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// XA transactions (XA START … XA END, XA PREPARE, later XA COMMIT or XA
// ROLLBACK, possibly after other transactions) reach the binlog twice:
// their rows in the group that ends with XA PREPARE, their outcome in a
// group of its own. The rows are held from the prepare until the outcome:
// delivered with the commit's ts and position, or dropped on a rollback.
// While any is held, batches carry the position and ts of the commit
// before the oldest held prepare, so a checkpoint never passes a prepared
// transaction and a restart reads its rows again.

// mariadbPreparedXA flags a MariaDB GTID event that opens an XA
// transaction's prepare group (FL_PREPARED_XA).
const mariadbPreparedXA = 64

// xaTxn is a prepared XA transaction waiting for its outcome.
type xaTxn struct {
	key    string // the XID as the server prints it: X'…',X'…',n
	rows   []event.RowChange
	held   event.Position // the commit before its prepare
	heldTs uint64
}

// xaStatement splits an XA statement as the binlog holds it (XA END and
// the XID in hex, as "X'7831',X'62',1") into its verb and XID; ok is
// false for other statements.
func xaStatement(q string) (verb, key string, ok bool) {
	if len(q) < 3 || !strings.EqualFold(q[:3], "XA ") {
		return "", "", false
	}
	verb, key, _ = strings.Cut(strings.TrimSpace(q[3:]), " ")
	key = strings.TrimSpace(key)
	if k, found := strings.CutSuffix(strings.ToUpper(key), " ONE PHASE"); found {
		key = key[:len(k)]
	}
	return strings.ToUpper(verb), key, true
}

// emitted is the position and ts batches carry: the last commit's, or,
// while XA transactions are held, the commit before the oldest prepare.
func (s *Source) emitted() (event.Position, uint64) {
	if len(s.xa) > 0 {
		return s.xa[0].held, s.xa[0].heldTs
	}
	return s.committed, s.committedTs
}

// xaQuery handles XA START, END, COMMIT and ROLLBACK.
func (s *Source) xaQuery(h *replication.EventHeader, verb, key string) (*event.Batch, error) {
	switch verb {
	case "START": // MySQL writes it; MariaDB flags its GTID event instead
		if !s.txn.open {
			s.begin(int64(h.Timestamp)*1000, h.Timestamp)
		}
		s.txn.xa = true
		return nil, nil
	case "END":
		s.txn.xa, s.txn.xaKey = true, key
		return nil, nil
	case "COMMIT", "ROLLBACK":
	default:
		return nil, nil
	}
	if !s.txn.open {
		s.begin(int64(h.Timestamp)*1000, h.Timestamp)
	}
	if s.txn.xaKey == key { // one phase: the rows are in this very group
		if verb == "ROLLBACK" {
			s.txn.rows = nil
		}
		return s.commit(h)
	}
	i := s.findXA(key)
	if i < 0 {
		s.cfg.Logger.Warn("XA transaction ends whose prepare is before this changefeed's start: its rows are not captured",
			"xid", key, "outcome", verb)
		return s.commit(h)
	}
	held := s.xa[i]
	s.xa = append(s.xa[:i], s.xa[i+1:]...)
	if verb == "COMMIT" {
		for j := range held.rows {
			held.rows[j].CommitTs = s.txn.ts
		}
		s.txn.rows = append(s.txn.rows, held.rows...)
	}
	return s.commit(h)
}

// xaPrepare ends an XA transaction's prepare group: its rows are held,
// and the position moves on without a batch.
func (s *Source) xaPrepare(h *replication.EventHeader) error {
	held, heldTs := s.emitted()
	if err := s.gtid.commit(); err != nil {
		return err
	}
	s.committed = event.Position{File: s.file, Pos: h.LogPos, GTID: s.gtid.String()}
	s.committedTs = s.txn.ts
	s.xa = append(s.xa, xaTxn{key: s.txn.xaKey, rows: s.txn.rows, held: held, heldTs: heldTs})
	s.txn = txn{}
	return nil
}

func (s *Source) findXA(key string) int {
	for i := range s.xa {
		if s.xa[i].key == key {
			return i
		}
	}
	return -1
}
