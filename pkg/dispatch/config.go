package dispatch

import (
	"fmt"
	"strings"
	"time"
)

// Rule is one [sink] dispatchers entry.
type Rule struct {
	Matcher   []string // tables, TiDB table-filter syntax
	Partition string   // default, table, ts, index-value, rowid, columns ("" = default)
	Index     string   // index-value: the unique index to hash (default: the handle key)
	Columns   []string // columns: the columns to hash
	Topic     string   // "" = default topic; a literal topic; or an expression with {schema}/{table}
}

// ColumnSelector is one [sink] column-selectors entry: the columns to keep
// for the matching tables.
type ColumnSelector struct {
	Matcher []string
	Columns []string // column patterns: * ? [..] wildcards, ! excludes
}

// Config is what a Router needs from the changefeed configuration.
type Config struct {
	Rules           []Rule
	ColumnSelectors []ColumnSelector
	CaseSensitive   bool
	// Protocol is the sink protocol; "avro" requires {schema} and {table}
	// in topic expressions.
	Protocol string
	// TimeZone is the zone TIMESTAMP values are formatted in for hashing
	// (TiCDC uses the changefeed's time zone); nil means UTC.
	TimeZone *time.Location
}

// Kind is a partition dispatcher.
type Kind uint8

// Partition dispatchers (spec §3.3).
const (
	KindDefault    Kind = iota // TiCDC ≥ v7.4: same as KindTable
	KindTable                  // hash of schema and table
	KindTs                     // commit ts modulo the partition count
	KindIndexValue             // hash of the handle key (or a named unique index) values
	KindColumns                // hash of the listed columns' values
)

func (k Kind) String() string {
	switch k {
	case KindTable:
		return "table"
	case KindTs:
		return "ts"
	case KindIndexValue:
		return "index-value"
	case KindColumns:
		return "columns"
	}
	return "default"
}

// ParseKind reads a partition value as TiCDC does (case-insensitive,
// "rowid" is index-value). ok is false for an unknown value, which TiCDC
// replaces by default with a warning.
func ParseKind(s string) (k Kind, ok bool) {
	switch strings.ToLower(s) {
	case "", "default":
		return KindDefault, true
	case "table":
		return KindTable, true
	case "ts":
		return KindTs, true
	case "index-value", "rowid":
		return KindIndexValue, true
	case "columns":
		return KindColumns, true
	}
	return KindDefault, false
}

func ruleField(i int) string { return fmt.Sprintf("sink.dispatchers[%d]", i) }
