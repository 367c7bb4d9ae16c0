package avro

import (
	"encoding/binary"
	"math"
)

// appendLong appends an Avro long/int: zig-zag, then a base-128 varint.
func appendLong(dst []byte, v int64) []byte {
	u := uint64(v<<1) ^ uint64(v>>63)
	for u >= 0x80 {
		dst = append(dst, byte(u)|0x80)
		u >>= 7
	}
	return append(dst, byte(u))
}

// appendBytes appends an Avro bytes/string: length, then the bytes.
func appendBytes(dst, b []byte) []byte {
	dst = appendLong(dst, int64(len(b)))
	return append(dst, b...)
}

// appendString is appendBytes for a string.
func appendString(dst []byte, s string) []byte {
	dst = appendLong(dst, int64(len(s)))
	return append(dst, s...)
}

// appendFloat appends an Avro float (IEEE 754 single, little-endian).
func appendFloat(dst []byte, f float32) []byte {
	return binary.LittleEndian.AppendUint32(dst, math.Float32bits(f))
}

// appendDouble appends an Avro double (IEEE 754 double, little-endian).
func appendDouble(dst []byte, f float64) []byte {
	return binary.LittleEndian.AppendUint64(dst, math.Float64bits(f))
}

// readLong reads a zig-zag varint; n is 0 when b is truncated or overlong.
func readLong(b []byte) (v int64, n int) {
	var u uint64
	for shift := uint(0); shift < 70; shift += 7 {
		if n >= len(b) {
			return 0, 0
		}
		c := b[n]
		n++
		u |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return int64(u>>1) ^ -int64(u&1), n
		}
	}
	return 0, 0
}
