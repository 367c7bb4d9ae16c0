package filter

import (
	"fmt"
	"slices"
	"strings"
)

// ColumnFilter is a parsed list of column patterns (column selectors, spec
// §3.5): `*`, `?`, `[…]` wildcards and `!` exclusions, the last match
// deciding. Column names match case-insensitively, as in MySQL.
type ColumnFilter struct {
	rules []columnRule // reverse order
}

type columnRule struct {
	column   matcher
	positive bool
}

// ParseColumnFilter parses column patterns.
func ParseColumnFilter(patterns []string) (*ColumnFilter, error) {
	f := &ColumnFilter{}
	for i, raw := range patterns {
		r, skip, err := parseColumnRule(raw)
		if err != nil {
			return nil, &PatternError{Field: "columns", Index: i, Pattern: raw, Reason: err.Error()}
		}
		if !skip {
			f.rules = append(f.rules, r)
		}
	}
	slices.Reverse(f.rules)
	return f, nil
}

func parseColumnRule(raw string) (r columnRule, skip bool, err error) {
	line, positive, skip, err := ruleHead(raw)
	if skip || err != nil {
		return r, skip, err
	}
	r.positive = positive
	var p patternParser
	if r.column, line, err = p.parse(line, false); err != nil {
		return r, false, err
	}
	if line != "" {
		return r, false, fmt.Errorf("syntax error: stray characters after column pattern")
	}
	r.column, err = r.column.lower()
	return r, false, err
}

// MatchColumn reports whether the filter keeps the column.
func (f *ColumnFilter) MatchColumn(column string) bool {
	column = strings.ToLower(column)
	for _, r := range f.rules {
		if r.column.match(column) {
			return r.positive
		}
	}
	return false
}
