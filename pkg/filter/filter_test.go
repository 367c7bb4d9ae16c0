package filter

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
)

func workerTable() *event.Table {
	return &event.Table{Schema: "test", Name: "worker", Columns: []event.Column{
		{Name: "id", Type: event.TypeLong},
		{Name: "name", Type: event.TypeVarchar, Collation: "utf8mb4_general_ci", Nullable: true},
		{Name: "gender", Type: event.TypeEnum, Elems: []string{"male", "female"}},
		{Name: "age", Type: event.TypeTiny, Unsigned: true, Nullable: true},
		{Name: "salary", Type: event.TypeDecimal, Nullable: true},
		{Name: "born", Type: event.TypeDate, Nullable: true},
		{Name: "seen", Type: event.TypeTimestamp, Nullable: true},
		{Name: "code", Type: event.TypeVarchar, Collation: "utf8mb4_bin"},
		{Name: "score", Type: event.TypeDouble},
	}}
}

// row builds a worker row: id, name, gender index, age, salary, born, seen (micros), code, score.
func workerRow(id int64, name string, gender int64, age int64, salary, born string, seen int64, code string, score float64) []event.Value {
	nullOr := func(s string) event.Value {
		if s == "NULL" {
			return event.NullValue()
		}
		return event.StringValue(s)
	}
	v := []event.Value{event.IntValue(id), nullOr(name), event.IntValue(gender), event.UintValue(uint64(age)),
		nullOr(salary), nullOr(born), event.IntValue(seen), event.StringValue(code), event.FloatValue(score)}
	if age < 0 {
		v[3] = event.NullValue()
	}
	return v
}

func TestFilterTables(t *testing.T) {
	f, err := New(Config{Rules: []string{"*.*", "!test.secret*"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		schema, table string
		want          bool
	}{
		{"test", "worker", true}, {"TEST", "Worker", true}, {"test", "secrets", false}, {"mysql", "user", false},
		{"INFORMATION_SCHEMA", "tables", false}, {"sys", "x", false}, {"tidb_cdc", "x", false},
	} {
		if got := f.MatchTable(c.schema, c.table); got != c.want {
			t.Errorf("MatchTable(%s.%s) = %v, want %v", c.schema, c.table, got, c.want)
		}
	}
	if !f.MatchSchema("test") || f.MatchSchema("performance_schema") {
		t.Error("MatchSchema")
	}
	cs, _ := New(Config{Rules: []string{"Test.*"}, CaseSensitive: true})
	if cs.MatchTable("test", "a") || !cs.MatchTable("Test", "a") {
		t.Error("case-sensitive filter")
	}
	def, _ := New(Config{})
	if !def.MatchTable("any", "table") {
		t.Error("empty rules should mean *.*")
	}
}

func TestShouldIgnoreTxn(t *testing.T) {
	f, _ := New(Config{IgnoreTxnStartTs: []uint64{1, 2}})
	if !f.ShouldIgnoreTxn(2) || f.ShouldIgnoreTxn(3) {
		t.Error("ShouldIgnoreTxn")
	}
}

func TestShouldIgnoreDDL(t *testing.T) {
	f, err := New(Config{Rules: []string{"test.*", "other.keep"}, EventFilters: []EventFilterRule{
		{Matcher: []string{"test.worker"}, IgnoreEvent: []string{"drop table", "alter table"}},
		{Matcher: []string{"test.*"}, IgnoreSQL: []string{"^drop", "add column"}},
		{Matcher: []string{"test.t2"}, IgnoreEvent: []string{"all ddl"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		d    DDL
		want bool
	}{
		{"type rule", DDL{Schema: "test", Table: "worker", Type: DropTable, Query: "DROP TABLE worker"}, true},
		{"alter table covers add index", DDL{Schema: "test", Table: "worker", Type: CreateIndex, Query: "CREATE INDEX i ON worker(a)"}, true},
		{"alter table does not cover truncate", DDL{Schema: "test", Table: "worker", Type: TruncateTable, Query: "TRUNCATE worker"}, false},
		{"sql pattern, case-insensitive", DDL{Schema: "test", Table: "t1", Type: DropTable, Query: "DROP TABLE t1"}, true},
		{"sql pattern anywhere", DDL{Schema: "test", Table: "t1", Type: AddColumn, Query: "ALTER TABLE t1 ADD COLUMN c INT"}, true},
		{"no rule", DDL{Schema: "test", Table: "t1", Type: CreateTable, Query: "CREATE TABLE t1 (a int)"}, false},
		{"all ddl", DDL{Schema: "test", Table: "t2", Type: TruncateTable, Query: "TRUNCATE t2"}, true},
		{"table filtered out", DDL{Schema: "other", Table: "x", Type: CreateTable, Query: "CREATE TABLE x (a int)"}, true},
		{"table kept", DDL{Schema: "other", Table: "keep", Type: AddColumn, Query: "ALTER TABLE keep ADD COLUMN c INT"}, false},
		{"schema ddl kept by a table rule", DDL{Schema: "other", Type: CreateDatabase, Query: "CREATE DATABASE other"}, false},
		{"schema ddl filtered", DDL{Schema: "nope", Type: CreateDatabase, Query: "CREATE DATABASE nope"}, true},
		{"schema ddl and sql rule", DDL{Schema: "test", Type: DropDatabase, Query: "drop database test"}, true},
		{"unknown kind is not replicated", DDL{Schema: "test", Table: "t1", Type: Unknown, Query: "ALTER TABLE t1 ENGINE=InnoDB"}, true},
		{"system schema", DDL{Schema: "mysql", Table: "user", Type: CreateTable, Query: "CREATE TABLE user (a int)"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := f.ShouldIgnoreDDL(tt.d); got != tt.want {
				t.Errorf("ShouldIgnoreDDL = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"bad table rule", Config{Rules: []string{"*.*", "db"}}, `filter.rules[1] "db": wrong table pattern`},
		{"bad matcher", Config{EventFilters: []EventFilterRule{{Matcher: []string{"a.b.c"}}}}, `filter.event-filters[0].matcher[0] "a.b.c": syntax error: stray characters after table pattern`},
		{"bad event type", Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreEvent: []string{"insert", "Insert"}}}}, `filter.event-filters[0].ignore-event[1]: invalid ignore event type "Insert"; want one of: all dml, all ddl, insert`},
		{"bad sql regexp", Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreSQL: []string{"ok", "(drop"}}}}, `filter.event-filters[0].ignore-sql[1] "(drop": invalid regular expression: missing closing ): ` + "`(drop`"},
		{"expr syntax", Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreInsertValueExpr: "id >"}}}, `filter.event-filters[0].ignore-insert-value-expr "id >": syntax error at the end of the expression`},
		{"expr syntax near", Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreDeleteValueExpr: "id = = 1"}}}, `filter.event-filters[0].ignore-delete-value-expr "id = = 1": syntax error near "= 1"`},
		{"function", Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreUpdateNewValueExpr: "lower(name) = 'x'"}}}, `filter.event-filters[0].ignore-update-new-value-expr "lower(name) = 'x'": function lower() is not supported`},
		{"arithmetic", Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreUpdateOldValueExpr: "age + 1 > 2"}}}, `filter.event-filters[0].ignore-update-old-value-expr "age + 1 > 2": operator "+" is not supported`},
		{"subquery", Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreInsertValueExpr: "id IN (SELECT id FROM t)"}}}, `IN (subquery) is not supported`},
		{"case", Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreInsertValueExpr: "CASE WHEN id THEN 1 END"}}}, `CASE is not supported`},
		{"regexp op", Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreInsertValueExpr: "name REGEXP 'a'"}}}, `REGEXP is not supported`},
		{"trailing clause", Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreInsertValueExpr: "id > 1 ORDER BY id"}}}, `want a single boolean expression`},
		{"two statements", Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreInsertValueExpr: "id > 1; DROP TABLE t"}}}, `syntax error`},
		{"like column pattern", Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreInsertValueExpr: "name LIKE code"}}}, `LIKE needs a string literal pattern`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v\nwant %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("multi-line error: %q", err)
			}
		})
	}
}

func TestShouldIgnoreRowByEvent(t *testing.T) {
	f, err := New(Config{EventFilters: []EventFilterRule{
		{Matcher: []string{"test.worker"}, IgnoreEvent: []string{"insert"}},
		{Matcher: []string{"test.other"}, IgnoreEvent: []string{"all dml"}},
		{Matcher: []string{"test.ddlonly"}, IgnoreEvent: []string{"all ddl"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	w := workerTable()
	other := &event.Table{Schema: "test", Name: "other", Columns: w.Columns}
	ddlOnly := &event.Table{Schema: "test", Name: "ddlonly", Columns: w.Columns}
	sys := &event.Table{Schema: "mysql", Name: "user", Columns: w.Columns}
	r := workerRow(1, "a", 1, 1, "1", "2020-01-01", 1, "c", 1)
	tests := []struct {
		name string
		row  event.RowChange
		want bool
	}{
		{"insert ignored", event.RowChange{Table: w, Op: event.OpInsert, After: r}, true},
		{"update kept", event.RowChange{Table: w, Op: event.OpUpdate, Before: r, After: r}, false},
		{"all dml delete", event.RowChange{Table: other, Op: event.OpDelete, Before: r}, true},
		{"all ddl keeps rows", event.RowChange{Table: ddlOnly, Op: event.OpInsert, After: r}, false},
		{"system table", event.RowChange{Table: sys, Op: event.OpInsert, After: r}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.ShouldIgnoreRow(&tt.row)
			if err != nil || got != tt.want {
				t.Errorf("ShouldIgnoreRow = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestShouldIgnoreRowByValue(t *testing.T) {
	f, err := New(Config{EventFilters: []EventFilterRule{{
		Matcher:                  []string{"test.worker"},
		IgnoreInsertValueExpr:    "id >= 100",
		IgnoreUpdateNewValueExpr: "gender = 'male'",
		IgnoreUpdateOldValueExpr: "age < 18",
		IgnoreDeleteValueExpr:    "name = 'john'",
	}}})
	if err != nil {
		t.Fatal(err)
	}
	w := workerTable()
	adult := workerRow(1, "ann", 2, 30, "1.5", "1990-05-01", 0, "A", 1)
	minor := workerRow(2, "bob", 2, 12, "1.5", "2010-05-01", 0, "A", 1)
	male := workerRow(3, "cid", 1, 40, "1.5", "1980-05-01", 0, "A", 1)
	tests := []struct {
		name string
		row  event.RowChange
		want bool
	}{
		{"insert below", event.RowChange{Table: w, Op: event.OpInsert, After: workerRow(99, "x", 1, 1, "0", "NULL", 0, "", 0)}, false},
		{"insert at", event.RowChange{Table: w, Op: event.OpInsert, After: workerRow(100, "x", 1, 1, "0", "NULL", 0, "", 0)}, true},
		{"update new male", event.RowChange{Table: w, Op: event.OpUpdate, Before: adult, After: male}, true},
		{"update old minor", event.RowChange{Table: w, Op: event.OpUpdate, Before: minor, After: adult}, true},
		{"update neither", event.RowChange{Table: w, Op: event.OpUpdate, Before: adult, After: adult}, false},
		{"delete john, case-insensitive collation", event.RowChange{Table: w, Op: event.OpDelete, Before: workerRow(5, "JOHN", 1, 1, "0", "NULL", 0, "", 0)}, true},
		{"delete null name", event.RowChange{Table: w, Op: event.OpDelete, Before: workerRow(5, "NULL", 1, 1, "0", "NULL", 0, "", 0)}, false},
		{"other table", event.RowChange{Table: &event.Table{Schema: "test", Name: "x", Columns: w.Columns}, Op: event.OpInsert, After: workerRow(100, "x", 1, 1, "0", "NULL", 0, "", 0)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.ShouldIgnoreRow(&tt.row)
			if err != nil || got != tt.want {
				t.Errorf("ShouldIgnoreRow = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestExpressionUnknownColumn(t *testing.T) {
	f, err := New(Config{EventFilters: []EventFilterRule{{Matcher: []string{"test.*"}, IgnoreInsertValueExpr: "nope = 1"}}})
	if err != nil {
		t.Fatal(err)
	}
	w := workerTable()
	want := `filter.event-filters[0].ignore-insert-value-expr "nope = 1": cannot find column "nope" in table test.worker`
	if err := f.Verify(w); err == nil || err.Error() != want {
		t.Errorf("Verify = %v", err)
	}
	_, err = f.ShouldIgnoreRow(&event.RowChange{Table: w, Op: event.OpInsert, After: workerRow(1, "a", 1, 1, "0", "NULL", 0, "", 0)})
	if err == nil || err.Error() != want {
		t.Errorf("ShouldIgnoreRow error = %v", err)
	}
	if err := f.Verify(&event.Table{Schema: "other", Name: "t"}); err != nil {
		t.Errorf("Verify on an unmatched table: %v", err)
	}
}

// TestExpressionOperators evaluates each supported operator on one row.
func TestExpressionOperators(t *testing.T) {
	w := workerTable()
	seen := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC).UnixMicro()
	row := workerRow(7, "Mary Ann", 2, 25, "1200.50", "1999-12-31", seen, "AbC", 3.5)
	nullRow := workerRow(8, "NULL", 1, -1, "NULL", "NULL", 0, "x", 0)
	tests := []struct {
		expr       string
		want, null bool // want on row; want on nullRow
	}{
		{"id = 7", true, false},
		{"id <> 7", false, true},
		{"id != 7 OR name IS NULL", false, true},
		{"id <=> 7", true, false},
		{"name <=> NULL", false, true},
		{"id < 8 AND id <= 7 AND id > 6 AND id >= 7", true, false},
		{"id IN (1, 7, 9)", true, false},
		{"id NOT IN (1, 2)", true, true},
		{"age NOT IN (1, NULL)", false, false},
		{"age IN (25, NULL)", true, false},
		{"id BETWEEN 5 AND 7", true, false},
		{"id NOT BETWEEN 1 AND 5", true, true},
		{"name IS NULL", false, true},
		{"name IS NOT NULL", true, false},
		{"NOT (id = 7)", false, true},
		{"!(id = 8)", true, false},
		{"age > 18 XOR id = 8", true, false},
		{"name LIKE 'mary%'", true, false},
		{"name LIKE '_ary An_'", true, false},
		{"name LIKE '_ary A_'", false, false},
		{"name NOT LIKE '%x%'", true, false},
		{"code LIKE 'abc'", false, false},
		{"code ILIKE 'abc'", true, false},
		{"code = 'abc'", false, false},
		{"code = 'AbC'", true, false},
		{"name = 'MARY ANN  '", true, false},
		{"gender = 'female'", true, false},
		{"gender = 2", true, false},
		{"gender IN ('male')", false, true},
		{"salary > 1200.5", false, false},
		{"salary = 1200.5", true, false},
		{"salary = '1200.50'", true, false},
		{"salary > 1200", true, false},
		{"salary < -1", false, false},
		{"score = 3.5", true, false},
		{"score > '3'", true, false},
		{"born < '2000-01-01'", true, false},
		{"born = '1999-12-31 00:00:00'", true, false},
		{"born BETWEEN '1999-01-01' AND '1999/12/31'", true, false},
		{"seen >= '2024-03-01 10:00:00'", true, false},
		{"seen < '2024-03-01 09:59:59.999999'", false, true}, // the zero TIMESTAMP sorts first
		{"age = -1", false, false},
		{"age > -1", true, false},
		{"id > -5 AND id = +7", true, false},
		{"(id = 7) IS TRUE", true, false},
		{"(id = 7) IS NOT TRUE", false, true},
		{"name = 'x' IS FALSE", true, false},
		{"id", true, true},
		{"name AND id", false, false},
		{"TRUE", true, true},
		{"NULL", false, false},
		{"'abc' = 'ABC'", true, true},
		{"id = '7abc'", true, false},
		{"18446744073709551615 > id", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			f, err := New(Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreInsertValueExpr: tt.expr}}})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				row  []event.Value
				want bool
			}{{row, tt.want}, {nullRow, tt.null}} {
				got, err := f.ShouldIgnoreRow(&event.RowChange{Table: w, Op: event.OpInsert, After: c.row})
				if err != nil {
					t.Fatal(err)
				}
				if got != c.want {
					t.Errorf("row id %d: got %v, want %v", c.row[0].Int, got, c.want)
				}
			}
		})
	}
}

func TestExpressionTimeZone(t *testing.T) {
	loc := time.FixedZone("UTC+8", 8*3600)
	f, err := New(Config{TimeZone: loc, EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreInsertValueExpr: "seen = '2024-03-01 18:00:00'"}}})
	if err != nil {
		t.Fatal(err)
	}
	seen := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC).UnixMicro()
	got, err := f.ShouldIgnoreRow(&event.RowChange{Table: workerTable(), Op: event.OpInsert, After: workerRow(1, "a", 1, 1, "0", "NULL", seen, "", 0)})
	if err != nil || !got {
		t.Errorf("TIMESTAMP read in the filter's zone: got %v, %v", got, err)
	}
}

// TestConcurrentFilter evaluates rows of fresh table versions from many
// goroutines (run with -race).
func TestConcurrentFilter(t *testing.T) {
	f, err := New(Config{EventFilters: []EventFilterRule{{Matcher: []string{"test.*"}, IgnoreInsertValueExpr: "id >= 100"}}})
	if err != nil {
		t.Fatal(err)
	}
	tables := []*event.Table{workerTable(), workerTable(), workerTable()}
	done := make(chan error, 6)
	for g := 0; g < 6; g++ {
		go func(g int) {
			for n := 0; n < 100; n++ {
				id := int64(n + g)
				got, err := f.ShouldIgnoreRow(&event.RowChange{Table: tables[n%3], Op: event.OpInsert, After: workerRow(id, "a", 1, 1, "0", "NULL", 0, "", 0)})
				if err == nil && got != (id >= 100) {
					err = fmt.Errorf("id %d: ignored %v", id, got)
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}(g)
	}
	for g := 0; g < 6; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
