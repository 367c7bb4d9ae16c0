package schema_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/gen/gentest"
	"github.com/cdcctl/cdcctl/pkg/schema"
)

// TestTableFromAvroRoundTrip encodes schemas for real tables with the
// production codec, rebuilds the tables from them and checks that the
// rebuilt tables produce byte-identical schemas again, in every mode.
func TestTableFromAvroRoundTrip(t *testing.T) {
	tables := append(gentest.TPCC(t), gentest.AllTypes(t))
	modes := []avro.Options{
		{},
		{DecimalMode: avro.DecimalString, BigintUnsignedMode: avro.BigintUnsignedString},
		{EnableTiDBExtension: true},
	}
	for _, tab := range tables {
		for _, o := range modes {
			name := tab.QualifiedName() + "/" + string(o.DecimalMode) + string(o.BigintUnsignedMode)
			if o.EnableTiDBExtension {
				name += "/extension"
			}
			t.Run(name, func(t *testing.T) {
				plan, err := avro.NewPlan(tab, o)
				if err != nil {
					t.Fatal(err)
				}
				got, _, err := schema.TableFromAvro([]byte(plan.KeySchema), []byte(plan.ValueSchema))
				if !tab.Eligible() {
					// No key schema (tpcc.history): TiCDC does not replicate it.
					if err == nil || !strings.Contains(err.Error(), "key schema "+tab.QualifiedName()+": missing") {
						t.Fatalf("err = %v, want a missing key schema", err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got.Schema != tab.Schema || got.Name != tab.Name {
					t.Errorf("name = %s, want %s", got.QualifiedName(), tab.QualifiedName())
				}
				again, err := avro.NewPlan(got, o)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(plan.ValueSchema, again.ValueSchema); diff != "" {
					t.Errorf("value schema changed (-orig +rebuilt):\n%s", diff)
				}
				if diff := cmp.Diff(plan.KeySchema, again.KeySchema); diff != "" {
					t.Errorf("key schema changed (-orig +rebuilt):\n%s", diff)
				}
			})
		}
	}
}

// TestTableFromAvroSpecVector rebuilds columns from fields of spec
// ticdc.md §1.12 vector A.
func TestTableFromAvroSpecVector(t *testing.T) {
	value := `{"type":"record","name":"avroencode","namespace":"default.testdb","fields":[
 {"name":"id","type":{"type":"int","connect.parameters":{"tidb_type":"INT"}}},
 {"default":null,"name":"tinynullable","type":["null",{"type":"int","connect.parameters":{"tidb_type":"INT"}}]},
 {"name":"longunsigned","type":{"type":"long","connect.parameters":{"tidb_type":"INT UNSIGNED"}}},
 {"name":"bit","type":{"type":"bytes","connect.parameters":{"length":"1","tidb_type":"BIT"}}},
 {"default":null,"name":"decimalnullable","type":["null",{"type":"bytes","connect.parameters":{"tidb_type":"DECIMAL"},"logicalType":"decimal","precision":10,"scale":0}]},
 {"name":"tinyblob","type":{"type":"bytes","connect.parameters":{"tidb_type":"BLOB"}}},
 {"name":"enum","type":{"type":"string","connect.parameters":{"allowed":"a,b","tidb_type":"ENUM"}}},
 {"name":"timestamp","type":{"type":"string","connect.parameters":{"tidb_type":"TIMESTAMP"}}},
 {"default":null,"name":"yearnullable","type":["null",{"type":"int","connect.parameters":{"tidb_type":"YEAR"}}]},
 {"default":"","name":"_tidb_op","type":"string"},
 {"default":0,"name":"_tidb_commit_ts","type":"long"},
 {"default":0,"name":"_tidb_commit_physical_time","type":"long"}
]}`
	key := `{"type":"record","name":"avroencode","namespace":"default.testdb","fields":[{"name":"id","type":{"type":"int","connect.parameters":{"tidb_type":"INT"}}}]}`
	got, modes, err := schema.TableFromAvro([]byte(key), []byte(value))
	if err != nil {
		t.Fatal(err)
	}
	want := []event.Column{
		{Name: "id", Type: event.TypeLong, Length: -1, Precision: -1, Scale: -1, PrimaryKey: false, UniqueKey: true, HandleKey: true},
		{Name: "tinynullable", Type: event.TypeLong, Length: -1, Precision: -1, Scale: -1, Nullable: true},
		{Name: "longunsigned", Type: event.TypeLong, Unsigned: true, Length: -1, Precision: -1, Scale: -1},
		{Name: "bit", Type: event.TypeBit, Length: 1, Precision: -1, Scale: -1},
		{Name: "decimalnullable", Type: event.TypeDecimal, Length: -1, Precision: 10, Scale: 0, Nullable: true},
		{Name: "tinyblob", Type: event.TypeText, Binary: true, Charset: "binary", Length: -1, Precision: -1, Scale: -1},
		{Name: "enum", Type: event.TypeEnum, Elems: []string{"a", "b"}, Length: -1, Precision: -1, Scale: -1},
		{Name: "timestamp", Type: event.TypeTimestamp, Length: -1, Precision: -1, Scale: 6},
		{Name: "yearnullable", Type: event.TypeYear, Length: -1, Precision: -1, Scale: -1, Nullable: true},
	}
	if diff := cmp.Diff(want, got.Columns); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	if got.QualifiedName() != "testdb.avroencode" || len(got.Handle) != 1 || got.Handle[0] != 0 {
		t.Errorf("table %s handle %v", got.QualifiedName(), got.Handle)
	}
	if modes != (schema.AvroModes{Decimal: "precise"}) {
		t.Errorf("modes = %+v", modes)
	}
}

func TestTableFromAvroErrors(t *testing.T) {
	const okValue = `{"type":"record","name":"t","namespace":"default.db","fields":[{"name":"id","type":{"type":"int","connect.parameters":{"tidb_type":"INT"}}}]}`
	const okKey = `{"type":"record","name":"t","namespace":"default.db","fields":[{"name":"id","type":{"type":"int","connect.parameters":{"tidb_type":"INT"}}}]}`
	field := func(f string) string {
		return `{"type":"record","name":"t","namespace":"default.db","fields":[{"name":"id","type":{"type":"int","connect.parameters":{"tidb_type":"INT"}}},` + f + `]}`
	}
	tests := []struct {
		name, key, value, want string
	}{
		{"not json", okKey, `{`, "value schema:"},
		{"not a record", okKey, `{"type":"string"}`, "want a named record"},
		{"namespace without database", okKey, strings.Replace(okValue, "default.db", "default", 1), `namespace "default"`},
		{"no tidb_type", okKey, field(`{"name":"x","type":"string"}`), "field x: no connect.parameters.tidb_type"},
		{"unknown tidb_type", okKey, field(`{"name":"x","type":{"type":"string","connect.parameters":{"tidb_type":"GEOMETRY"}}}`), `field x: unknown tidb_type "GEOMETRY"`},
		{"type mismatch", okKey, field(`{"name":"x","type":{"type":"string","connect.parameters":{"tidb_type":"INT"}}}`), `field x: tidb_type INT with Avro type "string"`},
		{"missing key", "", okValue, "key schema db.t: missing"},
		{"key names other record", strings.Replace(okKey, `"name":"t"`, `"name":"u"`, 1), okValue, `want record "t"`},
		{"key field not a column", strings.Replace(okKey, `"name":"id"`, `"name":"nope"`, 1), okValue, "field nope is not in the value schema"},
		{"nullable key column", okKey, `{"type":"record","name":"t","namespace":"default.db","fields":[{"default":null,"name":"id","type":["null",{"type":"int","connect.parameters":{"tidb_type":"INT"}}]}]}`, "are not NOT NULL columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := schema.TableFromAvro([]byte(tt.key), []byte(tt.value))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
