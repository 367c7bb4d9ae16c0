package verify

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/schema"
)

const typesDDL = `CREATE TABLE n (
  id INT PRIMARY KEY,
  i8 TINYINT, u8 TINYINT UNSIGNED, u32 INT UNSIGNED, i64 BIGINT, u64 BIGINT UNSIGNED,
  f FLOAT, d DOUBLE, dec1 DECIMAL(12,3), dec2 DECIMAL(40,10),
  b BIT(12), y YEAR, dt DATE, dtm DATETIME(3), tm TIME(2), ts TIMESTAMP(6) NULL, ts0 TIMESTAMP NULL,
  e ENUM('red','green'), s SET('a','b','c'), txt VARCHAR(20), bin VARBINARY(8), j JSON, n1 INT NULL
)`

// typeRow is one row of typesDDL as the source hands it to the encoder
// (event values) and as the checker's SELECT returns it (driver values).
type typeRow struct {
	col      string
	event    event.Value
	upstream any
}

func typeRows() []typeRow {
	const tsMicros = 1704164645123456 // 2024-01-02 03:04:05.123456 UTC
	return []typeRow{
		{"id", event.IntValue(1), int64(1)},
		{"i8", event.IntValue(-5), int64(-5)},
		{"u8", event.UintValue(250), uint64(250)},
		{"u32", event.UintValue(math.MaxUint32), uint64(math.MaxUint32)},
		{"i64", event.IntValue(math.MinInt64), int64(math.MinInt64)},
		{"u64", event.UintValue(math.MaxUint64), uint64(math.MaxUint64)},
		{"f", event.FloatValue(1.1), float64(float32(1.1))}, // col + 0e0 widens the stored float32
		{"d", event.FloatValue(2.5e-300), float64(2.5e-300)},
		{"dec1", event.StringValue("-12.34"), []byte("-12.340")},
		{"dec2", event.StringValue("123456789012345678901234567890.0123456789"), []byte("123456789012345678901234567890.0123456789")},
		{"b", event.UintValue(0xabc), uint64(0xabc)},
		{"y", event.IntValue(2024), int64(2024)},
		{"dt", event.StringValue("2024-02-29"), []byte("2024-02-29")},
		{"dtm", event.StringValue("2024-02-29 13:14:15.12"), []byte("2024-02-29 13:14:15.120")},
		{"tm", event.StringValue("-838:59:59"), []byte("-838:59:59.00")},
		{"ts", event.IntValue(tsMicros), []byte("1704164645.123456")},
		{"ts0", event.IntValue(0), int64(0)},
		{"e", event.IntValue(2), []byte("green")},
		{"s", event.UintValue(0b101), []byte("a,c")},
		{"txt", event.StringValue("héllo 中文"), []byte("héllo 中文")},
		{"bin", event.BytesValue([]byte{0, 1, 0xff}), []byte{0, 1, 0xff}},
		{"j", event.StringValue(`{"a":"x","b":[1,2]}`), []byte(`{"b": [1, 2], "a": "x"}`)},
		{"n1", event.NullValue(), nil},
	}
}

// decodeRow encodes the row with the real encoder and decodes it with the
// real decoder, giving the Avro forms a consumer sees.
func decodeRow(t *testing.T, tbl *event.Table, o avro.Options, row []event.Value) *avro.Record {
	t.Helper()
	plan, err := avro.NewPlan(tbl, o)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := plan.AppendValueDatum(avro.AppendHeader(nil, 7), row, event.OpInsert, 1)
	if err != nil {
		t.Fatal(err)
	}
	dec := avro.NewDecoder(func(context.Context, int) (string, error) { return plan.ValueSchema, nil })
	rec, err := dec.Decode(context.Background(), msg)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func typesTable(t *testing.T) (*event.Table, *table) {
	t.Helper()
	defs, err := schema.ParseDDL(typesDDL, "db")
	if err != nil {
		t.Fatal(err)
	}
	tb, err := newTable(Table{Name: "db.n"}, defs[0])
	if err != nil {
		t.Fatal(err)
	}
	return defs[0], tb
}

func TestNormalizeEqual(t *testing.T) {
	plus8 := time.FixedZone("+08", 8*3600)
	modes := []struct {
		name string
		opts avro.Options
	}{
		{"defaults", avro.Options{}},
		{"string modes", avro.Options{DecimalMode: avro.DecimalString, BigintUnsignedMode: avro.BigintUnsignedString}},
		{"time zone +08", avro.Options{TimeZone: plus8}},
	}
	rows := typeRows()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			def, tb := typesTable(t)
			row := make([]event.Value, len(rows))
			for i, r := range rows {
				row[i] = r.event
			}
			rec := decodeRow(t, def, m.opts, row)
			tz := m.opts.TimeZone
			if tz == nil {
				tz = time.UTC
			}
			fm := tb.fieldMap(rec)
			for i, r := range rows {
				col := &tb.cols[i]
				got, err := col.fromAvro(rec.Fields[fm[i]].Value, tz)
				if err != nil {
					t.Errorf("%s: from Avro %#v: %v", r.col, rec.Fields[fm[i]].Value, err)
					continue
				}
				want, err := col.fromSQL(r.upstream)
				if err != nil {
					t.Errorf("%s: from SQL: %v", r.col, err)
					continue
				}
				if got != want {
					t.Errorf("%s: Avro %#v → %s, SQL %#v → %s", r.col, rec.Fields[fm[i]].Value, col.display(got), r.upstream, col.display(want))
				}
			}
		})
	}
}

func TestNormalizeDiffers(t *testing.T) {
	tests := []struct {
		col      string
		upstream any
	}{
		{"u64", uint64(math.MaxUint64 - 1)},
		{"f", float64(float32(1.2))},
		{"d", math.Nextafter(2.5e-300, 1)}, // one ulp away
		{"dec1", []byte("-12.341")},
		{"b", uint64(0xabd)},
		{"dtm", []byte("2024-02-29 13:14:15.121")},
		{"ts", []byte("1704164645.123457")},
		{"ts0", int64(1)},
		{"e", []byte("red")},
		{"txt", []byte("hello 中文")},
		{"bin", []byte{0, 1}},
		{"j", []byte(`{"a": "y", "b": [1, 2]}`)},
		{"n1", int64(0)},
		{"id", nil},
	}
	def, tb := typesTable(t)
	rows := typeRows()
	row := make([]event.Value, len(rows))
	for i, r := range rows {
		row[i] = r.event
	}
	rec := decodeRow(t, def, avro.Options{}, row)
	fm := tb.fieldMap(rec)
	for _, tt := range tests {
		t.Run(tt.col, func(t *testing.T) {
			i := def.ColumnIndex(tt.col)
			col := &tb.cols[i]
			got, err := col.fromAvro(rec.Fields[fm[i]].Value, time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			want, err := col.fromSQL(tt.upstream)
			if err != nil {
				t.Fatal(err)
			}
			if got == want {
				t.Errorf("Avro %#v and SQL %#v compare equal (%s)", rec.Fields[fm[i]].Value, tt.upstream, col.display(got))
			}
		})
	}
}

func TestDisplay(t *testing.T) {
	_, tb := typesTable(t)
	tests := []struct {
		col  string
		v    cell
		want string
	}{
		{"bin", cell{s: "\x00\x01"}, "0x0001"},
		{"ts", cell{s: "1704164645123456"}, "2024-01-02 03:04:05.123456 UTC"},
		{"ts", cell{s: "0"}, "0000-00-00 00:00:00"},
		{"txt", cell{s: "a\"b"}, `"a\"b"`},
		{"dec1", cell{s: "-12.34"}, "-12.34"},
		{"n1", cell{null: true}, "NULL"},
	}
	for _, tt := range tests {
		t.Run(tt.col+"/"+tt.want, func(t *testing.T) {
			col := &tb.cols[tb.def.ColumnIndex(tt.col)]
			if got := col.display(tt.v); got != tt.want {
				t.Errorf("display = %q, want %q", got, tt.want)
			}
		})
	}
}
