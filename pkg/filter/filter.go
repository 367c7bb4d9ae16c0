package filter

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// Config is the [filter] part of a changefeed configuration.
type Config struct {
	// CaseSensitive makes table matching case-sensitive (TiCDC's top-level
	// case-sensitive, default false).
	CaseSensitive bool
	// Rules is the table filter; empty means ["*.*"].
	Rules []string
	// IgnoreTxnStartTs lists transactions to drop.
	IgnoreTxnStartTs []uint64
	// EventFilters are the [[filter.event-filters]] rules, in order.
	EventFilters []EventFilterRule
	// TimeZone is the zone TIMESTAMP values are read in by value
	// expressions; nil means UTC.
	TimeZone *time.Location
}

// Filter decides which tables, rows and DDL a changefeed replicates. It is
// safe for concurrent use.
type Filter struct {
	tables   *TableFilter
	ignoreTs map[uint64]struct{}
	rules    []*eventRule
	loc      *time.Location
	plans    sync.Map // *event.Table → *tablePlan
}

// New compiles a filter configuration. Every error is one line naming the
// offending setting, e.g. `filter.rules[1] "db": syntax error: missing '.'
// between schema and table patterns`.
func New(cfg Config) (*Filter, error) {
	rules := cfg.Rules
	if len(rules) == 0 {
		rules = []string{"*.*"}
	}
	tf, err := ParseTableFilter(rules, cfg.CaseSensitive)
	if err != nil {
		err.(*PatternError).Field = "filter.rules"
		return nil, err
	}
	f := &Filter{tables: tf, loc: cfg.TimeZone, ignoreTs: make(map[uint64]struct{}, len(cfg.IgnoreTxnStartTs))}
	if f.loc == nil {
		f.loc = time.UTC
	}
	for _, ts := range cfg.IgnoreTxnStartTs {
		f.ignoreTs[ts] = struct{}{}
	}
	for i, r := range cfg.EventFilters {
		er, err := compileEventRule(i, r, cfg.CaseSensitive)
		if err != nil {
			return nil, err
		}
		f.rules = append(f.rules, er)
	}
	return f, nil
}

// IsSystemSchema reports whether TiCDC never replicates the schema:
// MySQL's and TiDB's system databases and TiCDC's own.
func IsSystemSchema(schema string) bool {
	switch strings.ToLower(schema) {
	case "mysql", "sys", "information_schema", "performance_schema", "metrics_schema", "inspection_schema",
		"dm_heartbeat", "tidb_cdc", "lightning_task_info", "workload_schema":
		return true
	}
	return false
}

// MatchTable reports whether the changefeed replicates schema.table: the
// table filter accepts it and it is not in a system schema.
func (f *Filter) MatchTable(schema, table string) bool {
	return !IsSystemSchema(schema) && f.tables.MatchTable(schema, table)
}

// MatchSchema reports whether the changefeed may replicate tables of
// schema (for database-level DDL).
func (f *Filter) MatchSchema(schema string) bool {
	return !IsSystemSchema(schema) && f.tables.MatchSchema(schema)
}

// ShouldIgnoreTxn reports whether the transaction with this start
// timestamp is listed in ignore-txn-start-ts.
func (f *Filter) ShouldIgnoreTxn(startTs uint64) bool {
	_, ok := f.ignoreTs[startTs]
	return ok
}

// ShouldIgnoreDDL reports whether a DDL is left out of the replicated
// stream: its table or schema is filtered out, TiCDC does not replicate its
// kind (Unknown), or an event-filter rule ignores it by type or by an
// ignore-sql pattern. Schema tracking must still apply an ignored DDL.
func (f *Filter) ShouldIgnoreDDL(d DDL) bool {
	if d.Type == Unknown {
		return true
	}
	if d.Type.IsSchemaDDL() || d.Table == "" {
		if !f.MatchSchema(d.Schema) {
			return true
		}
	} else if !f.MatchTable(d.Schema, d.Table) {
		return true
	}
	table := d.Table
	if d.Type.IsSchemaDDL() {
		table = ""
	}
	for _, r := range f.rules {
		if r.matchTable(d.Schema, table) && r.ignoresDDL(d) {
			return true
		}
	}
	return false
}

// ShouldIgnoreRow reports whether a row change is left out: its table is
// filtered out, a matching rule ignores its event type, or a matching
// rule's value expression is TRUE for it (insert: the new row; update: the
// old row for ignore-update-old-value-expr, the new row for
// ignore-update-new-value-expr; delete: the old row). The error reports an
// expression that does not fit the table (an unknown column); it repeats
// for every row of that table version, see Verify.
func (f *Filter) ShouldIgnoreRow(row *event.RowChange) (bool, error) {
	p := f.plan(row.Table)
	if p.ignored {
		return true, nil
	}
	if p.err != nil {
		return false, p.err
	}
	t := opEvent(row.Op)
	for i := range p.rules {
		if matchesEvent(p.rules[i].rule.events, t) {
			return true, nil
		}
	}
	for i := range p.rules {
		if p.rules[i].ignores(row) {
			return true, nil
		}
	}
	return false, nil
}

// Verify checks that every value expression that applies to the table
// names only columns it has, so a changefeed can refuse a table up front.
func (f *Filter) Verify(t *event.Table) error {
	p := f.plan(t)
	if p.ignored {
		return nil
	}
	return p.err
}

func opEvent(op event.Op) EventType {
	switch op {
	case event.OpInsert:
		return Insert
	case event.OpUpdate:
		return Update
	case event.OpDelete:
		return Delete
	}
	return Unknown
}

// String summarises the filter for logs.
func (f *Filter) String() string {
	return fmt.Sprintf("filter{%d table rules, %d event rules, %d ignored txns}", len(f.tables.rules), len(f.rules), len(f.ignoreTs))
}
