package dispatch

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// intTable builds schema.name with INT columns; pk lists the PRIMARY KEY.
func intTable(schema, name string, cols []string, pk ...string) *event.Table {
	t := &event.Table{Schema: schema, Name: name}
	for _, c := range cols {
		t.Columns = append(t.Columns, event.Column{Name: c, Type: event.TypeLong})
	}
	if len(pk) > 0 {
		t.Indexes = append(t.Indexes, event.Index{Name: "PRIMARY", Columns: pk, Primary: true, Unique: true})
	}
	t.ComputeKeys()
	return t
}

func insert(t *event.Table, vals ...int64) *event.RowChange {
	r := &event.RowChange{Table: t, Op: event.OpInsert}
	for _, v := range vals {
		r.After = append(r.After, event.IntValue(v))
	}
	return r
}

func mustRouter(t *testing.T, cfg Config, topic string) *Router {
	t.Helper()
	rt, err := New(cfg, topic)
	if err != nil {
		t.Fatal(err)
	}
	return rt
}

// TestSpecVectors checks the 16-partition vectors of spec §3.3.
func TestSpecVectors(t *testing.T) {
	t1 := intTable("test", "t1", []string{"a"}, "a")
	t2 := intTable("test", "t2", []string{"a", "b"}, "a", "b")
	t3 := intTable("test", "t3", []string{"a"}, "a")
	upper := intTable("test", "t1", []string{"COL2", "Col1"})
	lower := intTable("test", "t1", []string{"col2", "col1"})
	tests := []struct {
		name string
		cfg  Config
		row  *event.RowChange
		want int32
	}{
		{"table t1", Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "table"}}}, insert(t1, 1), 15},
		{"table t2", Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "table"}}}, insert(t2, 1, 2), 5},
		{"table t3", Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "table"}}}, insert(t3, 1), 3},
		{"default is table", Config{}, insert(t1, 1), 15},
		{"index-value a=11", Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "index-value"}}}, insert(t1, 11), 2},
		{"index-value a=22", Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "index-value"}}}, insert(t1, 22), 11},
		{"rowid alias", Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "rowid"}}}, insert(t1, 22), 11},
		{"index-value (11,22)", Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "index-value"}}}, insert(t2, 11, 22), 5},
		{"index-value (11,0)", Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "Index-Value"}}}, insert(t2, 11, 0), 14},
		{"index-value (11,33)", Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "index-value"}}}, insert(t2, 11, 33), 2},
		{"columns", Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "columns", Columns: []string{"col2", "col1"}}}}, insert(lower, 11, 22), 15},
		{"columns stored names", Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "columns", Columns: []string{"col2", "col1"}}}}, insert(upper, 11, 22), 5},
		{"ts", Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "ts"}}}, &event.RowChange{Table: t1, Op: event.OpInsert, After: []event.Value{event.IntValue(1)}, CommitTs: 35}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := mustRouter(t, tt.cfg, "ticdc-meta")
			got, err := rt.Partition(tt.row, 16)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("partition = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestDeleteUsesOldImage(t *testing.T) {
	t1 := intTable("test", "t1", []string{"a"}, "a")
	rt := mustRouter(t, Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "index-value"}}}, "d")
	del := &event.RowChange{Table: t1, Op: event.OpDelete, Before: []event.Value{event.IntValue(22)}}
	if got, _ := rt.Partition(del, 16); got != 11 {
		t.Errorf("delete partition = %d, want 11 (a=22)", got)
	}
	upd := &event.RowChange{Table: t1, Op: event.OpUpdate, Before: []event.Value{event.IntValue(11)}, After: []event.Value{event.IntValue(22)}}
	if got, _ := rt.Partition(upd, 16); got != 11 {
		t.Errorf("update partition = %d, want 11 (new image a=22)", got)
	}
}

func TestTopicRouting(t *testing.T) {
	rt := mustRouter(t, Config{Protocol: "avro", Rules: []Rule{
		{Matcher: []string{"app.orders"}, Topic: "orders-fixed"},
		{Matcher: []string{"app.*", "!app.secret"}, Topic: "tidb_{schema}_{table}", Partition: "index-value"},
		{Matcher: []string{"App2.*"}, Topic: ""},
	}}, "ticdc-meta")
	tests := []struct{ schema, table, want string }{
		{"app", "orders", "orders-fixed"},
		{"app", "items", "tidb_app_items"},
		{"APP", "Items", "tidb_APP_Items"},
		{"app", "secret", "ticdc-meta"},
		{"app2", "x", "ticdc-meta"},
		{"other", "x", "ticdc-meta"},
		{"app", "a b", "tidb_app_a_b"},
	}
	for _, tt := range tests {
		if got := rt.TopicFor(tt.schema, tt.table); got != tt.want {
			t.Errorf("TopicFor(%s.%s) = %q, want %q", tt.schema, tt.table, got, tt.want)
		}
		if got := rt.Topic(&event.Table{Schema: tt.schema, Name: tt.table}); got != tt.want {
			t.Errorf("Topic(%s.%s) = %q, want %q", tt.schema, tt.table, got, tt.want)
		}
	}
	if got := rt.DDLTopic("app", ""); got != "ticdc-meta" {
		t.Errorf("database DDL topic = %q", got)
	}
	if got := rt.DDLTopic("app", "items"); got != "tidb_app_items" {
		t.Errorf("table DDL topic = %q", got)
	}
	if rt.DefaultTopic() != "ticdc-meta" {
		t.Error("DefaultTopic")
	}
}

func TestFirstMatchingRuleWins(t *testing.T) {
	rt := mustRouter(t, Config{Rules: []Rule{
		{Matcher: []string{"test.*"}, Partition: "ts", Topic: "first"},
		{Matcher: []string{"test.t1"}, Partition: "table", Topic: "second"},
	}}, "d")
	r, err := rt.Route(intTable("test", "t1", []string{"a"}, "a"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Topic != "first" || r.Kind != KindTs || r.Rule != 0 {
		t.Errorf("route = %+v", r)
	}
	r, _ = rt.Route(intTable("other", "t1", []string{"a"}))
	if r.Rule != 2 || r.Kind != KindDefault || r.Topic != "d" {
		t.Errorf("catch-all route = %+v", r)
	}
}

func TestCaseSensitiveMatchers(t *testing.T) {
	cfg := Config{CaseSensitive: true, Rules: []Rule{{Matcher: []string{"Test.*"}, Topic: "hit"}}}
	rt := mustRouter(t, cfg, "d")
	if rt.TopicFor("test", "a") != "d" || rt.TopicFor("Test", "a") != "hit" {
		t.Error("case-sensitive matching")
	}
	cfg.CaseSensitive = false
	rt = mustRouter(t, cfg, "d")
	if rt.TopicFor("test", "a") != "hit" {
		t.Error("case-insensitive matching")
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"bad matcher", Config{Rules: []Rule{{Matcher: []string{"db"}}}}, `sink.dispatchers[0].matcher[0] "db": wrong table pattern`},
		{"bad expression", Config{Rules: []Rule{{Matcher: []string{"*.*"}}, {Matcher: []string{"*.*"}, Topic: "a{tbl}"}}}, `sink.dispatchers[1]: invalid topic expression "a{tbl}"`},
		{"avro needs both", Config{Protocol: "avro", Rules: []Rule{{Matcher: []string{"*.*"}, Topic: "t_{table}"}}}, `sink.dispatchers[0]: invalid topic expression "t_{table}": topic rule for Avro must contain {schema} and {table}`},
		{"bad selector matcher", Config{ColumnSelectors: []ColumnSelector{{Matcher: []string{"a.b.c"}, Columns: []string{"*"}}}}, `sink.column-selectors[0].matcher[0] "a.b.c"`},
		{"bad selector column", Config{ColumnSelectors: []ColumnSelector{{Matcher: []string{"*.*"}, Columns: []string{"a.b"}}}}, `sink.column-selectors[0].columns[0] "a.b": unexpected special character '.'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg, "d")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
		})
	}
	rt := mustRouter(t, Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "hash"}}}, "d")
	if w := rt.Warnings(); len(w) != 1 || w[0] != `sink.dispatchers[0]: partition "hash" is unknown; TiCDC uses "default" instead` {
		t.Errorf("Warnings = %v", w)
	}
	if r, _ := rt.Route(intTable("a", "b", []string{"x"})); r.Kind != KindDefault {
		t.Error("unknown partition should fall back to default")
	}
	if _, err := rt.Partition(insert(intTable("a", "b", []string{"x"}), 1), 0); err == nil {
		t.Error("Partition with n=0: want an error")
	}
}

func TestVerifyTable(t *testing.T) {
	tb := intTable("test", "t", []string{"id", "u1", "v"}, "id")
	tb.Indexes = append(tb.Indexes,
		event.Index{Name: "uk_u1", Columns: []string{"u1"}, Unique: true, ID: 2},
		event.Index{Name: "idx_v", Columns: []string{"v"}, ID: 3})
	tb.Columns[2].Generated = event.GeneratedVirtual
	tests := []struct {
		name string
		rule Rule
		want string
	}{
		{"named unique index", Rule{Matcher: []string{"*.*"}, Partition: "index-value", Index: "UK_U1"}, ""},
		{"primary by name", Rule{Matcher: []string{"*.*"}, Partition: "index-value", Index: "primary"}, ""},
		{"missing index", Rule{Matcher: []string{"*.*"}, Partition: "index-value", Index: "nope"}, `sink.dispatchers[0]: index "nope" not found in table test.t`},
		{"non-unique index", Rule{Matcher: []string{"*.*"}, Partition: "index-value", Index: "idx_v"}, `sink.dispatchers[0]: index "idx_v" of table test.t is not unique`},
		{"missing column", Rule{Matcher: []string{"*.*"}, Partition: "columns", Columns: []string{"id", "zz"}}, `sink.dispatchers[0]: column "zz" not found in table test.t`},
		{"virtual column", Rule{Matcher: []string{"*.*"}, Partition: "columns", Columns: []string{"v"}}, `sink.dispatchers[0]: column "v" of table test.t is a virtual generated column`},
		{"columns ok", Rule{Matcher: []string{"*.*"}, Partition: "columns", Columns: []string{"ID"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := mustRouter(t, Config{Rules: []Rule{tt.rule}}, "d")
			err := rt.VerifyTable(tb)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if _, err := rt.Partition(insert(tb, 1, 2, 3), 4); err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
			if _, err := rt.Partition(insert(tb, 1, 2, 3), 4); err == nil {
				t.Error("Partition on an unverifiable table: want the error")
			}
		})
	}
}

// TestNamedIndexHash hashes a named unique index in index order under the
// stored column names.
func TestNamedIndexHash(t *testing.T) {
	tb := intTable("test", "t2", []string{"b", "a", "c"}, "c")
	tb.Indexes = append(tb.Indexes, event.Index{Name: "uk", Columns: []string{"a", "b"}, Unique: true, ID: 2})
	rt := mustRouter(t, Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "index-value", Index: "uk"}}}, "d")
	got, err := rt.Partition(insert(tb, 22, 11, 99), 16)
	if err != nil {
		t.Fatal(err)
	}
	if got != 5 { // same as test.t2 PK (a,b) = (11,22)
		t.Errorf("partition = %d, want 5", got)
	}
}

func TestColumnSelectors(t *testing.T) {
	tb := intTable("test", "t1", []string{"a", "b", "c"}, "a")
	rt := mustRouter(t, Config{
		Rules:           []Rule{{Matcher: []string{"*.*"}, Partition: "index-value"}},
		ColumnSelectors: []ColumnSelector{{Matcher: []string{"test.t1"}, Columns: []string{"*", "!B"}}, {Matcher: []string{"test.*"}, Columns: []string{"b"}}},
	}, "d")
	r, err := rt.Route(tb)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Retained(0) || r.Retained(1) || !r.Retained(2) || len(r.Selected()) != 3 {
		t.Errorf("kept = %v", r.Selected())
	}
	if _, err := rt.Route(intTable("test", "t2", []string{"a", "b"}, "a")); err == nil ||
		err.Error() != "sink.column-selectors[1]: no primary key columns or unique key columns obtained after filter out, table: test.t2" {
		t.Errorf("selector dropping the key: %v", err)
	}
	if r, err := rt.Route(intTable("test", "nopk", []string{"a", "b"})); err != nil || r.Retained(0) || !r.Retained(1) {
		t.Errorf("table without a primary key passes, as in TiCDC: %v %v", r, err)
	}
	if r, _ := rt.Route(intTable("other", "t", []string{"a"})); r.Selected() != nil || !r.Retained(0) {
		t.Error("no selector: every column kept")
	}
	rt = mustRouter(t, Config{
		Rules:           []Rule{{Matcher: []string{"*.*"}, Partition: "columns", Columns: []string{"b"}}},
		ColumnSelectors: []ColumnSelector{{Matcher: []string{"*.*"}, Columns: []string{"a"}}},
	}, "d")
	if _, err := rt.Route(tb); err == nil || !strings.Contains(err.Error(), `column "b" of table test.t1 is filtered out by a column selector`) {
		t.Errorf("columns dispatcher on a dropped column: %v", err)
	}
}

// TestSelectorDropsHashedColumn checks that a key column dropped by a
// selector is left out of the hash, as TiCDC skips nil columns.
func TestSelectorDropsHashedColumn(t *testing.T) {
	tb := intTable("test", "t2", []string{"a", "b"}, "a", "b")
	tb.Indexes = append(tb.Indexes, event.Index{Name: "uk", Columns: []string{"a"}, Unique: true, ID: 2})
	rt := mustRouter(t, Config{
		Rules:           []Rule{{Matcher: []string{"*.*"}, Partition: "index-value"}},
		ColumnSelectors: []ColumnSelector{{Matcher: []string{"*.*"}, Columns: []string{"a"}}},
	}, "d")
	got, err := rt.Partition(insert(tb, 11, 22), 16)
	if err != nil {
		t.Fatal(err)
	}
	want := mustRouter(t, Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "index-value"}}}, "d")
	one, _ := want.Partition(insert(intTable("test", "t2", []string{"a"}, "a"), 11), 16)
	if got != one {
		t.Errorf("partition = %d, want %d (hash of a only)", got, one)
	}
}

// TestConcurrentRouting resolves routes of the same tables from many
// goroutines (run with -race).
func TestConcurrentRouting(t *testing.T) {
	rt := mustRouter(t, Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "index-value", Topic: "t_{schema}_{table}"}}}, "d")
	tables := []*event.Table{intTable("a", "t1", []string{"x"}, "x"), intTable("a", "t2", []string{"x"}, "x")}
	want := make([]int32, len(tables))
	for i, tb := range tables {
		p, _ := mustRouter(t, Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "index-value"}}}, "d").Partition(insert(tb, 7), 5)
		want[i] = p
	}
	done := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for n := 0; n < 200; n++ {
				i := n % len(tables)
				p, err := rt.Partition(insert(tables[i], 7), 5)
				if err == nil && p != want[i] {
					err = fmt.Errorf("partition %d, want %d", p, want[i])
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
