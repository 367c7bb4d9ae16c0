package avro

import (
	"context"
	"math"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/linkedin/goavro/v2"
	"github.com/twmb/franz-go/pkg/sr/srfake"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/registry"
)

// newTestRegistry starts srfake, answering TiCDC's probe (GET / → {}), and
// returns a client for it.
func newTestRegistry(t testing.TB) (*registry.Client, *srfake.Registry) {
	t.Helper()
	fake := srfake.New()
	t.Cleanup(fake.Close)
	fake.Intercept(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodGet && r.URL.Path == "/" {
			_, _ = w.Write([]byte("{}"))
			return true
		}
		return false
	})
	c, err := registry.New(fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Probe(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c, fake
}

// typeCase is one column of the vector A table: the value the source
// produces and what an independent Avro decoder must read back.
type typeCase struct {
	col    string
	value  event.Value
	native func(o Options) (branch string, v any)
}

func fixed(branch string, v any) func(Options) (string, any) {
	return func(Options) (string, any) { return branch, v }
}

func typeCases() []typeCase {
	blob := []byte{0x00, 0x01, 0xff, 'x'}
	text := "héllo, 中文"
	ts := time.Date(1973, 12, 30, 15, 30, 0, 0, time.UTC).UnixMicro()
	return []typeCase{
		{"tiny", event.IntValue(-128), fixed("int", int32(-128))},
		{"short", event.IntValue(-32768), fixed("int", int32(-32768))},
		{"int24", event.IntValue(8388607), fixed("int", int32(8388607))},
		{"long", event.IntValue(math.MinInt32), fixed("int", int32(math.MinInt32))},
		{"longlong", event.IntValue(math.MinInt64), fixed("long", int64(math.MinInt64))},
		{"tinyunsigned", event.UintValue(255), fixed("int", int32(255))},
		{"shortunsigned", event.UintValue(65535), fixed("int", int32(65535))},
		{"int24unsigned", event.UintValue(16777215), fixed("int", int32(16777215))},
		{"longunsigned", event.UintValue(math.MaxUint32), fixed("long", int64(math.MaxUint32))},
		{"longlongunsigned", event.UintValue(math.MaxUint64), func(o Options) (string, any) {
			if o.BigintUnsignedMode == BigintUnsignedString {
				return "string", "18446744073709551615"
			}
			return "long", int64(-1)
		}},
		{"float", event.FloatValue(3.14), fixed("float", float32(3.14))},
		{"double", event.FloatValue(-2.5e100), fixed("double", -2.5e100)},
		{"bit", event.UintValue(1), fixed("bytes", []byte{0x01})},
		{"decimal", event.StringValue("-1234567890"), func(o Options) (string, any) {
			if o.DecimalMode == DecimalString {
				return "string", "-1234567890"
			}
			return "bytes.decimal", big.NewRat(-1234567890, 1)
		}},
		{"tinytext", event.StringValue(text), fixed("string", text)},
		{"mediumtext", event.StringValue(text), fixed("string", text)},
		{"text", event.StringValue(""), fixed("string", "")},
		{"longtext", event.StringValue(strings.Repeat("x", 300)), fixed("string", strings.Repeat("x", 300))},
		{"varchar", event.StringValue("a"), fixed("string", "a")},
		{"varstring", event.StringValue("b"), fixed("string", "b")},
		{"string", event.StringValue("c"), fixed("string", "c")},
		{"tinyblob", event.BytesValue(blob), fixed("bytes", blob)},
		{"mediumblob", event.BytesValue(blob), fixed("bytes", blob)},
		{"blob", event.BytesValue(blob), fixed("bytes", blob)},
		{"longblob", event.BytesValue(blob), fixed("bytes", blob)},
		{"varbinary", event.BytesValue(blob), fixed("bytes", blob)},
		{"varbinary1", event.BytesValue(nil), fixed("bytes", []byte{})},
		{"binary", event.BytesValue(blob), fixed("bytes", blob)},
		{"enum", event.IntValue(2), fixed("string", "b")},
		{"set", event.IntValue(3), fixed("string", "a,b")},
		{"json", event.StringValue(`{"key": "value"}`), fixed("string", `{"key": "value"}`)},
		{"date", event.StringValue("2000-01-01"), fixed("string", "2000-01-01")},
		{"datetime", event.StringValue("2015-12-20 23:58:58"), fixed("string", "2015-12-20 23:58:58")},
		{"timestamp", event.IntValue(ts), fixed("string", "1973-12-30 15:30:00")},
		{"time", event.StringValue("-838:59:59"), fixed("string", "-838:59:59")},
		{"year", event.IntValue(1970), fixed("int", int32(1970))},
	}
}

func modeOptions() []struct {
	name string
	opts Options
} {
	return []struct {
		name string
		opts Options
	}{
		{"precise-long", Options{EnableTiDBExtension: true}},
		{"string-string", Options{DecimalMode: DecimalString, BigintUnsignedMode: BigintUnsignedString}},
	}
}

// TestRoundTripGoavro encodes every type, registers the schemas with an
// in-process registry, fetches them back by id and decodes the messages with
// goavro, an independent Avro implementation.
func TestRoundTripGoavro(t *testing.T) {
	tb := mustTable(t, vectorADDL(), "testdb.avroencode")
	cases := typeCases()
	for _, m := range modeOptions() {
		t.Run(m.name, func(t *testing.T) {
			ctx := context.Background()
			client, _ := newTestRegistry(t)
			enc, err := NewEncoder(m.opts, registry.NewCache(client))
			if err != nil {
				t.Fatal(err)
			}
			withValues, withNulls := make([]event.Value, len(tb.Columns)), make([]event.Value, len(tb.Columns))
			withValues[0], withNulls[0] = event.IntValue(7), event.IntValue(8)
			for _, c := range cases {
				i, j := tb.ColumnIndex(c.col), tb.ColumnIndex(c.col+"nullable")
				withValues[i], withValues[j] = c.value, c.value
				withNulls[i], withNulls[j] = c.value, event.NullValue()
			}
			for _, row := range [][]event.Value{withValues, withNulls} {
				rc := &event.RowChange{Table: tb, Op: event.OpInsert, After: row, CommitTs: event.ComposeTS(1700000000123, 7)}
				_, msgs, err := enc.AppendMessages(ctx, nil, nil, "tidb_testdb_avroencode", rc)
				if err != nil {
					t.Fatal(err)
				}
				key := decodeGoavro(t, client, msgs[0].Key)
				if key["id"] != int32(row[0].Int) {
					t.Errorf("key id = %v", key["id"])
				}
				val := decodeGoavro(t, client, msgs[0].Value)
				nullRow := row[tb.ColumnIndex("tinynullable")].Null
				for _, c := range cases {
					branch, want := c.native(m.opts)
					assertNative(t, c.col, val[c.col], want)
					got := val[c.col+"nullable"]
					if nullRow {
						if got != nil {
							t.Errorf("%snullable = %#v, want nil", c.col, got)
						}
						continue
					}
					u, ok := got.(map[string]any)
					if !ok || len(u) != 1 {
						t.Errorf("%snullable = %#v, want a union", c.col, got)
						continue
					}
					assertNative(t, c.col+"nullable", u[branch], want)
				}
				if m.opts.EnableTiDBExtension {
					if val["_tidb_op"] != "c" || val["_tidb_commit_ts"] != int64(rc.CommitTs) || val["_tidb_commit_physical_time"] != int64(1700000000123) {
						t.Errorf("extension fields = %v %v %v", val["_tidb_op"], val["_tidb_commit_ts"], val["_tidb_commit_physical_time"])
					}
				}
				checkOwnDecoder(t, client, msgs[0].Value, val)
			}
		})
	}
}

func decodeGoavro(t *testing.T, client *registry.Client, msg []byte) map[string]any {
	t.Helper()
	id, datum, err := ParseHeader(msg)
	if err != nil {
		t.Fatal(err)
	}
	schemaText, err := client.Lookup(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	codec, err := goavro.NewCodec(schemaText)
	if err != nil {
		t.Fatal(err)
	}
	native, rest, err := codec.NativeFromBinary(datum)
	if err != nil {
		t.Fatalf("goavro: %v", err)
	}
	if len(rest) != 0 {
		t.Fatalf("goavro left %d bytes", len(rest))
	}
	return native.(map[string]any)
}

func assertNative(t *testing.T, name string, got, want any) {
	t.Helper()
	switch w := want.(type) {
	case *big.Rat:
		g, ok := got.(*big.Rat)
		if !ok || g.Cmp(w) != 0 {
			t.Errorf("%s = %#v, want %s", name, got, w.RatString())
		}
	case []byte:
		g, ok := got.([]byte)
		if !ok || string(g) != string(w) {
			t.Errorf("%s = %#v, want % x", name, got, w)
		}
	default:
		if got != want {
			t.Errorf("%s = %#v (%T), want %#v (%T)", name, got, got, want, want)
		}
	}
}

// checkOwnDecoder decodes msg with this package's Decoder and compares every
// field with goavro's result.
func checkOwnDecoder(t *testing.T, client *registry.Client, msg []byte, goavroVal map[string]any) {
	t.Helper()
	rec, err := NewDecoder(client.Lookup).Decode(context.Background(), msg)
	if err != nil {
		t.Fatal(err)
	}
	own := rec.Map()
	if len(own) != len(goavroVal) {
		t.Fatalf("own decoder has %d fields, goavro %d", len(own), len(goavroVal))
	}
	for name, gv := range goavroVal {
		if u, ok := gv.(map[string]any); ok {
			for _, inner := range u {
				gv = inner
			}
		}
		if gv == nil {
			if own[name] != nil {
				t.Errorf("own decoder %s = %#v, want nil", name, own[name])
			}
			continue
		}
		assertNative(t, "own decoder "+name, own[name], gv)
	}
}

func registryCache(c *registry.Client) *registry.Cache { return registry.NewCache(c) }
