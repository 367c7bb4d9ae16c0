package filter

import (
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// FuzzTableFilter parses newline-separated rules and matches a name; it
// must never panic, and case-insensitive matching must not depend on the
// case of the input.
func FuzzTableFilter(f *testing.F) {
	f.Add("*.*\n!test.*", "test", "t1")
	f.Add("/^foo/.*\n!/^foo/./^sbtest-\\d/", "foo1", "sbtest-1")
	f.Add("\"a\"\"b\".`c``d`\n[!a-z].[^0-9]", "a\"b", "c`d")
	f.Add("db?.tbl[0-9]\n\\\\\\..*", "db1", "tbl2")
	f.Fuzz(func(t *testing.T, rules, schema, table string) {
		list := strings.Split(rules, "\n")
		ci, err := ParseTableFilter(list, false)
		if err != nil {
			if strings.Contains(err.Error(), "\n") && !strings.Contains(rules, "\n") {
				t.Errorf("multi-line error %q", err)
			}
			return
		}
		got := ci.MatchTable(schema, table)
		if ci.MatchTable(strings.ToUpper(schema), strings.ToUpper(table)) != got && strings.ToLower(strings.ToUpper(schema)) == strings.ToLower(schema) && strings.ToLower(strings.ToUpper(table)) == strings.ToLower(table) {
			t.Errorf("case-insensitive match depends on case for %q.%q", schema, table)
		}
		_ = ci.MatchSchema(schema)
		if _, err := ParseTableFilter(list, true); err != nil {
			t.Errorf("case-sensitive parse failed where case-insensitive passed: %v", err)
		}
		cf, err := ParseColumnFilter(list)
		if err == nil {
			_ = cf.MatchColumn(table)
		}
	})
}

// FuzzValueExpr compiles an event-filter expression and evaluates it on a
// row; it must never panic.
func FuzzValueExpr(f *testing.F) {
	for _, s := range []string{"id >= 100", "gender = 'male' AND age < 18", "name LIKE 'a\\_%' ESCAPE '\\\\'",
		"id IN (1, NULL, '3')", "born BETWEEN '2000-01-01' AND 20201231", "NOT (salary <=> 1.50) IS TRUE", "seen > 0x10"} {
		f.Add(s)
	}
	tb := workerTable()
	row := workerRow(7, "Mary", 2, 25, "1200.50", "1999-12-31", 1, "AbC", 3.5)
	f.Fuzz(func(t *testing.T, expr string) {
		flt, err := New(Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreInsertValueExpr: expr}}})
		if err != nil {
			return
		}
		_, _ = flt.ShouldIgnoreRow(&event.RowChange{Table: tb, Op: event.OpInsert, After: row})
		_, _ = flt.ShouldIgnoreRow(&event.RowChange{Table: tb, Op: event.OpInsert, After: workerRow(8, "NULL", 0, -1, "NULL", "NULL", 0, "", 0)})
	})
}
