package dispatch

import (
	"strconv"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// nullString is what TiCDC hashes for SQL NULL.
const nullString = "null"

// appendValueString returns the bytes TiCDC hashes for a value (its
// "valueString", spec §3.3): "null" for NULL; integers, BIT, ENUM and SET
// in decimal; FLOAT and DOUBLE in shortest 'f' form (32-bit for FLOAT);
// TIMESTAMP as "YYYY-MM-DD HH:MM:SS[.fff]" in loc with the column's
// fractional digits; every other type as its text or raw bytes (see
// isText). Formatted values are appended to buf.
func appendValueString(buf []byte, c *event.Column, v *event.Value, loc *time.Location) []byte {
	if isText(c, v) {
		return append(buf, v.Bytes...)
	}
	return appendFormatted(buf, c, v, loc)
}

// isText reports whether a value's valueString is its Bytes as they are.
func isText(c *event.Column, v *event.Value) bool {
	if v.Null {
		return false
	}
	switch t := c.Type; {
	case t.IsInteger(), t == event.TypeBit, t == event.TypeEnum, t == event.TypeSet, t == event.TypeYear,
		t == event.TypeFloat, t == event.TypeDouble, t == event.TypeTimestamp:
		return false
	}
	return true
}

// appendFormatted appends the valueString of a value that is not text.
func appendFormatted(buf []byte, c *event.Column, v *event.Value, loc *time.Location) []byte {
	if v.Null {
		return append(buf, nullString...)
	}
	t := c.Type
	switch {
	case t.IsInteger() && c.Unsigned, t == event.TypeBit, t == event.TypeEnum, t == event.TypeSet:
		return strconv.AppendUint(buf, v.Uint(), 10)
	case t.IsInteger(), t == event.TypeYear:
		return strconv.AppendInt(buf, v.Int, 10)
	case t == event.TypeFloat:
		return strconv.AppendFloat(buf, float64(float32(v.Float)), 'f', -1, 32)
	case t == event.TypeDouble:
		return strconv.AppendFloat(buf, v.Float, 'f', -1, 64)
	}
	return appendTimestamp(buf, v.Int, c.Scale, loc)
}

// appendTimestamp formats a TIMESTAMP (microseconds since the epoch; 0 is
// the zero timestamp) as TiDB's Time.String does.
func appendTimestamp(buf []byte, micros int64, fsp int, loc *time.Location) []byte {
	if fsp < 0 {
		fsp = 0
	}
	if fsp > 6 {
		fsp = 6
	}
	if micros == 0 {
		buf = append(buf, "0000-00-00 00:00:00"...)
		if fsp > 0 {
			buf = append(buf, '.')
			for i := 0; i < fsp; i++ {
				buf = append(buf, '0')
			}
		}
		return buf
	}
	ts := time.UnixMicro(micros).In(loc)
	year, month, day := ts.Date()
	hour, minute, sec := ts.Clock()
	buf = appendDigits(buf, year, 4)
	buf = append(buf, '-')
	buf = appendDigits(buf, int(month), 2)
	buf = append(buf, '-')
	buf = appendDigits(buf, day, 2)
	buf = append(buf, ' ')
	buf = appendDigits(buf, hour, 2)
	buf = append(buf, ':')
	buf = appendDigits(buf, minute, 2)
	buf = append(buf, ':')
	buf = appendDigits(buf, sec, 2)
	if fsp > 0 {
		frac := int64(ts.Nanosecond() / 1000)
		var digits [6]byte
		for i := 5; i >= 0; i-- {
			digits[i] = byte('0' + frac%10)
			frac /= 10
		}
		buf = append(buf, '.')
		buf = append(buf, digits[:fsp]...)
	}
	return buf
}

// appendDigits appends n (0 ≤ n) zero-padded to width digits.
func appendDigits(buf []byte, n, width int) []byte {
	var d [8]byte
	i := len(d)
	for n > 0 || i > len(d)-width {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	return append(buf, d[i:]...)
}
