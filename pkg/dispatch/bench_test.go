package dispatch

import (
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
)

func benchTable() *event.Table {
	t := &event.Table{Schema: "tpcc", Name: "order_line", Columns: []event.Column{
		{Name: "id", Type: event.TypeLongLong},
		{Name: "w_id", Type: event.TypeLong},
		{Name: "name", Type: event.TypeVarchar},
		{Name: "score", Type: event.TypeDouble},
		{Name: "amount", Type: event.TypeDecimal},
		{Name: "ts", Type: event.TypeTimestamp, Scale: 6},
	}, Indexes: []event.Index{{Name: "PRIMARY", Columns: []string{"w_id", "id"}, Primary: true}}}
	t.ComputeKeys()
	return t
}

func benchRow(t *event.Table, i int64) *event.RowChange {
	return &event.RowChange{Table: t, Op: event.OpInsert, CommitTs: uint64(i) << 18, After: []event.Value{
		event.IntValue(i), event.IntValue(i % 100), event.StringValue("customer-name-0001"), event.FloatValue(float64(i) / 7),
		event.StringValue("1234.56"), event.IntValue(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC).UnixMicro() + i),
	}}
}

// BenchmarkPartition measures dispatching one row with each partition
// dispatcher, through a cached Route (the engine's hot path) and through
// Router.Partition (one sync.Map load more).
func BenchmarkPartition(b *testing.B) {
	tb := benchTable()
	rows := make([]*event.RowChange, 1024)
	for i := range rows {
		rows[i] = benchRow(tb, int64(i))
	}
	for _, c := range []struct {
		name string
		rule Rule
	}{
		{"default", Rule{Matcher: []string{"*.*"}}},
		{"ts", Rule{Matcher: []string{"*.*"}, Partition: "ts"}},
		{"index-value", Rule{Matcher: []string{"*.*"}, Partition: "index-value"}},
		{"columns-3", Rule{Matcher: []string{"*.*"}, Partition: "columns", Columns: []string{"name", "score", "ts"}}},
	} {
		rt, err := New(Config{Rules: []Rule{c.rule}}, "d")
		if err != nil {
			b.Fatal(err)
		}
		route, err := rt.Route(tb)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name+"/route", func(b *testing.B) {
			b.ReportAllocs()
			var sink int32
			for i := 0; b.Loop(); i++ {
				sink += route.Partition(rows[i&1023], 12)
			}
			_ = sink
		})
		b.Run(c.name+"/router", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := rt.Partition(rows[i&1023], 12); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTopic measures the topic of a table through the rules (no
// cache) with an expression rule.
func BenchmarkTopic(b *testing.B) {
	rt, err := New(Config{Protocol: "avro", Rules: []Rule{
		{Matcher: []string{"app.orders"}, Topic: "fixed"},
		{Matcher: []string{"tpcc.*"}, Topic: "tidb_{schema}_{table}", Partition: "index-value"},
	}}, "d")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = rt.TopicFor("tpcc", "order_line")
	}
}
