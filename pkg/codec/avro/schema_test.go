package avro

import (
	"strings"
	"testing"
)

func TestSanitizeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"normalColumnName123", "normalColumnName123"},
		{"1ColumnNameStartWithNumber", "_1ColumnNameStartWithNumber"},
		{"A.B", "A_B"},
		{"columnNameWith中文", "columnNameWith__"},
		{"中文", "__"},
		{"", ""},
		{"_x", "_x"},
		{"a-b c", "a_b_c"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := SanitizeName(tt.in); got != tt.want {
				t.Errorf("SanitizeName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRecordNamespace(t *testing.T) {
	tests := []struct{ ns, schema, want string }{
		{"default", "test", "default.test"},
		{"1Namespace", "1Schema", "_1Namespace._1Schema"},
		{"N-amespace", "S.chema", "N_amespace.S_chema"},
		{"normalNamespace", "", "normalNamespace"},
	}
	for _, tt := range tests {
		t.Run(tt.ns+"/"+tt.schema, func(t *testing.T) {
			if got := RecordNamespace(tt.ns, tt.schema); got != tt.want {
				t.Errorf("RecordNamespace(%q, %q) = %q, want %q", tt.ns, tt.schema, got, tt.want)
			}
		})
	}
}

// fieldJSON returns the JSON of column col in the value schema of the table
// created by ddl.
func fieldJSON(t *testing.T, ddl string, o Options) string {
	t.Helper()
	p, err := NewPlan(mustTable(t, ddl, "test.t"), o)
	if err != nil {
		t.Fatal(err)
	}
	prefix := `{"type":"record","name":"t","namespace":"default.test","fields":[`
	if !strings.HasPrefix(p.ValueSchema, prefix) {
		t.Fatalf("schema %s", p.ValueSchema)
	}
	return strings.TrimSuffix(strings.TrimPrefix(p.ValueSchema, prefix), "]}")
}

func TestFieldSchemas(t *testing.T) {
	str := Options{DecimalMode: DecimalString, BigintUnsignedMode: BigintUnsignedString}
	tests := []struct {
		name string
		col  string
		opts Options
		want string
	}{
		{"not null with default", "c TINYINT UNSIGNED NOT NULL DEFAULT 1",
			Options{}, `{"default":1,"name":"c","type":{"type":"int","connect.parameters":{"tidb_type":"INT UNSIGNED"}}}`},
		{"nullable with default puts null second", "c INT DEFAULT 5",
			Options{}, `{"default":5,"name":"c","type":[{"type":"int","connect.parameters":{"tidb_type":"INT"}},"null"]}`},
		{"nullable default null", "c INT DEFAULT NULL",
			Options{}, `{"default":null,"name":"c","type":["null",{"type":"int","connect.parameters":{"tidb_type":"INT"}}]}`},
		{"float default at 32-bit precision", "c FLOAT NOT NULL DEFAULT 3.14",
			Options{}, `{"default":3.140000104904175,"name":"c","type":{"type":"float","connect.parameters":{"tidb_type":"FLOAT"}}}`},
		{"double default", "c DOUBLE NOT NULL DEFAULT 1.5",
			Options{}, `{"default":1.5,"name":"c","type":{"type":"double","connect.parameters":{"tidb_type":"DOUBLE"}}}`},
		{"string literal null default (master behaviour)", "c VARCHAR(10) DEFAULT 'null'",
			Options{}, `{"default":"null","name":"c","type":[{"type":"string","connect.parameters":{"tidb_type":"TEXT"}},"null"]}`},
		{"precise decimal drops the default", "c DECIMAL(6,2) NOT NULL DEFAULT 1.5",
			Options{}, `{"name":"c","type":{"type":"bytes","connect.parameters":{"tidb_type":"DECIMAL"},"logicalType":"decimal","precision":6,"scale":2}}`},
		{"precise nullable decimal with default", "c DECIMAL(6,2) DEFAULT 1.5",
			Options{}, `{"default":null,"name":"c","type":["null",{"type":"bytes","connect.parameters":{"tidb_type":"DECIMAL"},"logicalType":"decimal","precision":6,"scale":2}]}`},
		{"string decimal keeps the default at the column scale", "c DECIMAL(6,2) DEFAULT 1.5",
			str, `{"default":"1.50","name":"c","type":[{"type":"string","connect.parameters":{"tidb_type":"DECIMAL"}},"null"]}`},
		{"decimal unsigned stays DECIMAL", "c DECIMAL(6,2) UNSIGNED NOT NULL",
			str, `{"name":"c","type":{"type":"string","connect.parameters":{"tidb_type":"DECIMAL"}}}`},
		{"bigint unsigned string mode", "c BIGINT UNSIGNED NOT NULL DEFAULT 18446744073709551615",
			str, `{"default":"18446744073709551615","name":"c","type":{"type":"string","connect.parameters":{"tidb_type":"BIGINT UNSIGNED"}}}`},
		{"bigint unsigned long mode wraps the default", "c BIGINT UNSIGNED NOT NULL DEFAULT 18446744073709551615",
			Options{}, `{"default":-1,"name":"c","type":{"type":"long","connect.parameters":{"tidb_type":"BIGINT UNSIGNED"}}}`},
		{"bit length and base64 default", "c BIT(12) NOT NULL DEFAULT b'101'",
			Options{}, `{"default":"AAU=","name":"c","type":{"type":"bytes","connect.parameters":{"length":"12","tidb_type":"BIT"}}}`},
		{"binary default padded and base64", "c BINARY(4) NOT NULL DEFAULT 'ab'",
			Options{}, `{"default":"YWIAAA==","name":"c","type":{"type":"bytes","connect.parameters":{"tidb_type":"BLOB"}}}`},
		{"enum allowed escaping and html-escaped default", "c ENUM('a,b','it''s','<x>') NOT NULL DEFAULT '<x>'",
			Options{}, `{"default":"\u003cx\u003e","name":"c","type":{"type":"string","connect.parameters":{"allowed":"a\\,b,it's,\u003cx\u003e","tidb_type":"ENUM"}}}`},
		{"set default", "c SET('x','y') DEFAULT 'x,y'",
			Options{}, `{"default":"x,y","name":"c","type":[{"type":"string","connect.parameters":{"allowed":"x,y","tidb_type":"SET"}},"null"]}`},
		{"timestamp current_timestamp default", "c TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP",
			Options{}, `{"default":"CURRENT_TIMESTAMP","name":"c","type":{"type":"string","connect.parameters":{"tidb_type":"TIMESTAMP"}}}`},
		{"datetime literal default gets time and fsp", "c DATETIME(2) NOT NULL DEFAULT '2000-01-01'",
			Options{}, `{"default":"2000-01-01 00:00:00.00","name":"c","type":{"type":"string","connect.parameters":{"tidb_type":"DATETIME"}}}`},
		{"year default", "c YEAR DEFAULT 2020",
			Options{}, `{"default":2020,"name":"c","type":[{"type":"int","connect.parameters":{"tidb_type":"YEAR"}},"null"]}`},
		{"vector", "c VECTOR(3)",
			Options{}, `{"default":null,"name":"c","type":["null",{"type":"string","connect.parameters":{"tidb_type":"TiDBVECTORFloat32"}}]}`},
		{"sanitised field name", "`1a-b` INT NOT NULL",
			Options{}, `{"name":"_1a_b","type":{"type":"int","connect.parameters":{"tidb_type":"INT"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fieldJSON(t, "CREATE TABLE test.t ("+tt.col+")", tt.opts)
			if got != tt.want {
				t.Errorf("field\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestKeySchemaUsesHandleColumnsInTableOrder(t *testing.T) {
	ddl := "CREATE TABLE test.t (a INT NOT NULL, b VARCHAR(5) NOT NULL, tu1 TINYINT UNSIGNED NOT NULL DEFAULT 1, v INT AS (a+1) VIRTUAL, PRIMARY KEY (tu1, a))"
	p, err := NewPlan(mustTable(t, ddl, "test.t"), Options{EnableTiDBExtension: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"record","name":"t","namespace":"default.test","fields":[` +
		`{"name":"a","type":{"type":"int","connect.parameters":{"tidb_type":"INT"}}},` +
		`{"default":1,"name":"tu1","type":{"type":"int","connect.parameters":{"tidb_type":"INT UNSIGNED"}}}]}`
	if p.KeySchema != want {
		t.Errorf("key schema\n got %s\nwant %s", p.KeySchema, want)
	}
	if strings.Contains(p.ValueSchema, `"name":"v"`) {
		t.Errorf("virtual column in value schema: %s", p.ValueSchema)
	}
}

func TestPlanErrors(t *testing.T) {
	tests := []struct{ name, ddl, opts, want string }{
		{"bad default", "CREATE TABLE test.t (c INT NOT NULL DEFAULT 'abc')", "", `table test.t: column c: default "abc": not a 32-bit integer`},
		{"bad mode", "CREATE TABLE test.t (c INT)", "bad", `avro-decimal-handling-mode value could only be "string" or "precise"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewPlan(mustTable(t, tt.ddl, "test.t"), Options{DecimalMode: DecimalMode(tt.opts)})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
		})
	}
}
