package avro

import (
	"errors"
	"time"
)

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digitsAt reports whether s[i:i+n] are all digits.
func digitsAt(s []byte, i, n int) bool {
	if i+n > len(s) {
		return false
	}
	for _, c := range s[i : i+n] {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// checkDate validates "YYYY-MM-DD" (zero dates allowed, as MySQL has them).
func checkDate(s []byte) error {
	if len(s) != 10 || !digitsAt(s, 0, 4) || s[4] != '-' || !digitsAt(s, 5, 2) || s[7] != '-' || !digitsAt(s, 8, 2) {
		return errors.New("not a DATE in YYYY-MM-DD form")
	}
	return nil
}

// appendFrac appends text whose seconds may carry a fraction, with exactly
// fsp fraction digits: missing digits are padded with zeros; extra digits
// must be zeros (a value more precise than its column is an error, not
// something to round silently).
func appendFrac(dst, s []byte, fsp int) ([]byte, error) {
	base, frac := s, []byte(nil)
	for i := len(s) - 1; i >= 0 && s[i] != ':'; i-- {
		if s[i] == '.' {
			base, frac = s[:i], s[i+1:]
			break
		}
	}
	if !digitsAt(frac, 0, len(frac)) {
		return dst, errors.New("bad fractional seconds")
	}
	if len(frac) > fsp {
		if !allZero(frac[fsp:]) {
			return dst, errors.New("has more fractional digits than the column's precision")
		}
		frac = frac[:fsp]
	}
	dst = append(dst, base...)
	return appendFraction(dst, frac, fsp), nil
}

// appendDatetime appends "YYYY-MM-DD HH:MM:SS[.f]" with fsp digits.
func appendDatetime(dst, s []byte, fsp int) ([]byte, error) {
	if len(s) < 19 || checkDate(s[:10]) != nil || s[10] != ' ' || !digitsAt(s, 11, 2) || s[13] != ':' ||
		!digitsAt(s, 14, 2) || s[16] != ':' || !digitsAt(s, 17, 2) || len(s) > 19 && s[19] != '.' {
		return dst, errors.New("not a DATETIME in YYYY-MM-DD HH:MM:SS[.fraction] form")
	}
	return appendFrac(dst, s, fsp)
}

// appendTime appends "[-]HH:MM:SS[.f]" (hours up to 838) with fsp digits.
func appendTime(dst, s []byte, fsp int) ([]byte, error) {
	t := s
	if len(t) > 0 && t[0] == '-' {
		t = t[1:]
	}
	h := 0
	for h < len(t) && isDigit(t[h]) {
		h++
	}
	if h < 2 || h > 3 || len(t) < h+6 || t[h] != ':' || !digitsAt(t, h+1, 2) || t[h+3] != ':' ||
		!digitsAt(t, h+4, 2) || len(t) > h+6 && t[h+6] != '.' {
		return dst, errors.New("not a TIME in [-]HH:MM:SS[.fraction] form")
	}
	return appendFrac(dst, s, fsp)
}

// normalizeFrac is appendFrac for strings (schema defaults).
func normalizeFrac(s string, fsp int) (string, error) {
	b, err := appendFrac(nil, []byte(s), fsp)
	return string(b), err
}

// appendTimestamp renders microseconds since the Unix epoch in loc as
// "YYYY-MM-DD HH:MM:SS[.f]"; 0 is MySQL's zero TIMESTAMP.
func appendTimestamp(dst []byte, micros int64, loc *time.Location, fsp int) ([]byte, error) {
	if micros < 0 {
		return dst, errors.New("TIMESTAMP before 1970-01-01")
	}
	frac := int(micros % 1_000_000)
	if fsp < 6 && frac%pow10(6-fsp) != 0 {
		return dst, errors.New("has more fractional digits than the column's precision")
	}
	if micros == 0 {
		dst = append(dst, "0000-00-00 00:00:00"...)
	} else {
		t := time.UnixMicro(micros).In(loc)
		y, mo, d := t.Date()
		hh, mm, ss := t.Clock()
		dst = append4(dst, y)
		dst = append(dst, '-')
		dst = append2(dst, int(mo))
		dst = append(dst, '-')
		dst = append2(dst, d)
		dst = append(dst, ' ')
		dst = append2(dst, hh)
		dst = append(dst, ':')
		dst = append2(dst, mm)
		dst = append(dst, ':')
		dst = append2(dst, ss)
	}
	if fsp > 0 {
		dst = append(dst, '.')
		frac /= pow10(6 - fsp)
		for i := fsp - 1; i >= 0; i-- {
			dst = append(dst, byte('0'+frac/pow10(i)%10))
		}
	}
	return dst, nil
}

// pow10 returns 10^n for small n.
func pow10(n int) int {
	p := 1
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

func append2(dst []byte, v int) []byte { return append(dst, byte('0'+v/10%10), byte('0'+v%10)) }

func append4(dst []byte, v int) []byte {
	return append(dst, byte('0'+v/1000%10), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
}
