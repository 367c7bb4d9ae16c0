package avro

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/linkedin/goavro/v2"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/schema"
)

// vectorADDL is TiCDC's avroencode test table (spec §1.12 vector A): id INT
// primary key, then each test column NOT NULL and a nullable twin.
func vectorADDL() string {
	cols := []struct{ name, typ string }{
		{"tiny", "TINYINT"}, {"short", "SMALLINT"}, {"int24", "MEDIUMINT"}, {"long", "INT"}, {"longlong", "BIGINT"},
		{"tinyunsigned", "TINYINT UNSIGNED"}, {"shortunsigned", "SMALLINT UNSIGNED"}, {"int24unsigned", "MEDIUMINT UNSIGNED"},
		{"longunsigned", "INT UNSIGNED"}, {"longlongunsigned", "BIGINT UNSIGNED"}, {"float", "FLOAT"}, {"double", "DOUBLE"},
		{"bit", "BIT"}, {"decimal", "DECIMAL"}, {"tinytext", "TINYTEXT"}, {"mediumtext", "MEDIUMTEXT"}, {"text", "TEXT"},
		{"longtext", "LONGTEXT"}, {"varchar", "VARCHAR(10)"}, {"varstring", "VARCHAR(10)"}, {"string", "CHAR(10)"},
		{"tinyblob", "TINYBLOB"}, {"mediumblob", "MEDIUMBLOB"}, {"blob", "BLOB"}, {"longblob", "LONGBLOB"},
		{"varbinary", "VARBINARY(10)"}, {"varbinary1", "VARCHAR(10) CHARACTER SET binary"}, {"binary", "BINARY(10)"},
		{"enum", "ENUM('a','b')"}, {"set", "SET('a','b')"}, {"json", "JSON"}, {"date", "DATE"}, {"datetime", "DATETIME"},
		{"timestamp", "TIMESTAMP"}, {"time", "TIME"}, {"year", "YEAR"},
	}
	var sb strings.Builder
	sb.WriteString("CREATE TABLE testdb.avroencode (`id` INT PRIMARY KEY")
	for _, c := range cols {
		fmt.Fprintf(&sb, ",\n `%s` %s NOT NULL, `%snullable` %s NULL", c.name, c.typ, c.name, c.typ)
	}
	sb.WriteString(")")
	return sb.String()
}

func mustTable(t testing.TB, ddl, name string) *event.Table {
	t.Helper()
	tables, err := schema.ParseDDL(ddl, "test")
	if err != nil {
		t.Fatal(err)
	}
	tb, err := schema.FindTable(tables, name)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func readGolden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(string(b), "\n")
}

func TestVectorsAB(t *testing.T) {
	tb := mustTable(t, vectorADDL(), "testdb.avroencode")
	tests := []struct {
		name            string
		opts            Options
		wantKey, wantVl string
	}{
		{"A without extension", Options{}, "vector_a_key.json", "vector_a_value.json"},
		{"B with extension", Options{EnableTiDBExtension: true}, "vector_a_key.json", "vector_b_value.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPlan(tb, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if want := readGolden(t, tt.wantKey); p.KeySchema != want {
				t.Errorf("key schema:\n got %s\nwant %s", p.KeySchema, want)
			}
			if want := readGolden(t, tt.wantVl); p.ValueSchema != want {
				t.Errorf("value schema differs at byte %d:\n got %s\nwant %s", firstDiff(p.ValueSchema, want), p.ValueSchema, want)
			}
			for _, s := range []string{p.KeySchema, p.ValueSchema} {
				if _, err := goavro.NewCodec(s); err != nil {
					t.Errorf("goavro rejects the schema: %v", err)
				}
			}
		})
	}
}

func firstDiff(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func TestVectorD(t *testing.T) {
	// Envelope: registry id 8, datum {"id":7} of the test's schema.
	codec, err := goavro.NewCodec(`{"type":"record","name":"testdb.avroenvelope","fields":[{"name":"id","type":"int","default":0}]}`)
	if err != nil {
		t.Fatal(err)
	}
	msg := appendLong(AppendHeader(nil, 8), 7)
	if want := []byte{0x00, 0x00, 0x00, 0x00, 0x08, 0x0e}; !bytes.Equal(msg, want) {
		t.Fatalf("envelope = % x, want % x", msg, want)
	}
	id, datum, err := ParseHeader(msg)
	if err != nil || id != 8 {
		t.Fatalf("ParseHeader = %d, %v", id, err)
	}
	native, rest, err := codec.NativeFromBinary(datum)
	if err != nil || len(rest) != 0 {
		t.Fatalf("goavro decode: %v (rest %d)", err, len(rest))
	}
	if got := native.(map[string]any)["id"]; got != int32(7) {
		t.Errorf("id = %v", got)
	}
}

// fakeRegistry hands out ids per subject and counts registrations.
type fakeRegistry struct {
	ids     map[string]int
	schemas map[string]string
	calls   int
}

func (f *fakeRegistry) Register(_ context.Context, subject, _ string, _ uint64, schema string) (int, error) {
	f.calls++
	if f.schemas == nil {
		f.schemas = map[string]string{}
	}
	f.schemas[subject] = schema
	id, ok := f.ids[subject]
	if !ok {
		return 0, fmt.Errorf("no id for subject %s", subject)
	}
	return id, nil
}

func TestVectorE(t *testing.T) {
	tb := mustTable(t, "CREATE TABLE test.t(id INT PRIMARY KEY, name VARCHAR(20))", "test.t")
	reg := &fakeRegistry{ids: map[string]int{"tidb_test_t-key": 1, "tidb_test_t-value": 2}}
	enc, err := NewEncoder(Options{EnableTiDBExtension: true}, reg)
	if err != nil {
		t.Fatal(err)
	}
	rc := &event.RowChange{Table: tb, Op: event.OpInsert, CommitTs: 417318403368288260,
		After: []event.Value{event.IntValue(1), event.StringValue("a")}}
	buf, msgs, err := enc.AppendMessages(context.Background(), nil, nil, "tidb_test_t", rc)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 {
		t.Fatalf("got %d messages", len(msgs))
	}
	wantKeySchema := `{"type":"record","name":"t","namespace":"default.test","fields":[{"name":"id","type":{"type":"int","connect.parameters":{"tidb_type":"INT"}}}]}`
	wantValueSchema := `{"type":"record","name":"t","namespace":"default.test","fields":[` +
		`{"name":"id","type":{"type":"int","connect.parameters":{"tidb_type":"INT"}}},` +
		`{"default":null,"name":"name","type":["null",{"type":"string","connect.parameters":{"tidb_type":"TEXT"}}]},` +
		`{"default":"","name":"_tidb_op","type":"string"},{"default":0,"name":"_tidb_commit_ts","type":"long"},` +
		`{"default":0,"name":"_tidb_commit_physical_time","type":"long"}]}`
	if got := reg.schemas["tidb_test_t-key"]; got != wantKeySchema {
		t.Errorf("key schema:\n got %s\nwant %s", got, wantKeySchema)
	}
	if got := reg.schemas["tidb_test_t-value"]; got != wantValueSchema {
		t.Errorf("value schema:\n got %s\nwant %s", got, wantValueSchema)
	}
	wantKey := "000000000102"
	wantValue := "0000000002" + "02" + "020261" + "0263" + "888080f08eb8ceca0b" + "80f7c0f3d45c"
	if got := hex.EncodeToString(msgs[0].Key); got != wantKey {
		t.Errorf("key = %s, want %s", got, wantKey)
	}
	if got := hex.EncodeToString(msgs[0].Value); got != wantValue {
		t.Errorf("value = %s, want %s", got, wantValue)
	}
	if len(buf) != len(msgs[0].Key)+len(msgs[0].Value) {
		t.Errorf("buffer holds %d bytes, messages %d", len(buf), len(msgs[0].Key)+len(msgs[0].Value))
	}
	// A second row of the same table version does not register again.
	if _, _, err := enc.AppendMessages(context.Background(), buf, msgs, "tidb_test_t", rc); err != nil {
		t.Fatal(err)
	}
	if reg.calls != 2 {
		t.Errorf("registry called %d times, want 2 (key and value once)", reg.calls)
	}
}
