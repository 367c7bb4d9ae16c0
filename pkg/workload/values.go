package workload

import (
	"encoding/hex"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// SQL literals for generated values. Text goes as a hex literal with a
// character set introducer unless it is plain, so no escaping rule of the
// server's SQL mode can change it.

func textLit(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == ',' || c == '-') {
			return "_utf8mb4 X'" + hex.EncodeToString([]byte(s)) + "'"
		}
	}
	return "'" + s + "'"
}

func bytesLit(b []byte) string { return "X'" + hex.EncodeToString(b) + "'" }

// decimalLit renders unscaled / 10^scale.
func decimalLit(unscaled int64, scale int) string {
	neg := unscaled < 0
	if neg {
		unscaled = -unscaled
	}
	digits := strconv.FormatInt(unscaled, 10)
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	s := digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	if neg {
		s = "-" + s
	}
	return s
}

// nullable returns NULL one time in ten.
func nullable(r *rand.Rand, lit string) string {
	if r.IntN(10) == 0 {
		return "NULL"
	}
	return lit
}

func pick(r *rand.Rand, options ...string) string { return options[r.IntN(len(options))] }

// vocabulary mixes plain words with text that tests encodings and quoting.
func vocabulary() []string {
	return []string{"alpha", "beta", "gamma", "delta", "héllo", "中文", "🙂", "it's", `back\slash`, `"quoted"`, "tab\there", "Ω", "x"}
}

// words returns up to maxRunes runes of words.
func words(r *rand.Rand, maxRunes int) string {
	vocab := vocabulary()
	n := r.IntN(6)
	var parts []string
	runes := 0
	for i := 0; i < n; i++ {
		w := vocab[r.IntN(len(vocab))]
		wr := len([]rune(w)) + 1
		if runes+wr > maxRunes {
			break
		}
		parts = append(parts, w)
		runes += wr
	}
	return strings.Join(parts, " ")
}

func letters(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('A' + r.IntN(26))
	}
	return string(b)
}

func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.IntN(256))
	}
	return b
}

func setValue(r *rand.Rand, members ...string) string {
	var out []string
	for _, m := range members {
		if r.IntN(2) == 0 {
			out = append(out, m)
		}
	}
	return strings.Join(out, ",")
}

func jsonDoc(r *rand.Rand) string {
	return `{"n": ` + strconv.Itoa(r.IntN(1000)) + `, "s": "` + pick(r, "a", "b", "ü") + `", "l": [` +
		strconv.Itoa(r.IntN(10)) + `, null, true]}`
}

// datetimeLit is a DATETIME between 2000 and 2030 with fsp digits.
func datetimeLit(r *rand.Rand, fsp int) string {
	t := time.Unix(946684800+r.Int64N(946_080_000), 0).UTC()
	s := t.Format("2006-01-02 15:04:05")
	if fsp > 0 {
		s += "." + fraction(r, fsp)
	}
	return "'" + s + "'"
}

// timestampLit is a TIMESTAMP given as seconds since the epoch, so the
// session time zone does not matter.
func timestampLit(r *rand.Rand, fsp int) string {
	s := strconv.FormatInt(1_000_000_000+r.Int64N(1_000_000_000), 10)
	if fsp > 0 {
		s += "." + fraction(r, fsp)
	}
	return "FROM_UNIXTIME(" + s + ")"
}

func fraction(r *rand.Rand, digits int) string {
	n := 1
	for i := 0; i < digits; i++ {
		n *= 10
	}
	s := strconv.Itoa(r.IntN(n))
	return strings.Repeat("0", digits-len(s)) + s
}

func dateText(r *rand.Rand) string {
	return time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(36500)).Format("2006-01-02")
}

// timeLit is a TIME(2) within MySQL's range, sometimes negative.
func timeLit(r *rand.Rand) string {
	sign := ""
	if r.IntN(4) == 0 {
		sign = "-"
	}
	return "'" + sign + strconv.Itoa(r.IntN(839)) + ":" + pad2(r.IntN(60)) + ":" + pad2(r.IntN(60)) + "." + fraction(r, 2) + "'"
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
