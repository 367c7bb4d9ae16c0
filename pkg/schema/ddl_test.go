package schema

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cdcctl/cdcctl/pkg/event"
)

func strp(s string) *string { return &s }

func TestParseDDLColumns(t *testing.T) {
	sql := `CREATE DATABASE shop;
USE shop;
CREATE TABLE t (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'row id',
  flag BOOL DEFAULT TRUE,
  small TINYINT(3) UNSIGNED DEFAULT -0,
  neg INT DEFAULT -3,
  price DECIMAL(10,2) NOT NULL DEFAULT '0.00',
  d0 DECIMAL,
  d5 DECIMAL(5),
  f FLOAT DEFAULT 3.14,
  dbl DOUBLE DEFAULT 1.5e3,
  b BIT(5) DEFAULT b'101',
  b1 BIT,
  name VARCHAR(20) COLLATE utf8mb4_bin,
  code CHAR(3) CHARACTER SET latin1 DEFAULT 'abc',
  bin BINARY(4),
  vb VARBINARY(16),
  vcb VARCHAR(5) CHARACTER SET binary,
  txt TEXT,
  blb MEDIUMBLOB,
  e ENUM('a','b''c','d,e') NOT NULL DEFAULT 'a',
  s SET('x','y'),
  j JSON,
  dt DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3),
  ts TIMESTAMP NULL DEFAULT NULL,
  tm TIME(6),
  dd DATE DEFAULT '2000-01-01',
  y YEAR,
  g INT AS (neg + 1) VIRTUAL,
  gs INT GENERATED ALWAYS AS (neg * 2) STORED,
  u VARCHAR(36) DEFAULT (uuid()),
  PRIMARY KEY (id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;`
	tables, err := ParseDDL(sql, "ignored")
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 1 {
		t.Fatalf("got %d tables", len(tables))
	}
	tb := tables[0]
	if tb.Schema != "shop" || tb.Name != "t" || tb.Version != 1 {
		t.Fatalf("identity = %s version %d", tb.QualifiedName(), tb.Version)
	}
	base := func(name string, tp event.Type) event.Column {
		return event.Column{Name: name, Type: tp, Nullable: true, Length: -1, Precision: -1, Scale: -1}
	}
	want := map[string]func(c event.Column) event.Column{
		"id": func(c event.Column) event.Column {
			c.Unsigned, c.Nullable, c.AutoIncrement, c.Comment = true, false, true, "row id"
			c.PrimaryKey, c.UniqueKey, c.HandleKey = true, true, true
			return c
		},
		"flag":  func(c event.Column) event.Column { c.Length = 1; c.Default = strp("1"); return c },
		"small": func(c event.Column) event.Column { c.Length, c.Unsigned, c.Default = 3, true, strp("0"); return c },
		"neg":   func(c event.Column) event.Column { c.Default = strp("-3"); return c },
		"price": func(c event.Column) event.Column {
			c.Precision, c.Scale, c.Nullable, c.Default = 10, 2, false, strp("0.00")
			return c
		},
		"d0":  func(c event.Column) event.Column { return c },
		"d5":  func(c event.Column) event.Column { c.Precision, c.Scale = 5, 0; return c },
		"f":   func(c event.Column) event.Column { c.Default = strp("3.14"); return c },
		"dbl": func(c event.Column) event.Column { c.Default = strp("1500"); return c },
		"b":   func(c event.Column) event.Column { c.Length, c.Default = 5, strp("b'101'"); return c },
		"b1":  func(c event.Column) event.Column { c.Length = 1; return c },
		"name": func(c event.Column) event.Column {
			c.Length, c.Charset, c.Collation = 20, "utf8mb4", "utf8mb4_bin"
			return c
		},
		"code": func(c event.Column) event.Column {
			c.Length, c.Charset, c.Default = 3, "latin1", strp("abc")
			return c
		},
		"bin": func(c event.Column) event.Column {
			c.Length, c.Binary, c.Charset, c.Collation = 4, true, "binary", "binary"
			return c
		},
		"vb": func(c event.Column) event.Column {
			c.Length, c.Binary, c.Charset, c.Collation = 16, true, "binary", "binary"
			return c
		},
		"vcb": func(c event.Column) event.Column { c.Length, c.Binary, c.Charset = 5, true, "binary"; return c },
		"txt": func(c event.Column) event.Column { c.Charset, c.Collation = "utf8mb4", "utf8mb4_general_ci"; return c },
		"blb": func(c event.Column) event.Column {
			c.Binary, c.Charset, c.Collation = true, "binary", "binary"
			return c
		},
		"e": func(c event.Column) event.Column {
			c.Elems, c.Nullable, c.Default = []string{"a", "b'c", "d,e"}, false, strp("a")
			c.Charset, c.Collation = "utf8mb4", "utf8mb4_general_ci"
			return c
		},
		"s": func(c event.Column) event.Column {
			c.Elems, c.Charset, c.Collation = []string{"x", "y"}, "utf8mb4", "utf8mb4_general_ci"
			return c
		},
		"j":  func(c event.Column) event.Column { return c },
		"dt": func(c event.Column) event.Column { c.Scale, c.Default = 3, strp("CURRENT_TIMESTAMP(3)"); return c },
		"ts": func(c event.Column) event.Column { return c },
		"tm": func(c event.Column) event.Column { c.Scale = 6; return c },
		"dd": func(c event.Column) event.Column { c.Default = strp("2000-01-01"); return c },
		"y":  func(c event.Column) event.Column { return c },
		"g":  func(c event.Column) event.Column { c.Generated = event.GeneratedVirtual; return c },
		"gs": func(c event.Column) event.Column { c.Generated = event.GeneratedStored; return c },
		"u": func(c event.Column) event.Column {
			c.Length, c.Default, c.Charset, c.Collation = 36, strp("uuid()"), "utf8mb4", "utf8mb4_general_ci"
			return c
		},
	}
	types := map[string]event.Type{
		"id": event.TypeLongLong, "flag": event.TypeTiny, "small": event.TypeTiny, "neg": event.TypeLong,
		"price": event.TypeDecimal, "d0": event.TypeDecimal, "d5": event.TypeDecimal, "f": event.TypeFloat,
		"dbl": event.TypeDouble, "b": event.TypeBit, "b1": event.TypeBit, "name": event.TypeVarchar,
		"code": event.TypeChar, "bin": event.TypeChar, "vb": event.TypeVarchar, "vcb": event.TypeVarchar,
		"txt": event.TypeText, "blb": event.TypeMediumText, "e": event.TypeEnum, "s": event.TypeSet,
		"j": event.TypeJSON, "dt": event.TypeDatetime, "ts": event.TypeTimestamp, "tm": event.TypeTime,
		"dd": event.TypeDate, "y": event.TypeYear, "g": event.TypeLong, "gs": event.TypeLong, "u": event.TypeVarchar,
	}
	if len(tb.Columns) != len(want) {
		t.Fatalf("got %d columns, want %d", len(tb.Columns), len(want))
	}
	for _, got := range tb.Columns {
		t.Run(got.Name, func(t *testing.T) {
			mk, ok := want[got.Name]
			if !ok {
				t.Fatalf("unexpected column %s", got.Name)
			}
			exp := mk(base(got.Name, types[got.Name]))
			if isCharType(exp.Type) && exp.Charset == "" && !exp.Binary {
				exp.Charset, exp.Collation = "utf8mb4", "utf8mb4_general_ci"
			}
			if diff := cmp.Diff(exp, got); diff != "" {
				t.Errorf("column %s (-want +got):\n%s", got.Name, diff)
			}
		})
	}
	if diff := cmp.Diff([]int{0}, tb.Handle); diff != "" {
		t.Errorf("handle (-want +got):\n%s", diff)
	}
}

func TestParseDDLKeys(t *testing.T) {
	tests := []struct {
		name        string
		sql         string
		wantIndexes []event.Index
		wantHandle  []string
		wantNotNull []string
	}{
		{
			name:        "inline primary key implies not null",
			sql:         "CREATE TABLE t (a INT PRIMARY KEY, b INT)",
			wantIndexes: []event.Index{{Name: "PRIMARY", Columns: []string{"a"}, Primary: true, Unique: true, ID: 1}},
			wantHandle:  []string{"a"},
			wantNotNull: []string{"a"},
		},
		{
			name: "table constraint primary key in column order, constraints numbered before inline keys",
			sql:  "CREATE TABLE t (a INT, b INT UNIQUE NOT NULL, c INT, PRIMARY KEY (c, a), KEY k (b))",
			wantIndexes: []event.Index{
				{Name: "PRIMARY", Columns: []string{"c", "a"}, Primary: true, Unique: true, ID: 1},
				{Name: "k", Columns: []string{"b"}, ID: 2},
				{Name: "b", Columns: []string{"b"}, Unique: true, ID: 3},
			},
			wantHandle:  []string{"a", "c"},
			wantNotNull: []string{"a", "b", "c"},
		},
		{
			name: "smallest not-null unique wins without primary",
			sql:  "CREATE TABLE t (a INT NOT NULL, b INT NOT NULL, c INT, UNIQUE KEY ab (a, b), UNIQUE KEY uc (c), UNIQUE INDEX ub (b))",
			wantIndexes: []event.Index{
				{Name: "ab", Columns: []string{"a", "b"}, Unique: true, ID: 1},
				{Name: "uc", Columns: []string{"c"}, Unique: true, ID: 2},
				{Name: "ub", Columns: []string{"b"}, Unique: true, ID: 3},
			},
			wantHandle:  []string{"b"},
			wantNotNull: []string{"a", "b"},
		},
		{
			name:        "no usable key",
			sql:         "CREATE TABLE t (a INT, b INT, UNIQUE KEY (a))",
			wantIndexes: []event.Index{{Name: "a", Columns: []string{"a"}, Unique: true, ID: 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tables, err := ParseDDL(tt.sql, "db")
			if err != nil {
				t.Fatal(err)
			}
			tb := tables[0]
			if diff := cmp.Diff(tt.wantIndexes, tb.Indexes); diff != "" {
				t.Errorf("indexes (-want +got):\n%s", diff)
			}
			var handle, notNull []string
			for _, j := range tb.Handle {
				handle = append(handle, tb.Columns[j].Name)
			}
			for _, c := range tb.Columns {
				if !c.Nullable {
					notNull = append(notNull, c.Name)
				}
			}
			if diff := cmp.Diff(tt.wantHandle, handle); diff != "" {
				t.Errorf("handle (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantNotNull, notNull); diff != "" {
				t.Errorf("not null (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseDDLSchemas(t *testing.T) {
	sql := "CREATE TABLE a (id INT PRIMARY KEY); CREATE TABLE other.b (id INT); USE x; CREATE TABLE c (id INT);"
	tables, err := ParseDDL(sql, "def")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tb := range tables {
		got = append(got, tb.QualifiedName())
	}
	if diff := cmp.Diff([]string{"def.a", "other.b", "x.c"}, got); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
}

func TestParseDDLErrors(t *testing.T) {
	tests := []struct {
		name, sql, schema string
		wantErr           []string
	}{
		{"syntax error", "CREATE TABLE t (", "db", []string{"parse DDL"}},
		{"other statement", "CREATE TABLE t (a INT); INSERT INTO t VALUES (1)", "db", []string{"statement 2", "INSERT INTO t VALUES (1)"}},
		{"no schema", "CREATE TABLE t (a INT)", "", []string{"table t", "no database"}},
		{"unknown type", "CREATE TABLE t (a INT, g GEOMETRY)", "db", []string{"parse DDL", "line 1 column 33"}},
		{"key on missing column", "CREATE TABLE t (a INT, PRIMARY KEY (b))", "db", []string{"table db.t", "column b does not exist"}},
		{"duplicate column", "CREATE TABLE t (a INT, A INT)", "db", []string{"table db.t", "column A", "duplicate"}},
		{"two primary keys", "CREATE TABLE t (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))", "db", []string{"table db.t", "multiple primary keys"}},
		{"create like", "CREATE TABLE t LIKE u", "db", []string{"table db.t", "LIKE"}},
		{"expression key", "CREATE TABLE t (a INT, KEY ((a + 1)))", "db", []string{"table db.t", "expression key parts"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDDL(tt.sql, tt.schema)
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestFindTable(t *testing.T) {
	tables, err := ParseDDL("CREATE TABLE a.t (id INT); CREATE TABLE b.t (id INT); CREATE TABLE a.u (id INT)", "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query, want, wantErr string
	}{
		{"qualified", "a.t", "a.t", ""},
		{"case-insensitive", "B.T", "b.t", ""},
		{"unqualified unique", "u", "a.u", ""},
		{"unqualified ambiguous", "t", "", "ambiguous; qualify it as db.table: a.t, b.t"},
		{"not found lists tables", "c.t", "", `table "c.t" not found; defined: a.t, a.u, b.t`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FindTable(tables, tt.query)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.QualifiedName() != tt.want {
				t.Errorf("got %s, want %s", got.QualifiedName(), tt.want)
			}
		})
	}
}
