package avro

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// defaultValue converts the column default to the JSON text TiCDC puts in
// the schema ("" when there is none). TiCDC runs the default string through
// its row-value conversion and marshals the result with encoding/json, so
// numbers become JSON numbers (FLOAT parsed at 32-bit precision and widened),
// text stays text, and byte strings become base64.
func (f *field) defaultValue(o *Options) (string, error) {
	if f.col.Default == nil {
		return "", nil
	}
	d := *f.col.Default
	switch f.op {
	case opInt, opIntU, opYear:
		n, err := strconv.ParseInt(d, 10, 32)
		if err != nil {
			return "", fmt.Errorf("not a 32-bit integer")
		}
		return strconv.FormatInt(n, 10), nil
	case opLongU32, opLong:
		n, err := strconv.ParseInt(d, 10, 64)
		if err != nil {
			return "", fmt.Errorf("not a 64-bit integer")
		}
		return strconv.FormatInt(n, 10), nil
	case opLongU64:
		n, err := strconv.ParseUint(d, 10, 64)
		if err != nil {
			return "", fmt.Errorf("not an unsigned 64-bit integer")
		}
		return strconv.FormatInt(int64(n), 10), nil
	case opFloat, opDouble:
		bits := 64
		if f.op == opFloat {
			bits = 32
		}
		v, err := strconv.ParseFloat(d, bits)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return "", fmt.Errorf("not a number")
		}
		return jsonText(v), nil
	case opDecimal:
		return "", nil // logical types carry no default (see newField)
	case opDecimalStr:
		s, err := normalizeDecimal(d, f.precision, f.scale)
		if err != nil {
			return "", err
		}
		return jsonText(s), nil
	case opBit:
		b, err := bitDefault(d, f.bitLen)
		if err != nil {
			return "", err
		}
		return jsonText(b), nil
	case opBytes:
		b := []byte(d)
		if f.col.Type == event.TypeChar && f.col.Length > len(b) {
			// BINARY(n) defaults are stored zero-padded to n bytes.
			b = append(b, make([]byte, f.col.Length-len(b))...)
		}
		return `"` + base64.StdEncoding.EncodeToString(b) + `"`, nil
	case opDatetime, opTimestamp:
		if strings.HasPrefix(strings.ToUpper(d), "CURRENT_TIMESTAMP") {
			return jsonText(d), nil
		}
		if len(d) == len("2006-01-02") {
			d += " 00:00:00"
		}
		s, err := normalizeFrac(d, f.fsp)
		if err != nil {
			return "", err
		}
		return jsonText(s), nil
	}
	return jsonText(d), nil // text, ENUM, SET, JSON, DATE, TIME, VECTOR
}

// jsonText marshals a string, number or byte slice exactly as encoding/json
// does (TiCDC marshals its schema with it, HTML escaping included).
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("avro: marshal %T: %v", v, err)) // strings, finite floats and bytes always marshal
	}
	return string(b)
}

// bitDefault converts a BIT default ("b'101'", "0x05" or a decimal number) to
// the big-endian bytes TiDB stores, (bitLen+7)/8 bytes wide.
func bitDefault(d string, bitLen int) ([]byte, error) {
	var v uint64
	var err error
	switch {
	case len(d) >= 3 && (d[0] == 'b' || d[0] == 'B') && d[1] == '\'' && d[len(d)-1] == '\'':
		v, err = strconv.ParseUint(d[2:len(d)-1], 2, 64)
	case strings.HasPrefix(d, "0b"):
		v, err = strconv.ParseUint(d[2:], 2, 64)
	case strings.HasPrefix(d, "0x") || strings.HasPrefix(d, "0X"):
		v, err = strconv.ParseUint(d[2:], 16, 64)
	default:
		v, err = strconv.ParseUint(d, 10, 64)
	}
	if err != nil {
		return nil, fmt.Errorf("not a bit value")
	}
	if bitLen < 64 && v>>uint(bitLen) != 0 {
		return nil, fmt.Errorf("does not fit BIT(%d)", bitLen)
	}
	n := (bitLen + 7) / 8
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = byte(v)
		v >>= 8
	}
	return b, nil
}
