package verify

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// fromSQL brings a value scanned from the column's SELECT expression (the
// go-sql-driver/mysql text protocol: nil, int64, uint64, float64, []byte)
// to canonical form.
func (c *column) fromSQL(v any) (cell, error) {
	if v == nil {
		return cell{null: true}, nil
	}
	text := sqlText(v)
	var s string
	var err error
	switch c.kind {
	case kindInt:
		var i int64
		i, err = strconv.ParseInt(text, 10, 64)
		s = strconv.FormatInt(i, 10)
	case kindUint, kindBit:
		var u uint64
		u, err = strconv.ParseUint(text, 10, 64)
		s = strconv.FormatUint(u, 10)
	case kindFloat, kindDouble:
		var f float64
		f, err = strconv.ParseFloat(text, 64)
		s = c.floatText(f)
	case kindDecimal:
		s, err = decimalText(text)
	case kindText, kindBytes:
		s = text
	case kindJSON:
		s = canonJSON(text)
	case kindTimestamp:
		s, err = unixMicros(text)
	}
	if err != nil {
		return cell{}, fmt.Errorf("column %s: upstream value %q: %w", c.name, text, err)
	}
	return cell{s: s}, nil
}

func sqlText(v any) string {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case time.Time:
		return x.Format("2006-01-02 15:04:05.999999")
	}
	return fmt.Sprint(v)
}

// unixMicros reads UNIX_TIMESTAMP's "seconds[.fraction]" as microseconds.
func unixMicros(text string) (string, error) {
	secs, frac, _ := strings.Cut(text, ".")
	sec, err := strconv.ParseInt(secs, 10, 64)
	if err != nil {
		return "", err
	}
	if len(frac) > 6 {
		frac = frac[:6]
	}
	frac += strings.Repeat("0", 6-len(frac))
	us, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(sec*1_000_000+us, 10), nil
}

// display renders a canonical value for a report.
func (c *column) display(v cell) string {
	if v.null {
		return "NULL"
	}
	switch c.kind {
	case kindBytes:
		b := []byte(v.s)
		suffix := ""
		if len(b) > 32 {
			b, suffix = b[:32], "…"
		}
		return "0x" + hex.EncodeToString(b) + suffix
	case kindTimestamp:
		us, err := strconv.ParseInt(v.s, 10, 64)
		if err != nil || us == 0 {
			return zeroTimestamp
		}
		return time.UnixMicro(us).UTC().Format("2006-01-02 15:04:05.999999") + " UTC"
	case kindText, kindJSON:
		s := v.s
		suffix := ""
		if len(s) > 64 {
			cut := 64
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			s, suffix = s[:cut], "…"
		}
		return strconv.Quote(s) + suffix
	}
	return v.s
}
