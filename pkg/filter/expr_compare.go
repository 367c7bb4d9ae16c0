package filter

import (
	"cmp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// compare orders a and b with MySQL's comparison rules, simplified:
// temporal values compare as date-times (a string side is parsed), two
// strings compare under the column's collation, integers and decimals
// compare exactly, anything else compares as float64. ok is false when
// either side is NULL.
func compare(a, b value) (c int, ok bool) {
	if a.k == vNull || b.k == vNull {
		return 0, false
	}
	a, b = resolveEnum(a, b), resolveEnum(b, a)
	switch {
	case a.k == vTime || b.k == vTime:
		if x, y, ok := asTimes(a, b); ok {
			return cmp.Compare(x, y), true
		}
	case a.k == vDuration || b.k == vDuration:
		if x, y, ok := asDurations(a, b); ok {
			return cmp.Compare(x, y), true
		}
	}
	switch {
	case isText(a) && isText(b):
		return compareStrings(a.s, b.s, collation(a, b)), true
	case isInt(a) && isInt(b):
		return compareInts(a, b), true
	case isExact(a) && isExact(b):
		return compareDecimals(decimalText(a), decimalText(b)), true
	}
	return cmpFloat(toFloat(a), toFloat(b)), true
}

// resolveEnum turns an ENUM or SET into its name when the other side is a
// string, else into its number.
func resolveEnum(v, other value) value {
	if v.k != vEnum && v.k != vSet {
		return v
	}
	if other.k == vString || other.k == vEnum || other.k == vSet {
		return value{k: vString, ci: v.ci, s: v.s}
	}
	if v.k == vEnum {
		return value{k: vInt, i: v.i}
	}
	return value{k: vUint, u: v.u}
}

func isText(v value) bool  { return v.k == vString }
func isInt(v value) bool   { return v.k == vInt || v.k == vUint }
func isExact(v value) bool { return isInt(v) || v.k == vDecimal }

// collation picks the collation of a comparison: a column's wins over a
// literal's; two literals compare case-insensitively (the default
// collation); two columns compare case-insensitively only if both are _ci.
func collation(a, b value) int8 {
	switch {
	case a.ci == ciLiteral && b.ci == ciLiteral:
		return ciYes
	case a.ci == ciLiteral:
		return b.ci
	case b.ci == ciLiteral:
		return a.ci
	case a.ci == ciYes && b.ci == ciYes:
		return ciYes
	}
	return ciNo
}

func compareStrings(a, b string, ci int8) int {
	if ci != ciYes {
		return strings.Compare(a, b)
	}
	a, b = strings.TrimRight(a, " "), strings.TrimRight(b, " ")
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			la, lb := unicode.ToLower(ra), unicode.ToLower(rb)
			if la != lb {
				return cmp.Compare(int64(la), int64(lb))
			}
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(int64(len(a)), int64(len(b)))
}

func compareInts(a, b value) int {
	switch {
	case a.k == vInt && b.k == vInt:
		return cmp.Compare(a.i, b.i)
	case a.k == vUint && b.k == vUint:
		return cmp.Compare(a.u, b.u)
	case a.k == vInt: // b unsigned
		if a.i < 0 {
			return -1
		}
		return cmp.Compare(uint64(a.i), b.u)
	}
	if b.i < 0 { // a unsigned, b signed
		return 1
	}
	return cmp.Compare(a.u, uint64(b.i))
}

func decimalText(v value) string {
	switch v.k {
	case vInt:
		return strconv.FormatInt(v.i, 10)
	case vUint:
		return strconv.FormatUint(v.u, 10)
	}
	return v.s
}

// compareDecimals compares two decimal texts exactly ("-12.340" = "-12.34").
func compareDecimals(a, b string) int {
	na, ia, fa := splitDecimal(a)
	nb, ib, fb := splitDecimal(b)
	na = na && (ia != "" || fa != "") // -0 is 0
	nb = nb && (ib != "" || fb != "")
	switch {
	case na && !nb:
		return -1
	case nb && !na:
		return 1
	}
	c := cmp.Compare(int64(len(ia)), int64(len(ib)))
	if c == 0 {
		c = strings.Compare(ia, ib)
	}
	if c == 0 {
		c = strings.Compare(fa, fb) // trailing zeros are trimmed, so plain order works
	}
	if na {
		return -c
	}
	return c
}

// splitDecimal splits a decimal text into sign, integer digits without
// leading zeros and fraction digits without trailing zeros.
func splitDecimal(s string) (neg bool, intPart, frac string) {
	s = strings.TrimSpace(s)
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	intPart, frac, _ = strings.Cut(s, ".")
	return neg, strings.TrimLeft(intPart, "0"), strings.TrimRight(frac, "0")
}

// toFloat converts a value to float64 the way MySQL does for mixed
// comparisons: strings by their longest numeric prefix ("12abc" → 12).
func toFloat(v value) float64 {
	switch v.k {
	case vInt, vEnum:
		return float64(v.i)
	case vUint, vSet:
		return float64(v.u)
	case vFloat:
		return v.f
	case vTime:
		return float64(unpackNumber(v.i))
	case vDuration:
		return float64(v.i) / 1e6
	}
	return parseFloatPrefix(v.s)
}

// unpackNumber renders a packed date-time as MySQL's number form
// YYYYMMDDhhmmss.
func unpackNumber(p int64) int64 {
	p /= 1_000_000
	s := p % 60
	p /= 60
	mi := p % 60
	p /= 60
	h := p % 24
	p /= 24
	d := p % 32
	p /= 32
	mo := p % 13
	y := p / 13
	return ((((y*100+mo)*100+d)*100+h)*100+mi)*100 + s
}

func parseFloatPrefix(s string) float64 {
	s = strings.TrimLeft(s, " \t\n")
	end, digits := 0, false
	if end < len(s) && (s[end] == '+' || s[end] == '-') {
		end++
	}
	for end < len(s) && isDigit(s[end]) {
		end, digits = end+1, true
	}
	if end < len(s) && s[end] == '.' {
		end++
		for end < len(s) && isDigit(s[end]) {
			end, digits = end+1, true
		}
	}
	if digits && end < len(s) && (s[end] == 'e' || s[end] == 'E') {
		e := end + 1
		if e < len(s) && (s[e] == '+' || s[e] == '-') {
			e++
		}
		if e < len(s) && isDigit(s[e]) {
			for e < len(s) && isDigit(s[e]) {
				e++
			}
			end = e
		}
	}
	if !digits {
		return 0
	}
	f, _ := strconv.ParseFloat(s[:end], 64)
	return f
}

// asTimes converts both sides to packed date-times; a string that does not
// read as a date-time makes the comparison fall back to other rules.
func asTimes(a, b value) (int64, int64, bool) {
	x, ok1 := timeOf(a)
	y, ok2 := timeOf(b)
	return x, y, ok1 && ok2
}

func timeOf(v value) (int64, bool) {
	switch v.k {
	case vTime:
		return v.i, true
	case vString, vDecimal:
		return parseTimeText(v.s)
	case vInt, vUint:
		return parseTimeText(decimalText(v))
	}
	return 0, false
}

func asDurations(a, b value) (int64, int64, bool) {
	x, ok1 := durationOf(a)
	y, ok2 := durationOf(b)
	return x, y, ok1 && ok2
}

func durationOf(v value) (int64, bool) {
	switch v.k {
	case vDuration:
		return v.i, true
	case vString:
		return parseDurationText(v.s)
	}
	return 0, false
}

// cmpFloat is cmp.Compare but for NaN, which compares equal to anything.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
