package dispatch

import (
	"hash/crc32"
	"math"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
)

func TestValueString(t *testing.T) {
	ts := time.Date(2024, 3, 1, 10, 2, 3, 456789000, time.UTC).UnixMicro()
	shanghai := time.FixedZone("CST", 8*3600)
	tests := []struct {
		name string
		col  event.Column
		v    event.Value
		loc  *time.Location
		want string
	}{
		{"null", event.Column{Type: event.TypeLong}, event.NullValue(), nil, "null"},
		{"int", event.Column{Type: event.TypeLong}, event.IntValue(-42), nil, "-42"},
		{"tinyint", event.Column{Type: event.TypeTiny}, event.IntValue(7), nil, "7"},
		{"bigint unsigned max", event.Column{Type: event.TypeLongLong, Unsigned: true}, event.UintValue(math.MaxUint64), nil, "18446744073709551615"},
		{"year", event.Column{Type: event.TypeYear}, event.IntValue(2024), nil, "2024"},
		{"bit", event.Column{Type: event.TypeBit}, event.UintValue(5), nil, "5"},
		{"enum index", event.Column{Type: event.TypeEnum, Elems: []string{"a", "b"}}, event.IntValue(2), nil, "2"},
		{"set mask", event.Column{Type: event.TypeSet}, event.UintValue(6), nil, "6"},
		{"float 32-bit shortest", event.Column{Type: event.TypeFloat}, event.FloatValue(float64(float32(0.1))), nil, "0.1"},
		{"float no exponent", event.Column{Type: event.TypeFloat}, event.FloatValue(1e20), nil, "100000000000000000000"},
		{"double", event.Column{Type: event.TypeDouble}, event.FloatValue(0.1), nil, "0.1"},
		{"double small", event.Column{Type: event.TypeDouble}, event.FloatValue(1.5e-7), nil, "0.00000015"},
		{"decimal text", event.Column{Type: event.TypeDecimal}, event.StringValue("-12.340"), nil, "-12.340"},
		{"varchar", event.Column{Type: event.TypeVarchar}, event.StringValue("héllo"), nil, "héllo"},
		{"blob raw", event.Column{Type: event.TypeText, Binary: true}, event.BytesValue([]byte{0, 0xff}), nil, "\x00\xff"},
		{"date", event.Column{Type: event.TypeDate}, event.StringValue("2024-03-01"), nil, "2024-03-01"},
		{"datetime", event.Column{Type: event.TypeDatetime, Scale: 3}, event.StringValue("2024-03-01 10:02:03.456"), nil, "2024-03-01 10:02:03.456"},
		{"time", event.Column{Type: event.TypeTime}, event.StringValue("-838:59:59"), nil, "-838:59:59"},
		{"json", event.Column{Type: event.TypeJSON}, event.StringValue(`{"a": 1}`), nil, `{"a": 1}`},
		{"timestamp fsp 0", event.Column{Type: event.TypeTimestamp, Scale: 0}, event.IntValue(ts), time.UTC, "2024-03-01 10:02:03"},
		{"timestamp fsp 3", event.Column{Type: event.TypeTimestamp, Scale: 3}, event.IntValue(ts), time.UTC, "2024-03-01 10:02:03.456"},
		{"timestamp fsp 6 zone", event.Column{Type: event.TypeTimestamp, Scale: 6}, event.IntValue(ts), shanghai, "2024-03-01 18:02:03.456789"},
		{"timestamp unset fsp", event.Column{Type: event.TypeTimestamp, Scale: -1}, event.IntValue(ts), time.UTC, "2024-03-01 10:02:03"},
		{"zero timestamp", event.Column{Type: event.TypeTimestamp, Scale: 2}, event.IntValue(0), time.UTC, "0000-00-00 00:00:00.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := tt.loc
			if loc == nil {
				loc = time.UTC
			}
			got := string(appendValueString(nil, &tt.col, &tt.v, loc))
			if got != tt.want {
				t.Errorf("valueString = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestHashMatchesConcatenation checks that continuing the CRC of the
// column name equals TiCDC's CRC over name‖value.
func TestHashMatchesConcatenation(t *testing.T) {
	tb := &event.Table{Schema: "db", Name: "tbl", Columns: []event.Column{
		{Name: "id", Type: event.TypeLongLong, Unsigned: true}, {Name: "Name", Type: event.TypeVarchar},
	}, Indexes: []event.Index{{Name: "PRIMARY", Columns: []string{"id", "Name"}, Primary: true}}}
	tb.ComputeKeys()
	rt := mustRouter(t, Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: "index-value"}}}, "d")
	row := &event.RowChange{Table: tb, Op: event.OpInsert, After: []event.Value{event.UintValue(math.MaxUint64), event.StringValue("Zoë")}}
	want := crc32.ChecksumIEEE([]byte("dbtbl")) ^ crc32.ChecksumIEEE([]byte("id18446744073709551615")) ^ crc32.ChecksumIEEE([]byte("NameZoë"))
	for _, n := range []int32{1, 3, 7, 16, 100, 1 << 20} {
		got, err := rt.Partition(row, n)
		if err != nil {
			t.Fatal(err)
		}
		if got != int32(want%uint32(n)) {
			t.Errorf("n=%d: partition %d, want %d", n, got, want%uint32(n))
		}
	}
}

func TestPartitionDoesNotAllocate(t *testing.T) {
	tb := benchTable()
	for _, kind := range []string{"default", "ts", "index-value", "columns"} {
		rt := mustRouter(t, Config{Rules: []Rule{{Matcher: []string{"*.*"}, Partition: kind, Columns: []string{"name", "score", "id"}}}}, "d")
		route, err := rt.Route(tb)
		if err != nil {
			t.Fatal(err)
		}
		row := benchRow(tb, 12345)
		if n := testing.AllocsPerRun(100, func() { route.Partition(row, 12) }); n != 0 {
			t.Errorf("%s: Route.Partition allocates %.1f times per row", kind, n)
		}
		if n := testing.AllocsPerRun(100, func() { _, _ = rt.Partition(row, 12) }); n != 0 {
			t.Errorf("%s: Router.Partition allocates %.1f times per row", kind, n)
		}
	}
}
