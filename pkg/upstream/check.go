package upstream

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
)

// Severity says what a failed check means.
type Severity string

// Severities of checks.
const (
	Blocker Severity = "blocker" // capture cannot work
	Warning Severity = "warning" // capture works with limits
)

// Check is one readiness check.
type Check struct {
	Name     string   `json:"name" yaml:"name"`
	OK       bool     `json:"ok" yaml:"ok"`
	Severity Severity `json:"severity" yaml:"severity"`
	Detail   string   `json:"detail" yaml:"detail"`
	Fix      string   `json:"fix,omitempty" yaml:"fix,omitempty"`
}

// Report is the result of Run.
type Report struct {
	Server binlog.ServerInfo `json:"server" yaml:"server"`
	Checks []Check           `json:"checks" yaml:"checks"`
	// Ineligible lists tables with no primary key or NOT NULL unique key:
	// they are skipped (TiCDC's ignore-ineligible-table).
	Ineligible []string `json:"ineligible_tables" yaml:"ineligible_tables"`
}

// Blocked reports whether any blocker failed.
func (r *Report) Blocked() bool {
	for _, c := range r.Checks {
		if !c.OK && c.Severity == Blocker {
			return true
		}
	}
	return false
}

// Problems returns the failed checks of a severity, one line each.
func (r *Report) Problems(s Severity) []string {
	var out []string
	for _, c := range r.Checks {
		if !c.OK && c.Severity == s {
			out = append(out, fmt.Sprintf("%s: %s; fix: %s", c.Name, c.Detail, c.Fix))
		}
	}
	return out
}

// Run checks that the server behind db can be captured: binlog settings,
// server_id, privileges, and which of the tables matching match (nil: all
// user tables) have no usable key.
func Run(ctx context.Context, db *sql.DB, match func(db, table string) bool) (*Report, error) {
	info, err := binlog.Inspect(ctx, db)
	if err != nil {
		return nil, err
	}
	r := &Report{Server: info}
	r.Checks = append(r.Checks,
		Check{Name: "log_bin", OK: info.LogBin, Severity: Blocker, Detail: onOff(info.LogBin),
			Fix: "start the server with --log-bin (and a --server-id)"},
		Check{Name: "binlog_format", OK: info.BinlogFormat == "ROW", Severity: Blocker, Detail: info.BinlogFormat,
			Fix: "SET GLOBAL binlog_format = 'ROW' and binlog_format=ROW in the server's config"},
		Check{Name: "binlog_row_image", OK: info.BinlogRowImage == "FULL", Severity: Blocker, Detail: info.BinlogRowImage,
			Fix: "SET GLOBAL binlog_row_image = 'FULL' and binlog_row_image=FULL in the server's config"},
		Check{Name: "binlog_row_metadata", OK: info.BinlogRowMetadata == "FULL", Severity: Warning,
			Detail: orUnknown(info.BinlogRowMetadata) + " (with FULL, column names in the binlog guard against schema drift)",
			Fix:    "SET GLOBAL binlog_row_metadata = 'FULL' (MySQL 8.0+, MariaDB 10.5+)"},
		Check{Name: "server_id", OK: info.ServerID != 0, Severity: Blocker, Detail: fmt.Sprint(info.ServerID),
			Fix: "set server_id to a non-zero value"},
		Check{Name: "gtid", OK: info.GTIDMode, Severity: Warning, Detail: onOff(info.GTIDMode) + " (without GTIDs a failover to another server loses the position)",
			Fix: "enable gtid_mode=ON and enforce_gtid_consistency=ON (MySQL)"},
	)
	r.Checks = append(r.Checks, privilegeChecks(ctx, db, info.Flavor)...)
	tables, err := schema.LoadTables(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("check upstream: list tables: %w", err)
	}
	r.Ineligible = ineligible(tables, match)
	r.Checks = append(r.Checks, Check{Name: "table keys", OK: len(r.Ineligible) == 0, Severity: Warning,
		Detail: tableKeysDetail(r.Ineligible), Fix: "add a PRIMARY KEY or a NOT NULL UNIQUE key to each listed table"})
	return r, nil
}

func ineligible(tables []*event.Table, match func(db, table string) bool) []string {
	var out []string
	for _, t := range tables {
		if match != nil && !match(t.Schema, t.Name) {
			continue
		}
		if !t.Eligible() {
			out = append(out, t.QualifiedName())
		}
	}
	return out
}

func tableKeysDetail(bad []string) string {
	if len(bad) == 0 {
		return "every table has a primary or NOT NULL unique key"
	}
	return fmt.Sprintf("%d table(s) without a usable key will be skipped: %s", len(bad), strings.Join(bad, ", "))
}

func onOff(b bool) string {
	if b {
		return "ON"
	}
	return "OFF"
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown (not supported by this server)"
	}
	return s
}
