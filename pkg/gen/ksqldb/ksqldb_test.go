package ksqldb_test

import (
	"flag"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/gen/gentest"
	"github.com/cdcctl/cdcctl/pkg/gen/ksqldb"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

var both = []ksqldb.Kind{ksqldb.KindStream, ksqldb.KindTable}

func targets(tables ...*event.Table) []ksqldb.Target {
	var ts []ksqldb.Target
	for _, t := range tables {
		if t.Eligible() {
			ts = append(ts, ksqldb.Target{Table: t, Topic: "tidb_" + t.Schema + "_" + t.Name})
		}
	}
	return ts
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		tables func(t testing.TB) []*event.Table
		opts   ksqldb.Options
	}{
		{"tpcc-infer", gentest.TPCC, ksqldb.Options{}},
		{"tpcc-explicit", gentest.TPCC, ksqldb.Options{Explicit: true}},
		{"alltypes-explicit", func(t testing.TB) []*event.Table { return []*event.Table{gentest.AllTypes(t)} }, ksqldb.Options{Explicit: true}},
		{"alltypes-explicit-string-modes", func(t testing.TB) []*event.Table { return []*event.Table{gentest.AllTypes(t)} },
			ksqldb.Options{Explicit: true, DecimalMode: "string", BigintUnsignedMode: "string"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := ksqldb.Generate(both, targets(tt.tables(t)...), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			gentest.CheckGolden(t, filepath.Join("testdata", tt.name), arts, *update)
			again, _ := ksqldb.Generate(both, targets(tt.tables(t)...), tt.opts)
			if len(again) != len(arts) {
				t.Fatal("second run differs")
			}
			for i := range arts {
				if arts[i] != again[i] {
					t.Errorf("second run differs at %s", arts[i].File)
				}
			}
		})
	}
}

// TestTableKeyedForRecordKeys checks spec downstream.md §8.3 and §10.10:
// the TABLE never declares a single bare key column over TiCDC's record
// key, and the guide's STREAM defects (no key, PARTITIONS that may clash
// with the topic) are gone.
func TestTableKeyedForRecordKeys(t *testing.T) {
	for _, explicit := range []bool{false, true} {
		arts, err := ksqldb.Generate(both, targets(gentest.TPCC(t)...), ksqldb.Options{Explicit: explicit})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			sql := a.Content
			if strings.Contains(strings.ToUpper(sql), "PARTITIONS") {
				t.Errorf("%s: sets PARTITIONS", a.File)
			}
			if !strings.Contains(sql, "KEY_FORMAT = 'AVRO'") || !strings.Contains(sql, "VALUE_FORMAT = 'AVRO'") {
				t.Errorf("%s: formats not both AVRO", a.File)
			}
			if a.Kind != string(ksqldb.KindTable) {
				continue
			}
			if !strings.Contains(sql, "CREATE SOURCE TABLE IF NOT EXISTS ") {
				t.Errorf("%s: not a SOURCE TABLE (pull queries need one)", a.File)
			}
			pk := regexp.MustCompile(`(?m)^    (.*) PRIMARY KEY,?$`).FindAllStringSubmatch(sql, -1)
			switch {
			case !explicit && len(pk) != 0:
				t.Errorf("%s: declares key columns while inferring: %v", a.File, pk)
			case explicit && len(pk) == 1 && !strings.HasPrefix(pk[0][1], "ROWKEY STRUCT<"):
				t.Errorf("%s: single bare key column %q cannot read a record key", a.File, pk[0][1])
			case explicit && len(pk) == 0:
				t.Errorf("%s: no key column", a.File)
			}
		}
	}
	item := find(t, "tpcc.item", ksqldb.KindTable, ksqldb.Options{Explicit: true})
	if !strings.Contains(item, "    ROWKEY STRUCT<I_ID INT> PRIMARY KEY,\n    I_ID INT,") {
		t.Errorf("item key:\n%s", item)
	}
	orders := find(t, "tpcc.orders", ksqldb.KindTable, ksqldb.Options{Explicit: true})
	if !strings.Contains(orders, "    O_ID INT PRIMARY KEY,\n    O_D_ID INT PRIMARY KEY,\n    O_W_ID INT PRIMARY KEY,\n    O_C_ID INT,") {
		t.Errorf("orders keys:\n%s", orders)
	}
}

func find(t *testing.T, table string, k ksqldb.Kind, o ksqldb.Options) string {
	t.Helper()
	arts, err := ksqldb.Generate([]ksqldb.Kind{k}, targets(gentest.TPCC(t)...), o)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if a.Table == table {
			return a.Content
		}
	}
	t.Fatalf("no %s for %s", k, table)
	return ""
}

func TestTypes(t *testing.T) {
	tab := gentest.AllTypes(t)
	want := map[string]string{
		"C_BOOL": "INT", "C_TINYINT_U": "INT", "C_MEDIUMINT_U": "INT", "C_INT": "INT", "C_INT_U": "BIGINT",
		"C_BIGINT": "BIGINT", "C_BIGINT_U": "BIGINT", "C_FLOAT": "DOUBLE", "C_DOUBLE": "DOUBLE",
		"C_DECIMAL": "DECIMAL(10, 2)", "C_DECIMAL_DEFAULT": "DECIMAL(10, 0)", "C_DECIMAL_WIDE": "DECIMAL(65, 30)",
		"C_BIT": "BYTES", "C_YEAR": "INT", "C_DATE": "STRING", "C_DATETIME6": "STRING", "C_TIMESTAMP": "STRING",
		"C_TIME": "STRING", "C_CHAR": "STRING", "C_LONGTEXT": "STRING", "C_BINARY": "BYTES", "C_LONGBLOB": "BYTES",
		"C_ENUM": "STRING", "C_SET": "STRING", "C_JSON": "STRING", "C_VECTOR": "STRING",
		"MIXED_CASE": "STRING", "`ORDER`": "INT", "_1ST": "INT", "C_STORED": "INT",
	}
	arts, err := ksqldb.Generate([]ksqldb.Kind{ksqldb.KindStream}, targets(tab), ksqldb.Options{Explicit: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^    (\S+) (.+?),?$`).FindAllStringSubmatch(arts[0].Content, -1) {
		got[m[1]] = m[2]
	}
	for col, typ := range want {
		if got[col] != typ {
			t.Errorf("%s: got %q, want %q", col, got[col], typ)
		}
	}
	if _, ok := got["C_VIRTUAL"]; ok {
		t.Error("virtual generated column declared; TiCDC does not send it")
	}
}

func TestGenerateErrors(t *testing.T) {
	history := gentest.Table(t, "history")
	item := gentest.Table(t, "item")
	odd := &event.Table{Schema: "s", Name: "t", Columns: []event.Column{{Name: "id", Type: event.TypeLong}, {Name: "g", Type: event.TypeUnknown}},
		Indexes: []event.Index{{Name: "PRIMARY", Columns: []string{"id"}, Primary: true}}}
	odd.ComputeKeys()
	tests := []struct {
		name    string
		kinds   []ksqldb.Kind
		targets []ksqldb.Target
		opts    ksqldb.Options
		want    string
	}{
		{"no key", both, []ksqldb.Target{{Table: history, Topic: "h"}}, ksqldb.Options{}, "table tpcc.history has no primary key"},
		{"unmapped type", both, []ksqldb.Target{{Table: odd, Topic: "t"}}, ksqldb.Options{Explicit: true}, "table s.t: column g: MySQL type unknown has no ksqlDB mapping"},
		{"table without key format", both, []ksqldb.Target{{Table: item, Topic: "i"}}, ksqldb.Options{KeyFormat: "none"}, "table tpcc.item: a ksqlDB TABLE needs its key"},
		{"bad key format", both, []ksqldb.Target{{Table: item, Topic: "i"}}, ksqldb.Options{KeyFormat: "KAFKA"}, `key format "KAFKA"`},
		{"bad decimal mode", both, []ksqldb.Target{{Table: item, Topic: "i"}}, ksqldb.Options{DecimalMode: "exact"}, `avro-decimal-handling-mode value could only be "string" or "precise"`},
		{"name clash", both, []ksqldb.Target{{Table: item, Topic: "i"}, {Table: item, Topic: "j"}}, ksqldb.Options{}, "would both create ksqlDB stream ITEM_STREAM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := ksqldb.Generate(tt.kinds, tt.targets, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if arts != nil {
				t.Errorf("partial output: %v", arts)
			}
		})
	}
	arts, err := ksqldb.Generate([]ksqldb.Kind{ksqldb.KindStream}, []ksqldb.Target{{Table: item, Topic: "i"}}, ksqldb.Options{KeyFormat: "NONE"})
	if err != nil || !strings.Contains(arts[0].Content, "KEY_FORMAT = 'NONE'") {
		t.Errorf("a stream may ignore the key: %v %v", err, arts)
	}
}
