package event

import "fmt"

// ParseTimestampUTC reads TIMESTAMP text "YYYY-MM-DD HH:MM:SS[.ffffff]" in
// UTC as microseconds since the Unix epoch, the form Value carries for
// TIMESTAMP columns. The zero timestamp maps to 0, which no real TIMESTAMP
// can be (their range starts at 1970-01-01 00:00:01 UTC).
func ParseTimestampUTC(s string) (int64, error) {
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':' {
		return 0, fmt.Errorf("bad TIMESTAMP text %q", s)
	}
	num := func(a, b int) int64 {
		var n int64
		for i := a; i < b; i++ {
			n = n*10 + int64(s[i]-'0')
		}
		return n
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && i != 4 && i != 7 && i != 10 && i != 13 && i != 16 && i != 19 {
			return 0, fmt.Errorf("bad TIMESTAMP text %q", s)
		}
	}
	y, mo, d := num(0, 4), num(5, 7), num(8, 10)
	if y == 0 && mo == 0 && d == 0 {
		return 0, nil
	}
	var frac int64
	if len(s) > 20 && s[19] == '.' {
		digits := s[20:]
		frac = num(20, len(s))
		for i := len(digits); i < 6; i++ {
			frac *= 10
		}
	}
	days := daysFromCivil(y, mo, d)
	secs := days*86400 + num(11, 13)*3600 + num(14, 16)*60 + num(17, 19)
	return secs*1_000_000 + frac, nil
}

// daysFromCivil returns days since 1970-01-01 of a proleptic Gregorian date
// (Howard Hinnant's algorithm), without time.Date's allocation-free but
// slower normalisation.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
