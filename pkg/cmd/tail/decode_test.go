package tail

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hamba/avro/v2"
	"github.com/segmentio/kafka-go"

	codec "github.com/cdcctl/cdcctl/pkg/codec/avro"
)

const allTypesSchema = `{"type":"record","name":"All","namespace":"test","fields":[
 {"name":"i","type":"int"},
 {"name":"l","type":"long"},
 {"name":"f","type":"float"},
 {"name":"d","type":"double"},
 {"name":"b","type":"boolean"},
 {"name":"s","type":"string"},
 {"name":"raw","type":"bytes"},
 {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
 {"name":"fdec","type":{"type":"fixed","name":"F4","size":4,"logicalType":"decimal","precision":8,"scale":3}},
 {"name":"ns","type":["null","string"]},
 {"name":"nsnull","type":["null","string"]},
 {"name":"e","type":{"type":"enum","name":"Color","symbols":["RED","GREEN"]}},
 {"name":"arr","type":{"type":"array","items":"long"}},
 {"name":"m","type":{"type":"map","values":"string"}},
 {"name":"fx","type":{"type":"fixed","name":"Two","size":2}},
 {"name":"nested","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"int"}]}},
 {"name":"u","type":["null","Inner","long"]},
 {"name":"date","type":{"type":"int","logicalType":"date"}},
 {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},
 {"name":"tm","type":{"type":"int","logicalType":"time-millis"}}
]}`

// encodeAll writes one record of allTypesSchema with hamba/avro, an
// independent encoder.
func encodeAll(t *testing.T) []byte {
	t.Helper()
	s := avro.MustParse(allTypesSchema)
	native := map[string]any{
		"i": 42, "l": int64(-9007199254740993), "f": float32(1.5), "d": 2.25, "b": true, "s": "héllo <&>",
		"raw": []byte{0, 1, 0xff}, "dec": big.NewRat(-12345, 100), "fdec": big.NewRat(1234, 1000),
		"ns": "hello", "nsnull": nil, "e": "GREEN", "arr": []int64{1, 2}, "m": map[string]any{"k": "v"},
		"fx": [2]byte{1, 2}, "nested": map[string]any{"x": 7}, "u": map[string]any{"test.Inner": map[string]any{"x": 5}},
		"date": time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), "ts": time.Date(2024, 2, 29, 12, 34, 56, 789e6, time.UTC),
		"tm": time.Hour + 2*time.Minute + 3*time.Second + 4*time.Millisecond,
	}
	b, err := avro.Marshal(s, native)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func frame(id int, datum []byte) []byte { return append(codec.AppendHeader(nil, id), datum...) }

func lookupOf(schemas map[int]string, calls *int) SchemaLookup {
	return func(_ context.Context, id int) (string, error) {
		*calls++
		s, ok := schemas[id]
		if !ok {
			return "", fmt.Errorf("schema registry http://sr: schema id %d: 40403 - Schema not found", id)
		}
		return s, nil
	}
}

var cmpDecimal = cmp.Comparer(func(a, b Decimal) bool { return a.String() == b.String() })

func TestDecodeAllTypes(t *testing.T) {
	calls := 0
	d := newDecoder(lookupOf(map[int]string{7: allTypesSchema}, &calls))
	id, v, err := d.decodeFramed(context.Background(), frame(7, encodeAll(t)))
	if err != nil {
		t.Fatal(err)
	}
	want := &Record{Name: "test.All", Fields: []Field{
		{"i", int32(42)}, {"l", int64(-9007199254740993)}, {"f", float32(1.5)}, {"d", 2.25}, {"b", true}, {"s", "héllo <&>"},
		{"raw", []byte{0, 1, 0xff}}, {"dec", Decimal{big.NewInt(-12345), 2}}, {"fdec", Decimal{big.NewInt(1234), 3}},
		{"ns", "hello"}, {"nsnull", nil}, {"e", "GREEN"}, {"arr", []any{int64(1), int64(2)}}, {"m", map[string]any{"k": "v"}},
		{"fx", []byte{1, 2}}, {"nested", &Record{Name: "test.Inner", Fields: []Field{{"x", int32(7)}}}},
		{"u", &Record{Name: "test.Inner", Fields: []Field{{"x", int32(5)}}}},
		{"date", "2024-02-29"}, {"ts", "2024-02-29T12:34:56.789Z"}, {"tm", "01:02:03.004"},
	}}
	if id != 7 {
		t.Errorf("id = %d", id)
	}
	if diff := cmp.Diff(want, v, cmpDecimal); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
	if _, _, err := d.decodeFramed(context.Background(), frame(7, encodeAll(t))); err != nil || calls != 1 {
		t.Errorf("second decode: err %v, lookups %d (want the schema cached)", err, calls)
	}
}

func TestDecodeErrors(t *testing.T) {
	good := encodeAll(t)
	tests := []struct {
		name string
		msg  []byte
		want string
	}{
		{"unknown schema id", frame(999, good), "schema id 999: 40403 - Schema not found"},
		{"not framed", []byte(`{"id":1}`), "magic byte is 0x7b"},
		{"short", []byte{0, 0, 0}, "shorter than the 5-byte header"},
		{"truncated", frame(7, good[:len(good)-3]), "schema id 7: field tm: message ends early"},
		{"trailing bytes", frame(7, append(append([]byte{}, good...), 0, 0)), "schema id 7: 2 bytes left after the value"},
		{"bad union branch", frame(8, []byte{0x06}), "schema id 8: union branch 3 of 2"},
		{"string longer than the message", frame(9, []byte{0x40, 'a'}), "schema id 9: length 32 exceeds the 1 bytes left"},
		{"unparsable schema", frame(10, []byte{0}), "schema id 10: avro: unknown type: nope"},
		{"huge array block", frame(11, []byte{0xfe, 0xff, 0xff, 0xff, 0x0f}), "block of 2147483647 items exceeds"},
	}
	schemas := map[int]string{7: allTypesSchema, 8: `["null","long"]`, 9: `"string"`, 10: `"nope"`, 11: `{"type":"array","items":"long"}`}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			_, _, err := newDecoder(lookupOf(schemas, &calls)).decodeFramed(context.Background(), tt.msg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestDecodeMessage(t *testing.T) {
	keySchema := `{"type":"record","name":"k","namespace":"default.shop","fields":[{"name":"id","type":"long"}]}`
	valueSchema := `{"type":"record","name":"v","namespace":"default.shop","fields":[{"name":"id","type":"long"},` +
		`{"name":"_tidb_op","type":"string"},{"name":"_tidb_commit_ts","type":"long"}]}`
	calls := 0
	d := newDecoder(lookupOf(map[int]string{1: keySchema, 2: valueSchema}, &calls))
	key := frame(1, []byte{0x02})                    // id=1
	value := frame(2, []byte{0x02, 0x02, 'u', 0x04}) // id=1, _tidb_op="u", ts=2
	at := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		msg     kafka.Message
		wantOp  string
		wantKey any
		wantErr string
	}{
		{"update", kafka.Message{Topic: "t", Partition: 2, Offset: 9, Time: at, Key: key, Value: value}, "u",
			&Record{Name: "default.shop.k", Fields: []Field{{"id", int64(1)}}}, ""},
		{"tombstone", kafka.Message{Topic: "t", Key: key}, "d", &Record{Name: "default.shop.k", Fields: []Field{{"id", int64(1)}}}, ""},
		{"plain string key and no _tidb_op", kafka.Message{Topic: "t", Key: []byte("order-7"), Value: frame(1, []byte{0x02})}, "upsert", "order-7", ""},
		{"binary key", kafka.Message{Topic: "t", Key: []byte{0xff, 0xfe}, Value: frame(1, []byte{0x02})}, "upsert", []byte{0xff, 0xfe}, ""},
		{"unknown value schema names where", kafka.Message{Topic: "tidb_shop_item", Partition: 1, Offset: 17, Key: key, Value: frame(404, []byte{2})},
			"", nil, "topic tidb_shop_item partition 1 offset 17: value: schema registry http://sr: schema id 404: 40403 - Schema not found"},
		{"bad key names where", kafka.Message{Topic: "t", Offset: 3, Key: frame(1, nil), Value: value},
			"", nil, "topic t partition 0 offset 3: key: schema id 1: field id: message ends early"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := d.decode(context.Background(), tt.msg)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.Op != tt.wantOp {
				t.Errorf("op = %q, want %q", m.Op, tt.wantOp)
			}
			if diff := cmp.Diff(tt.wantKey, m.Key); diff != "" {
				t.Errorf("key (-want +got):\n%s", diff)
			}
			if tt.wantOp == "d" && (m.Value != nil || m.ValueSchemaID != 0) {
				t.Errorf("tombstone value = %v, id %d", m.Value, m.ValueSchemaID)
			}
		})
	}
}

func TestDecimalString(t *testing.T) {
	tests := []struct {
		unscaled int64
		scale    int
		want     string
	}{
		{12345, 2, "123.45"}, {-12345, 2, "-123.45"}, {5, 3, "0.005"}, {-5, 1, "-0.5"}, {0, 2, "0.00"}, {42, 0, "42"},
	}
	for _, tt := range tests {
		if got := (Decimal{big.NewInt(tt.unscaled), tt.scale}).String(); got != tt.want {
			t.Errorf("Decimal(%d, %d) = %q, want %q", tt.unscaled, tt.scale, got, tt.want)
		}
	}
}

func TestLookupErrorPassesThrough(t *testing.T) {
	boom := errors.New("registry down")
	d := newDecoder(func(context.Context, int) (string, error) { return "", boom })
	if _, _, err := d.decodeFramed(context.Background(), frame(3, []byte{0})); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
}
