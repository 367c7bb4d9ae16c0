package avro

import (
	"errors"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// appendRecord appends the Avro datum of a record made of fields taken from
// row. It never allocates when dst has room.
func appendRecord(dst []byte, t *event.Table, fields []field, row []event.Value, loc *time.Location) ([]byte, error) {
	if len(row) != len(t.Columns) {
		return dst, &ValueError{Table: t.QualifiedName(), Column: "(row)", Value: strconv.Itoa(len(row)) + " values",
			Reason: "row image does not match the table's " + strconv.Itoa(len(t.Columns)) + " columns"}
	}
	for i := range fields {
		f := &fields[i]
		v := &row[f.idx]
		if v.Null {
			if !f.nullable {
				return dst, valueError(t, f, v, "NULL in a NOT NULL column")
			}
			if f.nullFirst {
				dst = append(dst, 0x00) // branch 0: null
			} else {
				dst = append(dst, 0x02) // branch 1: null
			}
			continue
		}
		if f.nullable {
			if f.nullFirst {
				dst = append(dst, 0x02) // branch 1: the value
			} else {
				dst = append(dst, 0x00) // branch 0: the value
			}
		}
		var err error
		if dst, err = f.appendValue(dst, v, loc); err != nil {
			return dst, valueError(t, f, v, err.Error())
		}
	}
	return dst, nil
}

// appendValue appends the datum of a non-null value.
func (f *field) appendValue(dst []byte, v *event.Value, loc *time.Location) ([]byte, error) {
	switch f.op {
	case opInt, opLong:
		if v.Int < f.min || v.Int > f.max {
			return dst, errors.New("out of range for " + f.col.Type.String())
		}
		return appendLong(dst, v.Int), nil
	case opIntU, opLongU32:
		if v.Uint() > f.umax {
			return dst, errors.New("out of range for " + f.col.Type.String() + " unsigned")
		}
		return appendLong(dst, v.Int), nil
	case opLongU64:
		return appendLong(dst, v.Int), nil
	case opStringU64:
		var buf [20]byte
		return appendBytes(dst, strconv.AppendUint(buf[:0], v.Uint(), 10)), nil
	case opYear:
		if v.Int != 0 && (v.Int < 1901 || v.Int > 2155) {
			return dst, errors.New("out of range for year")
		}
		return appendLong(dst, v.Int), nil
	case opFloat:
		x := finite(v.Float)
		if math.Abs(x) > math.MaxFloat32 {
			return dst, errors.New("out of range for float")
		}
		return appendFloat(dst, float32(x)), nil
	case opDouble:
		return appendDouble(dst, finite(v.Float)), nil
	case opDecimal:
		return appendDecimalUnscaled(dst, v.Bytes, f.precision, f.scale)
	case opDecimalStr:
		return appendLengthPrefixed(dst, func(b []byte) ([]byte, error) {
			return appendDecimalText(b, v.Bytes, f.precision, f.scale)
		})
	case opText:
		if !utf8.Valid(v.Bytes) {
			return dst, errors.New("invalid UTF-8 in a text column")
		}
		return appendBytes(dst, v.Bytes), nil
	case opBytes:
		return appendBytes(dst, v.Bytes), nil
	case opBit:
		return f.appendBit(dst, v.Uint())
	case opEnum:
		return f.appendEnum(dst, v.Uint())
	case opSet:
		return f.appendSet(dst, v.Uint())
	case opDate:
		if err := checkDate(v.Bytes); err != nil {
			return dst, err
		}
		return appendBytes(dst, v.Bytes), nil
	case opDatetime:
		return appendLengthPrefixed(dst, func(b []byte) ([]byte, error) { return appendDatetime(b, v.Bytes, f.fsp) })
	case opTime:
		return appendLengthPrefixed(dst, func(b []byte) ([]byte, error) { return appendTime(b, v.Bytes, f.fsp) })
	case opTimestamp:
		return appendLengthPrefixed(dst, func(b []byte) ([]byte, error) { return appendTimestamp(b, v.Int, loc, f.fsp) })
	}
	return dst, errors.New("no encoding for the column type")
}

// finite replaces NaN and ±Inf by 0, as TiCDC's mounter does.
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// appendLengthPrefixed appends a string produced by fn with its length
// prefix. The text is written once after a one-byte length placeholder and
// shifted when the length needs more than one varint byte.
func appendLengthPrefixed(dst []byte, fn func([]byte) ([]byte, error)) ([]byte, error) {
	start := len(dst)
	dst = append(dst, 0)
	out, err := fn(dst)
	if err != nil {
		return dst[:start], err
	}
	n := len(out) - start - 1
	if n < 64 { // zig-zag of n fits one byte
		out[start] = byte(n << 1)
		return out, nil
	}
	var hdr [10]byte
	h := appendLong(hdr[:0], int64(n))
	out = append(out, h[1:]...) // grow by the extra header bytes
	copy(out[start+len(h):], out[start+1:start+1+n])
	copy(out[start:], h)
	return out, nil
}

func (f *field) appendBit(dst []byte, u uint64) ([]byte, error) {
	if f.bitLen < 64 && u>>uint(f.bitLen) != 0 {
		return dst, errors.New("does not fit BIT(" + strconv.Itoa(f.bitLen) + ")")
	}
	n := 1
	for u>>(8*uint(n)) != 0 && n < 8 {
		n++
	}
	dst = append(dst, byte(n<<1))
	for i := n - 1; i >= 0; i-- {
		dst = append(dst, byte(u>>(8*uint(i))))
	}
	return dst, nil
}

func (f *field) appendEnum(dst []byte, idx uint64) ([]byte, error) {
	if idx == 0 {
		return appendString(dst, ""), nil // MySQL's '' error member
	}
	if idx > uint64(len(f.col.Elems)) {
		return dst, errors.New("ENUM index out of range")
	}
	return appendString(dst, f.col.Elems[idx-1]), nil
}

func (f *field) appendSet(dst []byte, mask uint64) ([]byte, error) {
	elems := f.col.Elems
	if len(elems) < 64 && mask>>uint(len(elems)) != 0 {
		return dst, errors.New("SET bits outside its members")
	}
	n, members := 0, 0
	for i := range elems {
		if mask&(1<<uint(i)) != 0 {
			n += len(elems[i])
			members++
		}
	}
	if members > 1 {
		n += members - 1
	}
	dst = appendLong(dst, int64(n))
	first := true
	for i := range elems {
		if mask&(1<<uint(i)) != 0 {
			if !first {
				dst = append(dst, ',')
			}
			dst = append(dst, elems[i]...)
			first = false
		}
	}
	return dst, nil
}
