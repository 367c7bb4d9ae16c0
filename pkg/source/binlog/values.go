package binlog

import (
	"fmt"
	"unsafe"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// convertRow fills dst (len(t.Columns)) from a row decoded by go-mysql.
func convertRow(t *event.Table, row []any, dst []event.Value) error {
	if len(row) != len(t.Columns) {
		return fmt.Errorf("table %s: the binlog row has %d columns, the tracked definition %d: "+
			"the table changed outside the binlog, or binlog_row_image is not FULL", t.QualifiedName(), len(row), len(t.Columns))
	}
	for i := range row {
		if err := convertValue(&t.Columns[i], row[i], &dst[i]); err != nil {
			return fmt.Errorf("table %s: column %s: %w", t.QualifiedName(), t.Columns[i].Name, err)
		}
	}
	return nil
}

// convertValue maps one go-mysql value (see RowsEvent.decodeValue) to the
// event.Value layout of col's type.
func convertValue(col *event.Column, v any, dst *event.Value) error {
	*dst = event.Value{}
	switch x := v.(type) {
	case nil:
		dst.Null = true
	case int8:
		dst.Int = unsignedFix(col, int64(x), 8)
	case int16:
		dst.Int = unsignedFix(col, int64(x), 16)
	case int32:
		dst.Int = unsignedFix(col, int64(x), 32)
	case int64:
		dst.Int = unsignedFix(col, x, 64)
	case int:
		dst.Int = int64(x)
	case uint8:
		dst.Int = int64(x)
	case uint16:
		dst.Int = int64(x)
	case uint32:
		dst.Int = int64(x)
	case uint64:
		dst.Int = int64(x)
	case float32:
		dst.Float = float64(x)
	case float64:
		dst.Float = x
	case string:
		if col.Type == event.TypeTimestamp {
			us, err := parseTimestamp(x)
			if err != nil {
				return err
			}
			dst.Int = us
			return nil
		}
		dst.Bytes = unsafe.Slice(unsafe.StringData(x), len(x))
	case []byte:
		dst.Bytes = x
	default:
		return fmt.Errorf("unsupported binlog value of type %T", v)
	}
	return nil
}

// unsignedFix reinterprets a signed value of the given bit width as unsigned
// when the column is unsigned (the binlog carried no signedness metadata).
func unsignedFix(col *event.Column, v int64, bits uint) int64 {
	if !col.Unsigned || v >= 0 || bits == 64 {
		return v
	}
	return int64(uint64(v) & (1<<bits - 1))
}

// parseTimestamp reads "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC (go-mysql's
// TIMESTAMP text with TimestampStringLocation=UTC) as microseconds since
// the Unix epoch. The zero timestamp maps to 0, which no real TIMESTAMP
// can be (their range starts at 1970-01-01 00:00:01 UTC).
func parseTimestamp(s string) (int64, error) {
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':' {
		return 0, fmt.Errorf("bad TIMESTAMP text %q", s)
	}
	num := func(a, b int) int64 {
		var n int64
		for i := a; i < b; i++ {
			n = n*10 + int64(s[i]-'0')
		}
		return n
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && i != 4 && i != 7 && i != 10 && i != 13 && i != 16 && i != 19 {
			return 0, fmt.Errorf("bad TIMESTAMP text %q", s)
		}
	}
	y, mo, d := num(0, 4), num(5, 7), num(8, 10)
	if y == 0 && mo == 0 && d == 0 {
		return 0, nil
	}
	var frac int64
	if len(s) > 20 && s[19] == '.' {
		digits := s[20:]
		frac = num(20, len(s))
		for i := len(digits); i < 6; i++ {
			frac *= 10
		}
	}
	days := daysFromCivil(y, mo, d)
	secs := days*86400 + num(11, 13)*3600 + num(14, 16)*60 + num(17, 19)
	return secs*1_000_000 + frac, nil
}

// daysFromCivil returns days since 1970-01-01 of a proleptic Gregorian date
// (Howard Hinnant's algorithm), without time.Date's allocation-free but
// slower normalisation.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
