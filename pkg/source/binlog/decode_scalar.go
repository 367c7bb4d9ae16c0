package binlog

import (
	"encoding/binary"
	"fmt"
	"math"
	"unsafe"

	gomysql "github.com/go-mysql-org/go-mysql/mysql"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// value decodes one non-NULL value of binlog type tp into dst, as
// go-mysql's decodeValue and convertValue would.
func (d *imageDecoder) value(data []byte, tp byte, meta uint16, unsigned bool, col *event.Column, dst *event.Value) (int, error) {
	length := 0
	if tp == gomysql.MYSQL_TYPE_STRING {
		tp, length = stringType(meta)
	}
	need := func(n int) error {
		if len(data) < n {
			return errShortImage
		}
		return nil
	}
	switch tp {
	case gomysql.MYSQL_TYPE_TINY, gomysql.MYSQL_TYPE_SHORT, gomysql.MYSQL_TYPE_INT24, gomysql.MYSQL_TYPE_LONG, gomysql.MYSQL_TYPE_LONGLONG:
		return d.integer(data, tp, unsigned, col, dst)
	case gomysql.MYSQL_TYPE_FLOAT:
		if err := need(4); err != nil {
			return 0, err
		}
		dst.Float = float64(math.Float32frombits(binary.LittleEndian.Uint32(data)))
		return 4, nil
	case gomysql.MYSQL_TYPE_DOUBLE:
		if err := need(8); err != nil {
			return 0, err
		}
		dst.Float = math.Float64frombits(binary.LittleEndian.Uint64(data))
		return 8, nil
	case gomysql.MYSQL_TYPE_NEWDECIMAL:
		b := d.textBuf()
		start := len(b)
		b, n, err := appendDecimal(b, data, int(meta>>8), int(meta&0xFF))
		if err != nil {
			return 0, err
		}
		return n, d.setText(col, dst, d.keepText(b, start))
	case gomysql.MYSQL_TYPE_BIT:
		return decodeBit(data, int((meta>>8)*8+meta&0xFF), dst)
	case gomysql.MYSQL_TYPE_TIMESTAMP2, gomysql.MYSQL_TYPE_DATETIME2, gomysql.MYSQL_TYPE_DATE:
		return d.temporal(data, tp, meta, col, dst)
	case gomysql.MYSQL_TYPE_YEAR:
		if err := need(1); err != nil {
			return 0, err
		}
		if data[0] != 0 {
			dst.Int = int64(data[0]) + 1900
		}
		return 1, nil
	case gomysql.MYSQL_TYPE_ENUM:
		switch meta & 0xFF {
		case 1:
			if err := need(1); err != nil {
				return 0, err
			}
			dst.Int = int64(data[0])
			return 1, nil
		case 2:
			if err := need(2); err != nil {
				return 0, err
			}
			dst.Int = int64(binary.LittleEndian.Uint16(data))
			return 2, nil
		}
		return 0, fmt.Errorf("unknown ENUM packlen=%d", meta&0xFF)
	case gomysql.MYSQL_TYPE_SET:
		n := int(meta & 0xFF)
		if n < 1 || n > 8 || len(data) < n {
			return 0, fmt.Errorf("bad SET length %d", n)
		}
		var v uint64
		for i := n - 1; i >= 0; i-- {
			v = v<<8 | uint64(data[i])
		}
		dst.Int = int64(v)
		return n, nil
	case gomysql.MYSQL_TYPE_BLOB:
		return decodeBlob(data, meta, dst)
	case gomysql.MYSQL_TYPE_VARCHAR, gomysql.MYSQL_TYPE_VAR_STRING:
		length = int(meta)
	case gomysql.MYSQL_TYPE_STRING:
	default:
		return 0, fmt.Errorf("binlog type %d has no fast decoder", tp)
	}
	// CHAR, VARCHAR: a 1- or 2-byte length, then the bytes.
	var n, off int
	if length < 256 {
		if err := need(1); err != nil {
			return 0, err
		}
		n, off = int(data[0]), 1
	} else {
		if err := need(2); err != nil {
			return 0, err
		}
		n, off = int(binary.LittleEndian.Uint16(data)), 2
	}
	if err := need(off + n); err != nil {
		return 0, err
	}
	return off + n, d.setText(col, dst, data[off:off+n:off+n])
}

// setText stores a value go-mysql returns as a string: TIMESTAMP columns
// carry microseconds, every other column the text itself.
func (d *imageDecoder) setText(col *event.Column, dst *event.Value, text []byte) error {
	if col.Type != event.TypeTimestamp {
		dst.Bytes = text
		return nil
	}
	us, err := event.ParseTimestampUTC(unsafe.String(unsafe.SliceData(text), len(text)))
	dst.Int = us
	return err
}

// integer decodes TINYINT … BIGINT: unsigned per the binlog's metadata as
// go-mysql does, else signed and then reinterpreted by the tracked
// definition (unsignedFix, at the column's width).
func (d *imageDecoder) integer(data []byte, tp byte, unsigned bool, col *event.Column, dst *event.Value) (int, error) {
	var n int
	var bits uint
	switch tp {
	case gomysql.MYSQL_TYPE_TINY:
		n, bits = 1, 8
	case gomysql.MYSQL_TYPE_SHORT:
		n, bits = 2, 16
	case gomysql.MYSQL_TYPE_INT24:
		n, bits = 3, 24
	case gomysql.MYSQL_TYPE_LONG:
		n, bits = 4, 32
	default:
		n, bits = 8, 64
	}
	if len(data) < n {
		return 0, errShortImage
	}
	var u uint64
	for i := n - 1; i >= 0; i-- {
		u = u<<8 | uint64(data[i])
	}
	if unsigned {
		dst.Int = int64(u)
		return n, nil
	}
	shift := 64 - 8*uint(n)
	dst.Int = unsignedFix(col, int64(u<<shift)>>shift, bits)
	return n, nil
}

func decodeBit(data []byte, nbits int, dst *event.Value) (int, error) {
	n := (nbits + 7) / 8
	if n < 1 || n > 8 || len(data) < n {
		return 0, fmt.Errorf("invalid bit length %d", n)
	}
	var v uint64
	for i := range n {
		v = v<<8 | uint64(data[i])
	}
	dst.Int = int64(v)
	return n, nil
}

func decodeBlob(data []byte, packLen uint16, dst *event.Value) (int, error) {
	if packLen < 1 || packLen > 4 {
		return 0, fmt.Errorf("invalid blob packlen = %d", packLen)
	}
	p := int(packLen)
	if len(data) < p {
		return 0, errShortImage
	}
	var n int
	for i := p - 1; i >= 0; i-- {
		n = n<<8 | int(data[i])
	}
	if len(data) < p+n {
		return 0, errShortImage
	}
	dst.Bytes = data[p : p+n : p+n]
	return p + n, nil
}
