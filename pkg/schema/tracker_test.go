package schema

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
)

func newTestTracker(t *testing.T, ddl string) *Tracker {
	t.Helper()
	tables, err := ParseDDL(ddl, "shop")
	if err != nil {
		t.Fatal(err)
	}
	return NewTracker(tables...)
}

func columnNames(tb *event.Table) string {
	var names []string
	for _, c := range tb.Columns {
		names = append(names, c.Name)
	}
	return strings.Join(names, ",")
}

func handleNames(tb *event.Table) string {
	var names []string
	for _, i := range tb.Handle {
		names = append(names, tb.Columns[i].Name)
	}
	return strings.Join(names, ",")
}

func TestTrackerApply(t *testing.T) {
	const base = "CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(5,2) NOT NULL)"
	tests := []struct {
		name       string
		stmts      []string
		table      string // db.table to inspect afterwards ("" = gone)
		wantCols   string
		wantHandle string
		check      func(t *testing.T, tb *event.Table)
	}{
		{"add column at the end", []string{"ALTER TABLE item ADD COLUMN stock INT NOT NULL DEFAULT 0"}, "shop.item", "id,name,price,stock", "id",
			func(t *testing.T, tb *event.Table) {
				c := tb.Columns[3]
				if c.Nullable || c.Default == nil || *c.Default != "0" {
					t.Errorf("stock = %+v", c)
				}
			}},
		{"add column first and after", []string{"ALTER TABLE item ADD COLUMN a INT FIRST, ADD COLUMN b INT AFTER name"}, "shop.item", "a,id,name,b,price", "id", nil},
		{"drop column", []string{"ALTER TABLE item DROP COLUMN name"}, "shop.item", "id,price", "id", nil},
		{"modify column type keeps position", []string{"ALTER TABLE item MODIFY COLUMN name VARCHAR(64) NOT NULL"}, "shop.item", "id,name,price", "id",
			func(t *testing.T, tb *event.Table) {
				if c := tb.Columns[1]; c.Length != 64 || c.Nullable {
					t.Errorf("name = %+v", c)
				}
			}},
		{"change column renames and moves", []string{"ALTER TABLE item CHANGE COLUMN name title TEXT AFTER price"}, "shop.item", "id,price,title", "id",
			func(t *testing.T, tb *event.Table) {
				if tb.Columns[2].Type != event.TypeText {
					t.Errorf("title type = %v", tb.Columns[2].Type)
				}
			}},
		{"rename column follows into keys", []string{"ALTER TABLE item RENAME COLUMN id TO item_id"}, "shop.item", "item_id,name,price", "item_id", nil},
		{"drop primary key leaves a unique not-null key as handle",
			[]string{"ALTER TABLE item ADD UNIQUE KEY uk_price (price)", "ALTER TABLE item DROP PRIMARY KEY"}, "shop.item", "id,name,price", "price", nil},
		{"drop primary key without other key is ineligible", []string{"ALTER TABLE item DROP PRIMARY KEY"}, "shop.item", "id,name,price", "", nil},
		{"create index and drop index", []string{"CREATE UNIQUE INDEX u_name ON item (name)", "DROP INDEX u_name ON item"}, "shop.item", "id,name,price", "id",
			func(t *testing.T, tb *event.Table) {
				if findIndex(tb, "u_name") >= 0 {
					t.Errorf("u_name still there: %+v", tb.Indexes)
				}
			}},
		{"set and drop default", []string{"ALTER TABLE item ALTER COLUMN price SET DEFAULT 1.50"}, "shop.item", "id,name,price", "id",
			func(t *testing.T, tb *event.Table) {
				if d := tb.Columns[2].Default; d == nil || *d != "1.50" {
					t.Errorf("default = %v", d)
				}
			}},
		{"rename table", []string{"RENAME TABLE item TO goods"}, "shop.goods", "id,name,price", "id", nil},
		{"alter rename to another database", []string{"ALTER TABLE item ADD COLUMN x INT, RENAME TO archive.item_old"}, "archive.item_old", "id,name,price,x", "id", nil},
		{"drop table", []string{"DROP TABLE item"}, "", "", "", nil},
		{"drop database", []string{"DROP DATABASE shop"}, "", "", "", nil},
		{"create table like", []string{"CREATE TABLE item2 LIKE item"}, "shop.item2", "id,name,price", "id", nil},
		{"qualified create in another db", []string{"CREATE TABLE other.t (k BIGINT NOT NULL, UNIQUE KEY (k))"}, "other.t", "k", "k", nil},
		{"truncate keeps the definition", []string{"TRUNCATE TABLE item"}, "shop.item", "id,name,price", "id", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTestTracker(t, base)
			before := tr.Table("shop", "item")
			for _, q := range tt.stmts {
				ddl, err := tr.Apply("shop", q)
				if err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				if ddl == nil {
					t.Fatalf("%s: no DDL event", q)
				}
			}
			if tt.table == "" {
				if tr.Table("shop", "item") != nil {
					t.Fatal("table still tracked")
				}
				return
			}
			db, name, _ := strings.Cut(tt.table, ".")
			tb := tr.Table(db, name)
			if tb == nil {
				t.Fatalf("%s not tracked; have %d tables", tt.table, len(tr.Tables()))
			}
			if got := columnNames(tb); got != tt.wantCols {
				t.Errorf("columns = %s, want %s", got, tt.wantCols)
			}
			if got := handleNames(tb); got != tt.wantHandle {
				t.Errorf("handle = %q, want %q", got, tt.wantHandle)
			}
			if tb.Version <= before.Version {
				t.Errorf("version %d not above %d", tb.Version, before.Version)
			}
			if columnNames(before) != "id,name,price" {
				t.Errorf("published table changed in place: %s", columnNames(before))
			}
			if tt.check != nil {
				tt.check(t, tb)
			}
		})
	}
}

func TestTrackerIgnoresNonTableStatements(t *testing.T) {
	tr := newTestTracker(t, "CREATE TABLE item (id INT PRIMARY KEY)")
	for _, q := range []string{
		"BEGIN", "COMMIT", "GRANT SELECT ON *.* TO 'u'@'%'", "CREATE USER 'u'@'%'",
		"CREATE VIEW v AS SELECT 1", "DROP VIEW v", "FLUSH PRIVILEGES", "CREATE DATABASE x",
		"ALTER TABLE untracked ADD COLUMN c INT", "/* comment */ SAVEPOINT s",
	} {
		ddl, err := tr.Apply("shop", q)
		if err != nil || ddl != nil {
			t.Errorf("%q: ddl=%v err=%v, want nothing", q, ddl, err)
		}
	}
}

func TestTrackerFailedStatementChangesNothing(t *testing.T) {
	tr := newTestTracker(t, "CREATE TABLE item (id INT PRIMARY KEY, name TEXT)")
	v := tr.Version()
	tests := []struct{ q, wantErr string }{
		{"ALTER TABLE item ADD COLUMN z INT, DROP COLUMN nope", "DROP COLUMN nope: column does not exist"},
		{"ALTER TABLE item ADD COLUMN name INT", "duplicate column name"},
		{"ALTER TABLE item ADD COLUMN q INT AFTER ghost", "AFTER ghost: column does not exist"},
		{"ALTER TABLE item ADD COLUMN (", "parse DDL"},
	}
	for _, tt := range tests {
		_, err := tr.Apply("shop", tt.q)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%q: err = %v, want %q", tt.q, err, tt.wantErr)
		}
		if got := columnNames(tr.Table("shop", "item")); got != "id,name" || tr.Version() != v {
			t.Errorf("%q changed the tracker: %s v%d", tt.q, got, tr.Version())
		}
	}
}

func TestTrackerJSONRoundTrip(t *testing.T) {
	tr := newTestTracker(t, "CREATE TABLE item (id INT PRIMARY KEY, e ENUM('a','b'), name VARCHAR(20) DEFAULT 'x')")
	if _, err := tr.Apply("shop", "ALTER TABLE item ADD COLUMN qty INT"); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	var back Tracker
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	got, want := back.Table("shop", "item"), tr.Table("shop", "item")
	if columnNames(got) != columnNames(want) || got.Version != want.Version || back.Version() != tr.Version() {
		t.Fatalf("restored %s v%d, want %s v%d", columnNames(got), got.Version, columnNames(want), want.Version)
	}
	if handleNames(got) != "id" || got.Columns[1].Elems[1] != "b" || *got.Columns[2].Default != "x" {
		t.Errorf("restored table lost detail: %+v", got)
	}
	// A later DDL after restore gets a fresh version.
	ddl, err := back.Apply("shop", "ALTER TABLE item DROP COLUMN qty")
	if err != nil || ddl.Tables[0].Version <= want.Version {
		t.Errorf("version after restore: %v %v", ddl, err)
	}
}
