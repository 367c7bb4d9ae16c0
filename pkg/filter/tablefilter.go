package filter

import (
	"fmt"
	"slices"
	"strings"
)

// TableFilter is a parsed TiDB table filter (spec ticdc.md §3.1): a list
// of `schema.table` patterns, each possibly negated with `!`; the last
// pattern that matches a table decides. It is safe for concurrent use.
type TableFilter struct {
	rules         []tableRule // in reverse order: the first match decides
	caseSensitive bool
}

type tableRule struct {
	schema, table matcher
	positive      bool
}

// PatternError reports a rule that does not parse. Field, when set by the
// caller, names where the list came from (e.g. "filter.rules").
type PatternError struct {
	Field   string
	Index   int    // position of the rule in its list
	Pattern string // the rule as written
	Reason  string
}

func (e *PatternError) Error() string {
	field := e.Field
	if field == "" {
		field = "table filter"
	}
	return fmt.Sprintf("%s[%d] %q: %s", field, e.Index, e.Pattern, e.Reason)
}

// ParseTableFilter parses table-filter rules. Empty lines and lines
// starting with # are skipped; `@file` imports are refused (this package
// does no I/O). Unless caseSensitive, names match case-insensitively.
func ParseTableFilter(rules []string, caseSensitive bool) (*TableFilter, error) {
	f := &TableFilter{caseSensitive: caseSensitive}
	for i, raw := range rules {
		r, skip, err := parseTableRule(raw)
		if err == nil && !skip && !caseSensitive {
			r, err = r.lower()
		}
		if err != nil {
			return nil, &PatternError{Index: i, Pattern: raw, Reason: err.Error()}
		}
		if !skip {
			f.rules = append(f.rules, r)
		}
	}
	slices.Reverse(f.rules)
	return f, nil
}

func parseTableRule(raw string) (r tableRule, skip bool, err error) {
	line, positive, skip, err := ruleHead(raw)
	if skip || err != nil {
		return r, skip, err
	}
	r.positive = positive
	var p patternParser
	if r.schema, line, err = p.parse(line, true); err != nil {
		return r, false, err
	}
	if line == "" {
		return r, false, fmt.Errorf("wrong table pattern: missing '.' and table pattern")
	}
	if line[0] != '.' {
		return r, false, fmt.Errorf("syntax error: missing '.' between schema and table patterns")
	}
	if r.table, line, err = p.parse(line[1:], true); err != nil {
		return r, false, err
	}
	if line != "" {
		return r, false, fmt.Errorf("syntax error: stray characters after table pattern")
	}
	return r, false, nil
}

func (r tableRule) lower() (tableRule, error) {
	var err error
	if r.schema, err = r.schema.lower(); err != nil {
		return r, err
	}
	r.table, err = r.table.lower()
	return r, err
}

// MatchTable reports whether the filter accepts schema.table.
func (f *TableFilter) MatchTable(schema, table string) bool {
	if !f.caseSensitive {
		schema, table = strings.ToLower(schema), strings.ToLower(table)
	}
	for _, r := range f.rules {
		if r.schema.match(schema) && r.table.match(table) {
			return r.positive
		}
	}
	return false
}

// MatchSchema reports whether the filter may accept some table of schema
// (used for database-level DDL): a positive rule for the schema, or a
// negative rule excluding all of its tables, decides.
func (f *TableFilter) MatchSchema(schema string) bool {
	if !f.caseSensitive {
		schema = strings.ToLower(schema)
	}
	for _, r := range f.rules {
		if r.schema.match(schema) && (r.positive || r.table.all) {
			return r.positive
		}
	}
	return false
}
