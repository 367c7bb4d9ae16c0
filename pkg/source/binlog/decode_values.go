package binlog

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"time"

	gomysql "github.com/go-mysql-org/go-mysql/mysql"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// temporal decodes DATE, DATETIME2 and TIMESTAMP2 (meta: fractional
// digits) as go-mysql renders them without ParseTime: text, the
// TIMESTAMP's in UTC, then stored by setText.
func (d *imageDecoder) temporal(data []byte, tp byte, meta uint16, col *event.Column, dst *event.Value) (int, error) {
	dec := int(meta)
	if tp != gomysql.MYSQL_TYPE_DATE && dec > 6 {
		return 0, fmt.Errorf("bad fractional seconds precision %d", dec)
	}
	switch tp {
	case gomysql.MYSQL_TYPE_DATE:
		if len(data) < 3 {
			return 0, errShortImage
		}
		v := int(data[0]) | int(data[1])<<8 | int(data[2])<<16
		b := d.textBuf()
		start := len(b)
		if v == 0 {
			b = append(b, "0000-00-00"...)
		} else {
			b = appendDate(b, v/(16*32), v/32%16, v%32)
		}
		return 3, d.setText(col, dst, d.keepText(b, start))
	case gomysql.MYSQL_TYPE_TIMESTAMP2:
		n := 4 + (dec+1)/2
		if len(data) < n {
			return 0, errShortImage
		}
		sec := int64(binary.BigEndian.Uint32(data))
		usec := fraction(data[4:], dec)
		if col.Type == event.TypeTimestamp { // the usual case: no text at all
			if sec != 0 {
				dst.Int = sec*1_000_000 + usec - usec%pow10[6-dec]
			}
			return n, nil
		}
		b := d.textBuf()
		start := len(b)
		if sec == 0 {
			b = appendZeroDatetime(b, usec, dec)
		} else {
			b = time.Unix(sec, usec*1000).UTC().AppendFormat(b, fracLayouts[dec])
		}
		return n, d.setText(col, dst, d.keepText(b, start))
	}
	// DATETIME2
	n := 5 + (dec+1)/2
	if len(data) < n {
		return 0, errShortImage
	}
	intPart := (int64(data[0])<<32 | int64(binary.BigEndian.Uint32(data[1:]))) - 0x8000000000
	frac := fraction(data[5:], dec)
	b := d.textBuf()
	start := len(b)
	if intPart == 0 {
		b = appendZeroDatetime(b, frac, dec)
		return n, d.setText(col, dst, d.keepText(b, start))
	}
	tmp := intPart<<24 + frac
	if tmp < 0 {
		tmp = -tmp
	}
	ymdhms := tmp >> 24
	ymd, hms := ymdhms>>17, ymdhms%(1<<17)
	ym := ymd >> 5
	b = appendDate(b, int(ym/13), int(ym%13), int(ymd%(1<<5)))
	b = append(b, ' ')
	b = appendPadded(b, int(hms>>12), 2)
	b = append(b, ':')
	b = appendPadded(b, int((hms>>6)%(1<<6)), 2)
	b = append(b, ':')
	b = appendPadded(b, int(hms%(1<<6)), 2)
	b = appendFraction(b, frac, dec)
	return n, d.setText(col, dst, d.keepText(b, start))
}

var pow10 = [7]int64{1, 10, 100, 1000, 10000, 100000, 1000000}

var fracLayouts = [7]string{
	"2006-01-02 15:04:05", "2006-01-02 15:04:05.0", "2006-01-02 15:04:05.00", "2006-01-02 15:04:05.000",
	"2006-01-02 15:04:05.0000", "2006-01-02 15:04:05.00000", "2006-01-02 15:04:05.000000",
}

// fraction reads the fractional seconds stored after a temporal value, in
// microseconds, as go-mysql does; TIMESTAMP's Go formatting (and so the
// text it parses back) keeps dec digits, so they are truncated the same way.
func fraction(data []byte, dec int) int64 {
	var us int64
	switch dec {
	case 1, 2:
		us = int64(data[0]) * 10000
	case 3, 4:
		us = int64(binary.BigEndian.Uint16(data)) * 100
	case 5, 6:
		us = int64(data[0])<<16 | int64(data[1])<<8 | int64(data[2])
	}
	return us
}

func appendDate(b []byte, y, m, d int) []byte {
	b = appendPadded(b, y, 4)
	b = append(b, '-')
	b = appendPadded(b, m, 2)
	b = append(b, '-')
	return appendPadded(b, d, 2)
}

func appendZeroDatetime(b []byte, frac int64, dec int) []byte {
	return appendFraction(append(b, "0000-00-00 00:00:00"...), frac, dec)
}

// appendFraction appends ".ffffff" cut to dec digits (nothing for 0), as
// go-mysql's %06d-then-truncate does.
func appendFraction(b []byte, frac int64, dec int) []byte {
	if dec == 0 {
		return b
	}
	b = append(b, '.')
	start := len(b)
	b = appendPadded(b, int(frac), 6)
	return b[:len(b)-(len(b)-start-dec)]
}

// appendPadded appends v in decimal, zero-padded to width digits (like %0*d
// for non-negative v; a negative v keeps its sign before the zeros).
func appendPadded(b []byte, v, width int) []byte {
	if v < 0 {
		b = append(b, '-')
		v, width = -v, width-1
	}
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(v), 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// decimal compression: bytes needed for 0…9 leftover digits.
var compressedBytes = [10]int{0, 1, 1, 2, 2, 3, 3, 4, 4, 4}

const digitsPerInteger = 9

// appendDecimal appends the text of a binary NEWDECIMAL(precision, scale)
// at data (go-mysql's decodeDecimal without UseDecimal), returning the
// bytes read.
func appendDecimal(b, data []byte, precision, scale int) ([]byte, int, error) {
	integral := precision - scale
	uncompIntegral, uncompFractional := integral/digitsPerInteger, scale/digitsPerInteger
	compIntegral, compFractional := integral-uncompIntegral*digitsPerInteger, scale-uncompFractional*digitsPerInteger
	if integral < 0 || scale < 0 || precision > 81 {
		return b, 0, fmt.Errorf("bad DECIMAL(%d,%d)", precision, scale)
	}
	size := uncompIntegral*4 + compressedBytes[compIntegral] + uncompFractional*4 + compressedBytes[compFractional]
	if size == 0 || len(data) < size {
		return b, 0, errShortImage
	}
	var buf [48]byte
	d := buf[:copy(buf[:], data[:size])]
	var mask uint32
	if d[0]&0x80 == 0 {
		mask = 1<<32 - 1
		b = append(b, '-')
	}
	d[0] ^= 0x80
	zeroLeading := true
	pos, v := decompress(compIntegral, d, uint8(mask))
	if v != 0 {
		zeroLeading = false
		b = strconv.AppendUint(b, uint64(v), 10)
	}
	for range uncompIntegral {
		v = binary.BigEndian.Uint32(d[pos:]) ^ mask
		pos += 4
		switch {
		case !zeroLeading:
			b = appendPadded(b, int(v), digitsPerInteger)
		case v != 0:
			zeroLeading = false
			b = strconv.AppendUint(b, uint64(v), 10)
		}
	}
	if zeroLeading {
		b = append(b, '0')
	}
	if pos < len(d) {
		b = append(b, '.')
		for range uncompFractional {
			v = binary.BigEndian.Uint32(d[pos:]) ^ mask
			pos += 4
			b = appendPadded(b, int(v), digitsPerInteger)
		}
		if n, v := decompress(compFractional, d[pos:], uint8(mask)); n > 0 {
			b = appendPadded(b, int(v), compFractional)
			pos += n
		}
	}
	return b, pos, nil
}

func decompress(digits int, data []byte, mask uint8) (int, uint32) {
	n := compressedBytes[digits]
	var v uint32
	for i := range n {
		v = v<<8 | uint32(data[i]^mask)
	}
	return n, v
}
