package dispatch

import (
	"fmt"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/filter"
)

// selector is a compiled column selector.
type selector struct {
	field   string
	tables  *filter.TableFilter
	columns *filter.ColumnFilter
}

func compileSelectors(sels []ColumnSelector, caseSensitive bool) ([]selector, error) {
	out := make([]selector, 0, len(sels))
	for i, s := range sels {
		field := fmt.Sprintf("sink.column-selectors[%d]", i)
		tf, err := filter.ParseTableFilter(s.Matcher, caseSensitive)
		if err != nil {
			err.(*filter.PatternError).Field = field + ".matcher"
			return nil, err
		}
		cf, err := filter.ParseColumnFilter(s.Columns)
		if err != nil {
			err.(*filter.PatternError).Field = field + ".columns"
			return nil, err
		}
		out = append(out, selector{field: field, tables: tf, columns: cf})
	}
	return out, nil
}

// retained applies the first selector matching t: it returns which columns
// are kept (nil when no selector applies, i.e. all are kept) and checks
// TiCDC's rule that the kept columns still hold the primary key, or all
// columns of some unique index.
func retained(sels []selector, t *event.Table) ([]bool, error) {
	for _, s := range sels {
		if !s.tables.MatchTable(t.Schema, t.Name) {
			continue
		}
		keep := make([]bool, len(t.Columns))
		for i := range t.Columns {
			keep[i] = s.columns.MatchColumn(t.Columns[i].Name)
		}
		if !keepsAKey(t, keep) {
			return nil, fmt.Errorf("%s: no primary key columns or unique key columns obtained after filter out, table: %s",
				s.field, t.QualifiedName())
		}
		return keep, nil
	}
	return nil, nil
}

// keepsAKey mirrors TiCDC's verifyIndices: the PRIMARY KEY is wholly kept
// (a table without one passes, as in TiCDC), or some UNIQUE index is.
func keepsAKey(t *event.Table, keep []bool) bool {
	hasPrimary := false
	for _, ix := range t.Indexes {
		if ix.Primary {
			hasPrimary = true
			if allKept(t, ix.Columns, keep) {
				return true
			}
		}
	}
	if !hasPrimary {
		return true
	}
	for _, ix := range t.Indexes {
		if ix.Unique && allKept(t, ix.Columns, keep) {
			return true
		}
	}
	return false
}

func allKept(t *event.Table, names []string, keep []bool) bool {
	for _, n := range names {
		j := t.ColumnIndex(n)
		if j < 0 || !keep[j] {
			return false
		}
	}
	return true
}
