package event

import (
	"fmt"
	"time"
)

// Position is a place in the upstream binlog. GTID, when set, is the
// server's executed GTID set after the transaction (MySQL "uuid:1-5" or
// MariaDB "0-1-42" form); File and Pos are the binlog coordinates of the
// end of the transaction.
type Position struct {
	File string `json:"file,omitempty"`
	Pos  uint32 `json:"pos,omitempty"`
	GTID string `json:"gtid,omitempty"`
}

// IsZero reports whether p names no position.
func (p Position) IsZero() bool { return p.File == "" && p.GTID == "" }

// String renders p as "file:pos", with the GTID set appended when known.
func (p Position) String() string {
	switch {
	case p.IsZero():
		return "(none)"
	case p.GTID == "":
		return fmt.Sprintf("%s:%d", p.File, p.Pos)
	case p.File == "":
		return p.GTID
	}
	return fmt.Sprintf("%s:%d (gtid %s)", p.File, p.Pos, p.GTID)
}

// DDL is a schema change in the binlog.
type DDL struct {
	Schema string // current database of the statement
	Query  string
	// Tables are the definitions after the change, one per table it
	// touches; a dropped table appears with Dropped set.
	Tables  []*Table
	Dropped []string // "db.table" names removed by the change
	// CommitTs is the statement's own commit ts, when its batch carries
	// an earlier one (see Batch).
	CommitTs uint64
}

// Batch is one upstream transaction: its row changes in binlog order, or a
// DDL, ending at a commit. Pos is the position just after the commit, so a
// restart from Pos begins with the next transaction, and CommitTs the
// commit's ts: together, the checkpoint the batch allows. A part of a
// transaction split for size, and any batch while a prepared XA
// transaction is held, carries an earlier commit's Pos and CommitTs
// instead; its rows (and DDL) carry their own: see TxnTs.
type Batch struct {
	Rows       []RowChange
	DDL        *DDL
	Pos        Position
	CommitTs   uint64
	CommitTime time.Time
	// Snapshot is set for batches produced by the initial table copy.
	Snapshot bool
}

// TxnTs is the commit ts of the batch's own transaction: the newest of
// CommitTs and its rows' and DDL's, which may be later (see Batch).
func (b *Batch) TxnTs() uint64 {
	ts := b.CommitTs
	if n := len(b.Rows); n > 0 {
		ts = max(ts, b.Rows[n-1].CommitTs)
	}
	if b.DDL != nil {
		ts = max(ts, b.DDL.CommitTs)
	}
	return ts
}

// tsoLogicalBits is the width of the logical part of a TiDB TSO.
const tsoLogicalBits = 18

// ComposeTS builds a TiCDC/TiDB TSO from a physical time in milliseconds
// since the Unix epoch and a logical counter (which must be < 2^18).
func ComposeTS(physicalMs int64, logical uint64) uint64 {
	return uint64(physicalMs)<<tsoLogicalBits | logical&(1<<tsoLogicalBits-1)
}

// PhysicalMs returns the physical part of a TSO in milliseconds since the
// Unix epoch.
func PhysicalMs(ts uint64) int64 { return int64(ts >> tsoLogicalBits) }

// TSOTime returns the physical part of a TSO as a time.
func TSOTime(ts uint64) time.Time { return time.UnixMilli(PhysicalMs(ts)).UTC() }
