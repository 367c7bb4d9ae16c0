package filter

import (
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
)

func TestCompareDecimals(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1.50", "1.5", 0}, {"-0.00", "0", 0}, {"-0", "0.0", 0}, {"10", "9.99", 1}, {"-10", "-9.99", -1},
		{"0.001", "0.01", -1}, {"-1", "0", -1}, {"0", "-1", 1}, {"007.10", "7.1", 0}, {"123456789012345678901234567890", "123456789012345678901234567891", -1},
		{"-0.5", "-0", -1},
	}
	for _, tt := range tests {
		if got := compareDecimals(tt.a, tt.b); got != tt.want {
			t.Errorf("compareDecimals(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestParseTimeText(t *testing.T) {
	want := packTime(2024, 1, 2, 3, 4, 5, 600000)
	for _, s := range []string{"2024-01-02 03:04:05.6", "2024/01/02T03:04:05.600000", "2024-1-2 3:4:5.60"} {
		if got, ok := parseTimeText(s); !ok || got != want {
			t.Errorf("parseTimeText(%q) = %d, %v", s, got, ok)
		}
	}
	if got, ok := parseTimeText("20240102030405"); !ok || got != packTime(2024, 1, 2, 3, 4, 5, 0) {
		t.Errorf("compact form = %d, %v", got, ok)
	}
	if got, ok := parseTimeText("20240102"); !ok || got != packTime(2024, 1, 2, 0, 0, 0, 0) {
		t.Errorf("compact date = %d, %v", got, ok)
	}
	for _, bad := range []string{"", "hello", "2024-13-01", "2024-01", "1-2-3-4-5-6-7-8"} {
		if _, ok := parseTimeText(bad); ok {
			t.Errorf("parseTimeText(%q) accepted", bad)
		}
	}
	if d, ok := parseDurationText("-838:59:59.5"); !ok || d != -((838*3600+59*60+59)*1_000_000+500000) {
		t.Errorf("parseDurationText = %d, %v", d, ok)
	}
	if _, ok := parseDurationText("12:61:00"); ok {
		t.Error("minute 61 accepted")
	}
}

func TestLike(t *testing.T) {
	tests := []struct {
		pattern, s string
		escape     rune
		ci, want   bool
	}{
		{"a%", "abc", '\\', false, true},
		{"%c", "abc", '\\', false, true},
		{"a_c", "abc", '\\', false, true},
		{"a_c", "abbc", '\\', false, false},
		{"%b%", "abc", '\\', false, true},
		{"100\\%", "100%", '\\', false, true},
		{"100\\%", "1000", '\\', false, false},
		{"a|_b", "a_b", '|', false, true},
		{"a|_b", "axb", '|', false, false},
		{"ABC", "abc", '\\', true, true},
		{"ABC", "abc", '\\', false, false},
		{"%%a%%", "bab", '\\', false, true},
		{"é_", "ÉX", '\\', true, true},
		{"", "", '\\', false, true},
		{"%", "", '\\', false, true},
		{"_", "", '\\', false, false},
	}
	for _, tt := range tests {
		if got := matchLike(compileLike(tt.pattern, tt.escape), tt.s, tt.ci); got != tt.want {
			t.Errorf("%q LIKE %q (ci %v) = %v, want %v", tt.s, tt.pattern, tt.ci, got, tt.want)
		}
	}
}

func TestColumnReadTypes(t *testing.T) {
	tb := &event.Table{Schema: "d", Name: "t", Columns: []event.Column{
		{Name: "u", Type: event.TypeLongLong, Unsigned: true},
		{Name: "b", Type: event.TypeBit},
		{Name: "s", Type: event.TypeSet, Elems: []string{"a", "b", "c"}},
		{Name: "tm", Type: event.TypeTime},
		{Name: "y", Type: event.TypeYear},
		{Name: "bin", Type: event.TypeVarchar, Binary: true},
	}}
	row := []event.Value{event.UintValue(1 << 63), event.UintValue(5), event.UintValue(5), event.StringValue("12:00:00"), event.IntValue(2024), event.BytesValue([]byte("AB"))}
	for expr, want := range map[string]bool{
		"u > 9223372036854775807": true,
		"u > -1":                  true,
		"b = 5":                   true,
		"s = 'a,c'":               true,
		"s = 5":                   true,
		"tm > '11:59:59'":         true,
		"tm = '12:00:00.000'":     true,
		"y = 2024":                true,
		"bin = 'ab'":              false,
		"bin = 'AB'":              true,
		"bin LIKE 'a%'":           false,
	} {
		f, err := New(Config{EventFilters: []EventFilterRule{{Matcher: []string{"*.*"}, IgnoreDeleteValueExpr: expr}}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.ShouldIgnoreRow(&event.RowChange{Table: tb, Op: event.OpDelete, Before: row})
		if err != nil || got != want {
			t.Errorf("%s: got %v, %v; want %v", expr, got, err, want)
		}
	}
}
