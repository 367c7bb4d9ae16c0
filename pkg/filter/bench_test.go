package filter

import (
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// BenchmarkShouldIgnoreRow measures the per-row cost of the filter: the
// cached table plan, an event-type rule and a value expression.
func BenchmarkShouldIgnoreRow(b *testing.B) {
	f, err := New(Config{Rules: []string{"*.*", "!other.*"}, EventFilters: []EventFilterRule{
		{Matcher: []string{"test.*"}, IgnoreEvent: []string{"delete"}},
		{Matcher: []string{"test.worker"}, IgnoreInsertValueExpr: "id >= 100 AND gender = 'male' OR name LIKE 'x%' OR born < '1990-01-01'"},
	}})
	if err != nil {
		b.Fatal(err)
	}
	row := &event.RowChange{Table: workerTable(), Op: event.OpInsert, After: workerRow(7, "Mary", 2, 25, "1200.50", "1999-12-31", 1, "AbC", 3.5)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.ShouldIgnoreRow(row); err != nil {
			b.Fatal(err)
		}
	}
}
