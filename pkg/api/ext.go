package api

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Extensions are what cdcctl adds to ChangeFeedInfo for MySQL-family
// upstreams. They follow TiCDC's keys and TiCDC clients ignore them.
type Extensions struct {
	// Upstream is the upstream DSN, masked (MaskDSN) in every answer.
	Upstream string `json:"upstream,omitempty"`
	// StartPosition is where the changefeed began streaming: a GTID set
	// or file:pos.
	StartPosition string `json:"start_position,omitempty"`
	// Snapshot is the snapshot mode the changefeed was created with.
	Snapshot SnapshotMode `json:"snapshot,omitempty"`
	// CheckpointPosition is the binlog position of the checkpoint.
	CheckpointPosition string `json:"checkpoint_position,omitempty"`
	// SnapshotProgress is the progress of the initial copy.
	SnapshotProgress *SnapshotProgress `json:"snapshot_progress,omitempty"`
	// RowsPerSecond is the recent throughput (rows acknowledged by Kafka).
	RowsPerSecond *float64 `json:"rows_per_second,omitempty"`
	// Tables are the per-table counts of rows written.
	Tables []TableCount `json:"tables,omitempty"`
}

// SnapshotMode says whether a changefeed copies the existing rows of its
// tables before streaming the binlog.
type SnapshotMode string

// Snapshot modes.
const (
	// SnapshotInitial copies existing rows from a consistent snapshot,
	// then streams from the snapshot's binlog position.
	SnapshotInitial SnapshotMode = "initial"
	// SnapshotNever only streams, from the start position (or the
	// current end of the binlog).
	SnapshotNever SnapshotMode = "never"
)

// SnapshotModes lists the modes in the order help shows them.
func SnapshotModes() []SnapshotMode { return []SnapshotMode{SnapshotInitial, SnapshotNever} }

// Check returns an error naming the valid modes when m is not one ("" is
// valid: the server chooses).
func (m SnapshotMode) Check() error {
	switch m {
	case "", SnapshotInitial, SnapshotNever:
		return nil
	}
	return fmt.Errorf("snapshot: want initial or never, got %q", string(m))
}

// SnapshotProgress is how far the initial copy is.
type SnapshotProgress struct {
	// State is pending, running, done or skipped.
	State        string `json:"state"`
	TablesTotal  int    `json:"tables_total"`
	TablesDone   int    `json:"tables_done"`
	RowsCopied   uint64 `json:"rows_copied"`
	CurrentTable string `json:"current_table,omitempty"`
}

// TableCount counts the row changes of one table written to Kafka:
// binlog inserts, updates and deletes, and the rows of the initial copy.
type TableCount struct {
	Schema       string `json:"database_name"`
	Table        string `json:"table_name"`
	Inserts      uint64 `json:"inserts"`
	Updates      uint64 `json:"updates"`
	Deletes      uint64 `json:"deletes"`
	SnapshotRows uint64 `json:"snapshot_rows,omitempty"`
}

// CheckStartPosition checks a start position: "file:pos" (a binlog file
// name and a byte offset, e.g. mysql-bin.000003:4) or a GTID set, MySQL's
// (uuid:1-100[,uuid:1-5…]) or MariaDB's (domain-server-seq[,…]). Errors
// name the bad part.
func CheckStartPosition(s string) error {
	if s == "" {
		return nil
	}
	mysqlGTID := regexp.MustCompile(`^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}(:[0-9]+(-[0-9]+)?)+$`)
	mariadbGTID := regexp.MustCompile(`^[0-9]+-[0-9]+-[0-9]+$`)
	binlogFile := regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	if file, pos, ok := strings.Cut(s, ":"); ok && !strings.Contains(pos, ":") && !strings.Contains(s, ",") && !mysqlGTID.MatchString(s) {
		if !binlogFile.MatchString(file) {
			return fmt.Errorf("start position %q: binlog file %q: want letters, digits, '.', '_' or '-'", s, file)
		}
		if _, err := strconv.ParseUint(pos, 10, 32); err != nil {
			return fmt.Errorf("start position %q: want file:pos with a byte offset, got %q", s, pos)
		}
		return nil
	}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if !mysqlGTID.MatchString(part) && !mariadbGTID.MatchString(part) {
			return fmt.Errorf("start position %q: %q is neither file:pos nor a GTID (uuid:1-100 or domain-server-seq)", s, part)
		}
	}
	return nil
}
