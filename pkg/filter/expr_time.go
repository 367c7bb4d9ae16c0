package filter

import (
	"time"
)

// packTime packs a date-time into an int64 that orders like the date-time.
func packTime(y, mo, d, h, mi, s, us int64) int64 {
	return (((((y*13+mo)*32+d)*24+h)*60+mi)*60+s)*1_000_000 + us
}

// packTimestamp packs a TIMESTAMP value (microseconds since the epoch, 0
// for the zero timestamp) as seen in loc.
func packTimestamp(micros int64, loc *time.Location) int64 {
	if micros == 0 {
		return 0
	}
	t := time.UnixMicro(micros).In(loc)
	return packTime(int64(t.Year()), int64(t.Month()), int64(t.Day()),
		int64(t.Hour()), int64(t.Minute()), int64(t.Second()), int64(t.Nanosecond()/1000))
}

// parseTimeText reads the date-time forms MySQL accepts in comparisons:
// numbers separated by any punctuation ("2024-01-02", "2024/1/2 3:04:05.6",
// "2024-01-02T03:04:05"), or the compact YYYYMMDD and YYYYMMDDhhmmss.
func parseTimeText(s string) (int64, bool) {
	var parts [7]int64
	var widths [7]int
	n := 0
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		if n == len(parts) {
			return 0, false
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i > 14 {
			return 0, false
		}
		parts[n], widths[n] = atoi(s[i:j]), j-i
		n++
		i = j
	}
	if n == 1 && (widths[0] == 8 || widths[0] == 14) {
		return splitCompact(s), true
	}
	if n != 3 && n != 5 && n != 6 && n != 7 {
		return 0, false
	}
	if n == 7 {
		parts[6] = fraction(parts[6], widths[6])
	}
	y, mo, d, h, mi, sec := parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]
	if mo > 12 || d > 31 || h > 23 || mi > 59 || sec > 59 {
		return 0, false
	}
	return packTime(y, mo, d, h, mi, sec, parts[6]), true
}

func splitCompact(s string) int64 {
	digits := make([]byte, 0, 14)
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			digits = append(digits, s[i])
		}
	}
	get := func(from, to int) int64 {
		if to > len(digits) {
			return 0
		}
		return atoi(string(digits[from:to]))
	}
	return packTime(get(0, 4), get(4, 6), get(6, 8), get(8, 10), get(10, 12), get(12, 14), 0)
}

// parseDurationText reads a TIME value "[-]H…H:MM:SS[.ffffff]" into
// microseconds.
func parseDurationText(s string) (int64, bool) {
	neg := false
	if len(s) > 0 && s[0] == '-' {
		neg, s = true, s[1:]
	}
	var parts [4]int64
	var widths [4]int
	n := 0
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j == i || n == len(parts) || j-i > 9 {
			return 0, false
		}
		parts[n], widths[n] = atoi(s[i:j]), j-i
		n++
		if j < len(s) && s[j] != ':' && s[j] != '.' {
			return 0, false
		}
		i = j + 1
	}
	if n < 3 || parts[1] > 59 || parts[2] > 59 {
		return 0, false
	}
	us := ((parts[0]*60+parts[1])*60+parts[2])*1_000_000 + fraction(parts[3], widths[3])
	if neg {
		us = -us
	}
	return us, true
}

// fraction scales a fractional-seconds digit string to microseconds.
func fraction(v int64, width int) int64 {
	for ; width < 6; width++ {
		v *= 10
	}
	for ; width > 6; width-- {
		v /= 10
	}
	return v
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func atoi(s string) int64 {
	var n int64
	for i := 0; i < len(s); i++ {
		n = n*10 + int64(s[i]-'0')
	}
	return n
}
