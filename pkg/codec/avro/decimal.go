package avro

import (
	"encoding/binary"
	"errors"
	"math/bits"
)

// decimalParts splits decimal text ("-12.340", "+5", ".5") into sign,
// integer digits without leading zeros and fraction digits, checking them
// against DECIMAL(precision, scale). Extra fraction digits are allowed only
// when they are zeros, so nothing is rounded away silently.
func decimalParts(s []byte, precision, scale int) (neg bool, intDigits, frac []byte, err error) {
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	intDigits, rest := s[:i], s[i:]
	if len(rest) > 0 {
		if rest[0] != '.' {
			return false, nil, nil, errors.New("not a decimal number")
		}
		frac = rest[1:]
		for _, c := range frac {
			if c < '0' || c > '9' {
				return false, nil, nil, errors.New("not a decimal number")
			}
		}
	}
	if len(intDigits) == 0 && len(frac) == 0 {
		return false, nil, nil, errors.New("not a decimal number")
	}
	for len(intDigits) > 0 && intDigits[0] == '0' {
		intDigits = intDigits[1:]
	}
	if len(intDigits) > precision-scale {
		return false, nil, nil, errors.New("overflows DECIMAL precision")
	}
	if len(frac) > scale {
		for _, c := range frac[scale:] {
			if c != '0' {
				return false, nil, nil, errors.New("has more fractional digits than the DECIMAL scale")
			}
		}
		frac = frac[:scale]
	}
	return neg, intDigits, frac, nil
}

func allZero(ds ...[]byte) bool {
	for _, d := range ds {
		for _, c := range d {
			if c != '0' {
				return false
			}
		}
	}
	return true
}

// appendDecimalText appends the decimal with exactly scale fraction digits,
// as TiDB prints DECIMAL(precision, scale) values.
func appendDecimalText(dst, s []byte, precision, scale int) ([]byte, error) {
	neg, intDigits, frac, err := decimalParts(s, precision, scale)
	if err != nil {
		return dst, err
	}
	if neg && !allZero(intDigits, frac) {
		dst = append(dst, '-')
	}
	if len(intDigits) == 0 {
		dst = append(dst, '0')
	}
	dst = append(dst, intDigits...)
	return appendFraction(dst, frac, scale), nil
}

// appendFraction appends "." and the fraction's digits padded with zeros
// to n digits (frac has at most n); nothing when n is 0 (decimal scale,
// temporal fsp).
func appendFraction(dst, frac []byte, n int) []byte {
	if n <= 0 {
		return dst
	}
	dst = append(dst, '.')
	dst = append(dst, frac...)
	for i := len(frac); i < n; i++ {
		dst = append(dst, '0')
	}
	return dst
}

// normalizeDecimal is appendDecimalText for strings.
func normalizeDecimal(s string, precision, scale int) (string, error) {
	b, err := appendDecimalText(nil, []byte(s), precision, scale)
	return string(b), err
}

// appendDecimalUnscaled appends the unscaled value (value × 10^scale) as
// the minimal big-endian two's-complement bytes of Avro's decimal logical
// type, identical to goavro's encoding of a *big.Rat.
func appendDecimalUnscaled(dst, s []byte, precision, scale int) ([]byte, error) {
	neg, intDigits, frac, err := decimalParts(s, precision, scale)
	if err != nil {
		return dst, err
	}
	if len(intDigits)+scale <= 18 {
		return appendSmallDecimal(dst, neg, intDigits, frac, scale), nil
	}
	// 65 decimal digits need 216 bits: four 64-bit limbs, little-endian.
	var limbs [4]uint64
	mulAdd := func(d byte) {
		carry := uint64(d - '0')
		for i := range limbs {
			hi, lo := bits.Mul64(limbs[i], 10)
			lo, c := bits.Add64(lo, carry, 0)
			limbs[i], carry = lo, hi+c
		}
	}
	for _, d := range intDigits {
		mulAdd(d)
	}
	for _, d := range frac {
		mulAdd(d)
	}
	for i := len(frac); i < scale; i++ {
		mulAdd('0')
	}
	if neg {
		borrow := uint64(1) // two's complement: invert and add one
		for i := range limbs {
			limbs[i], borrow = bits.Add64(^limbs[i], borrow, 0)
		}
	}
	var buf [32]byte
	for i := range limbs {
		binary.BigEndian.PutUint64(buf[24-8*i:], limbs[i])
	}
	return appendBytes(dst, minimalTwosComplement(buf[:])), nil
}

// appendSmallDecimal is appendDecimalUnscaled for values of at most 18
// digits, which fit an int64.
func appendSmallDecimal(dst []byte, neg bool, intDigits, frac []byte, scale int) []byte {
	var n int64
	for _, d := range intDigits {
		n = n*10 + int64(d-'0')
	}
	for _, d := range frac {
		n = n*10 + int64(d-'0')
	}
	for i := len(frac); i < scale; i++ {
		n *= 10
	}
	if neg {
		n = -n
	}
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], uint64(n))
	return appendBytes(dst, minimalTwosComplement(buf[:]))
}

// minimalTwosComplement drops leading bytes that only repeat the sign.
func minimalTwosComplement(b []byte) []byte {
	for len(b) > 1 && (b[0] == 0x00 && b[1]&0x80 == 0 || b[0] == 0xff && b[1]&0x80 != 0) {
		b = b[1:]
	}
	return b
}
