package avro

import (
	"encoding/hex"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// datum encodes one non-null value of the single column of table test.t.
func datum(t *testing.T, col string, v event.Value, o Options) (string, error) {
	t.Helper()
	p, err := NewPlan(mustTable(t, "CREATE TABLE test.t ("+col+" NOT NULL)", "test.t"), o)
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.AppendValueDatum(nil, []event.Value{v}, event.OpInsert, 0)
	return hex.EncodeToString(b), err
}

func TestValueEncoding(t *testing.T) {
	str := Options{DecimalMode: DecimalString, BigintUnsignedMode: BigintUnsignedString}
	shanghai := Options{TimeZone: time.FixedZone("CST", 8*3600)}
	ts := time.Date(1973, 12, 30, 15, 30, 0, 0, time.UTC).UnixMicro()
	tests := []struct {
		name string
		col  string
		v    event.Value
		opts Options
		want string
	}{
		{"tinyint 1", "c TINYINT", event.IntValue(1), Options{}, "02"},
		{"int -1", "c INT", event.IntValue(-1), Options{}, "01"},
		{"int 64 needs two bytes", "c INT", event.IntValue(64), Options{}, "8001"},
		{"bigint unsigned max as long", "c BIGINT UNSIGNED", event.UintValue(math.MaxUint64), Options{}, "01"},
		{"bigint unsigned 1 as string", "c BIGINT UNSIGNED", event.UintValue(1), str, "0231"},
		{"float 3.14", "c FLOAT", event.FloatValue(3.14), Options{}, "c3f54840"},
		{"NaN becomes 0", "c DOUBLE", event.FloatValue(math.NaN()), Options{}, "0000000000000000"},
		{"bit 683", "c BIT(16)", event.UintValue(683), Options{}, "0402ab"},
		{"bit 0 is one byte", "c BIT(8)", event.UintValue(0), Options{}, "0200"},
		{"bit 64 all ones", "c BIT(64)", event.UintValue(math.MaxUint64), Options{}, "10ffffffffffffffff"},
		{"decimal vector 129012.1230000", "c DECIMAL(14,7)", event.StringValue("129012.1230000"), Options{},
			// 1290121230000 = 0x012c6137b6b0
			"0c012c6137b6b0"},
		{"decimal string mode keeps scale", "c DECIMAL(14,7)", event.StringValue("129012.123"), str,
			"1c3132393031322e31323330303030"},
		{"decimal -1", "c DECIMAL(5,0)", event.StringValue("-1"), Options{}, "02ff"},
		{"decimal -128 minimal", "c DECIMAL(5,2)", event.StringValue("-1.28"), Options{}, "0280"},
		{"decimal 128 needs sign byte", "c DECIMAL(5,2)", event.StringValue("1.28"), Options{}, "040080"},
		{"decimal 0", "c DECIMAL(5,2)", event.StringValue("-0.00"), Options{}, "0200"},
		{"decimal 65 digits", "c DECIMAL(65,0)", event.StringValue("-" + strings.Repeat("9", 65)), Options{},
			// -(10^65-1) in 28 bytes of two's complement (computed with Python's big ints)
			"38" + "ff0ce9d8e3803c6f757410b9b1c6ba1085dac9f60000000000000001"},
		{"enum member", "c ENUM('a','b')", event.IntValue(2), Options{}, "0262"},
		{"enum error member", "c ENUM('a','b')", event.IntValue(0), Options{}, "00"},
		{"set members in definition order", "c SET('a','b','c')", event.IntValue(5), Options{}, "06612c63"},
		{"empty set", "c SET('a','b')", event.IntValue(0), Options{}, "00"},
		{"datetime pads fsp", "c DATETIME(3)", event.StringValue("2015-12-20 23:58:58"), Options{},
			hex.EncodeToString([]byte("\x2e2015-12-20 23:58:58.000"))},
		{"datetime drops zero digits beyond fsp", "c DATETIME", event.StringValue("2015-12-20 23:58:58.000000"), Options{},
			hex.EncodeToString([]byte("\x262015-12-20 23:58:58"))},
		{"time with fraction", "c TIME(2)", event.StringValue("-838:59:59.5"), Options{},
			hex.EncodeToString([]byte("\x1a-838:59:59.50"))},
		{"timestamp in UTC", "c TIMESTAMP", event.IntValue(ts), Options{},
			hex.EncodeToString([]byte("\x261973-12-30 15:30:00"))},
		{"timestamp in the configured zone", "c TIMESTAMP(6)", event.IntValue(ts + 123456), shanghai,
			hex.EncodeToString([]byte("\x341973-12-30 23:30:00.123456"))},
		{"zero timestamp", "c TIMESTAMP(1)", event.IntValue(0), Options{},
			hex.EncodeToString([]byte("\x2a0000-00-00 00:00:00.0"))},
		{"long text length prefix", "c TEXT", event.StringValue(strings.Repeat("é", 100)), Options{},
			"9003" + strings.Repeat("c3a9", 100)},
		{"long datetime-like text prefix stays right", "c DECIMAL(65,30)", event.StringValue("1." + strings.Repeat("1", 30)), str,
			"40" + hex.EncodeToString([]byte("1."+strings.Repeat("1", 30)))},
		{"year", "c YEAR", event.IntValue(1970), Options{}, "e41e"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := datum(t, tt.col, tt.v, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("datum = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestBadValues(t *testing.T) {
	tests := []struct {
		name, col string
		v         event.Value
		want      string
	}{
		{"tinyint out of range", "c TINYINT", event.IntValue(128), `table test.t: column c: value 128: out of range for tinyint`},
		{"unsigned out of range", "c SMALLINT UNSIGNED", event.UintValue(65536), `value 65536: out of range for smallint unsigned`},
		{"int unsigned out of range", "c INT UNSIGNED", event.UintValue(1 << 32), `value 4294967296: out of range`},
		{"float overflow", "c FLOAT", event.FloatValue(1e300), `out of range for float`},
		{"invalid utf-8", "c VARCHAR(10)", event.BytesValue([]byte{'a', 0xff}), `column c: value 0x61ff: invalid UTF-8`},
		{"decimal overflow", "c DECIMAL(5,2)", event.StringValue("1234.5"), `value "1234.5": overflows DECIMAL precision`},
		{"decimal too precise", "c DECIMAL(5,2)", event.StringValue("1.234"), `more fractional digits than the DECIMAL scale`},
		{"decimal garbage", "c DECIMAL(5,2)", event.StringValue("1e5"), `not a decimal number`},
		{"bit too wide", "c BIT(4)", event.UintValue(16), `does not fit BIT(4)`},
		{"enum index too big", "c ENUM('a')", event.IntValue(2), `ENUM index out of range`},
		{"set bits outside", "c SET('a')", event.IntValue(2), `SET bits outside its members`},
		{"bad date", "c DATE", event.StringValue("2000-1-1"), `not a DATE`},
		{"bad datetime", "c DATETIME", event.StringValue("2000-01-01T00:00:00"), `not a DATETIME`},
		{"datetime too precise", "c DATETIME(1)", event.StringValue("2000-01-01 00:00:00.25"), `more fractional digits`},
		{"bad time", "c TIME", event.StringValue("1:2:3"), `not a TIME`},
		{"timestamp too precise", "c TIMESTAMP", event.IntValue(1_000_001), `more fractional digits`},
		{"year out of range", "c YEAR", event.IntValue(1800), `out of range for year`},
		{"null in not null", "c INT", event.NullValue(), `NULL in a NOT NULL column`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := datum(t, tt.col, tt.v, Options{})
			if err == nil {
				t.Fatalf("want an error, got datum %s", got)
			}
			var ve *ValueError
			if !errors.As(err, &ve) || ve.Table != "test.t" || ve.Column != "c" {
				t.Errorf("error %v is not a ValueError naming test.t column c", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestRowImageLengthMismatch(t *testing.T) {
	p, err := NewPlan(mustTable(t, "CREATE TABLE test.t (a INT, b INT)", "test.t"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.AppendValueDatum(nil, []event.Value{event.IntValue(1)}, event.OpInsert, 0); err == nil ||
		!strings.Contains(err.Error(), "does not match the table's 2 columns") {
		t.Fatalf("error = %v", err)
	}
}
