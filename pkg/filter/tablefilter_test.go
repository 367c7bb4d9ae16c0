package filter

import (
	"strings"
	"testing"
)

type tbl struct{ schema, name string }

// Vectors follow TiDB's own table-filter tests (pkg/util/table-filter).
func TestTableFilterMatch(t *testing.T) {
	tests := []struct {
		name   string
		rules  []string
		tables []tbl
		cs, ci []bool
	}{
		{"no rules", nil, []tbl{{"foo", "bar"}}, []bool{false}, []bool{false}},
		{"all", []string{"*.*"}, []tbl{{"foo", "bar"}}, []bool{true}, []bool{true}},
		{"schema", []string{"foo.*"}, []tbl{{"foo", "bar"}, {"foo1", "bar"}}, []bool{true, false}, []bool{true, false}},
		{"exclusion", []string{"*.*", "!foo1.*"}, []tbl{{"foo", "bar"}, {"foo1", "bar"}, {"foo2", "bar"}}, []bool{true, false, true}, []bool{true, false, true}},
		{"exclude one table", []string{"*.*", "!foo.bar"}, []tbl{{"foo", "bar"}, {"foo", "bar1"}}, []bool{false, true}, []bool{false, true}},
		{"regex parts", []string{"/^foo/.*", `!/^foo/./^sbtest-\d/`}, []tbl{{"foo", "sbtest"}, {"foo1", "sbtest-1"}, {"fff", "bar"}}, []bool{true, false, false}, []bool{true, false, false}},
		{"escapes and classes", []string{"*.*", "!foo[bar].*", "!bar?.*", `!special\\.*`},
			[]tbl{{"foor", "a"}, {"foo[bar]", "b"}, {"ba", "c"}, {"bar?", "d"}, {`special\`, "e"}, {`special\\`, "f"}, {"bazzz", "g"}, {`special\$`, "h"}, {"afooa", "i"}},
			[]bool{false, true, true, false, false, true, true, true, true}, []bool{false, true, true, false, false, true, true, true, true}},
		{"case folding", []string{"*.*", "!/^FOO/.*", "!*./FoO$/"}, []tbl{{"FOO1", "a"}, {"foo2", "b"}, {"BoO3", "cFoO"}, {"Foo4", "dfoo"}, {"5", "5"}},
			[]bool{false, true, false, true, true}, []bool{false, false, false, false, true}},
		{"regex is a substring match", []string{"*.*", "!a?b?./f[0-9]/"}, []tbl{{"abbd", "f1"}, {"aaaa", "f2"}, {"abbc", "fa"}}, []bool{false, true, true}, []bool{false, true, true}},
		{"question marks", []string{"*.*", "!/t[0-8]/.a??"}, []tbl{{"t1", "a01"}, {"t9", "a02"}, {"t8", "a001"}}, []bool{false, true, true}, []bool{false, true, true}},
		{"literal upper", []string{"BAR.*"}, []tbl{{"bar", "a"}, {"BAR", "a"}}, []bool{false, true}, []bool{true, true}},
		{"comments and blanks", []string{"# comment", "x.y", "   \t"}, []tbl{{"x", "y"}, {"y", "y"}}, []bool{true, false}, []bool{true, false}},
		{"dollar and unicode", []string{"p_123$.45", "中文.表名"}, []tbl{{"p_123", "45"}, {"p_123$", "45"}, {"英文", "表名"}, {"中文", "表名"}}, []bool{false, true, false, true}, []bool{false, true, false, true}},
		{"escaped backslash dot", []string{`\\\..*`}, []tbl{{`\.`, "a"}, {`\\\.`, "b"}, {`\a`, "c"}}, []bool{true, false, false}, []bool{true, false, false}},
		{"negated class and caret", []string{"[!a-z].[^a-z]"}, []tbl{{"!", "z"}, {"!", "^"}, {"!", "9"}, {"a", "z"}, {"1", "z"}, {"1", "^"}, {"1", "9"}},
			[]bool{true, true, false, false, true, true, false}, []bool{true, true, false, false, true, true, false}},
		{"quoted identifiers", []string{"\"some \"\"quoted\"\"\".`identifiers?`"},
			[]tbl{{`some "quoted"`, "identifiers?"}, {`some "quoted"`, "identifiers!"}, {`some ""quoted""`, "identifiers?"}, {`SOME "QUOTED"`, "IDENTIFIERS?"}},
			[]bool{true, false, false, false}, []bool{true, false, false, true}},
		{"last match wins", []string{"db*.*", "!*.cfg*", "*.cfgsample"}, []tbl{{"irrelevant", "table"}, {"db1", "tbl1"}, {"db1", "cfg1"}, {"db1", "cfgsample"}, {"else", "cfgsample"}},
			[]bool{false, true, false, true, true}, []bool{false, true, false, true, true}},
		{"negated range", []string{"*.*", "!S.D[!a-d]"}, []tbl{{"S", "D1"}, {"S", "Da"}, {"S", "Daa"}}, []bool{false, true, true}, []bool{false, true, true}},
		{"only exclusions match nothing", []string{"!a.b"}, []tbl{{"a", "b"}, {"c", "d"}}, []bool{false, false}, []bool{false, false}},
		{"backtick doubled", []string{"`a``b`.t"}, []tbl{{"a`b", "t"}}, []bool{true}, []bool{true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := ParseTableFilter(tt.rules, true)
			if err != nil {
				t.Fatal(err)
			}
			ci, err := ParseTableFilter(tt.rules, false)
			if err != nil {
				t.Fatal(err)
			}
			for i, tb := range tt.tables {
				if got := cs.MatchTable(tb.schema, tb.name); got != tt.cs[i] {
					t.Errorf("case-sensitive %s.%s = %v, want %v", tb.schema, tb.name, got, tt.cs[i])
				}
				if got := ci.MatchTable(tb.schema, tb.name); got != tt.ci[i] {
					t.Errorf("case-insensitive %s.%s = %v, want %v", tb.schema, tb.name, got, tt.ci[i])
				}
			}
		})
	}
}

func TestTableFilterMatchSchema(t *testing.T) {
	tests := []struct {
		name    string
		rules   []string
		schemas []string
		cs, ci  []bool
	}{
		{"schema rule", []string{"foo.*"}, []string{"foo", "foo1"}, []bool{true, false}, []bool{true, false}},
		{"table rule counts for its schema", []string{"foo.bar1"}, []string{"foo", "foo1"}, []bool{true, false}, []bool{true, false}},
		{"table exclusion keeps the schema", []string{"*.*", "!foo.bar"}, []string{"foo", "foo1"}, []bool{true, true}, []bool{true, true}},
		{"schema exclusion", []string{"*.*", "!FOO*.*", "!*.*FoO"}, []string{"foo", "FOO", "foobar", "bar"}, []bool{true, false, true, true}, []bool{false, false, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, _ := ParseTableFilter(tt.rules, true)
			ci, _ := ParseTableFilter(tt.rules, false)
			for i, s := range tt.schemas {
				if got := cs.MatchSchema(s); got != tt.cs[i] {
					t.Errorf("cs %s = %v", s, got)
				}
				if got := ci.MatchSchema(s); got != tt.ci[i] {
					t.Errorf("ci %s = %v", s, got)
				}
			}
		})
	}
}

func TestTableFilterErrors(t *testing.T) {
	tests := []struct{ rule, want string }{
		{"/^t[0-9]+((?!_copy).)*$/.*", "invalid pattern: error parsing regexp: invalid or unsupported Perl syntax"},
		{"a.b.c", "syntax error: stray characters after table pattern"},
		{"a%b.c", "unexpected special character '%'"},
		{`a\tb.c`, `cannot escape a letter or number (\t), it is reserved for future extension`},
		{"[].*", "syntax error: failed to parse character class"},
		{"[.*", "syntax error: failed to parse character class"},
		{`[\d\D].*`, "syntax error: failed to parse character class"},
		{"db", "wrong table pattern"},
		{"db.", "missing pattern"},
		{"`db`*.*", "syntax error: missing '.' between schema and table patterns"},
		{"/db.*", "syntax error: incomplete regexp"},
		{"`db.*", "syntax error: incomplete quoted identifier"},
		{`"db.*`, "syntax error: incomplete quoted identifier"},
		{`db\`, `syntax error: cannot place \ at end of line`},
		{"db.tbl#not comment", "unexpected special character '#'"},
		{"@rules.txt", "importing filter files (@file) is not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			_, err := ParseTableFilter([]string{"*.*", tt.rule}, false)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
			want := "table filter[1] "
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q does not start with %q", err, want)
			}
		})
	}
}

func TestColumnFilter(t *testing.T) {
	tests := []struct {
		name     string
		patterns []string
		columns  map[string]bool
	}{
		{"list", []string{"a", "b"}, map[string]bool{"a": true, "B": true, "c": false}},
		{"all but", []string{"*", "!b"}, map[string]bool{"a": true, "b": false, "B": false, "bb": true}},
		{"wildcards", []string{"col?", "x*"}, map[string]bool{"col1": true, "col12": false, "xyz": true, "COL2": true}},
		{"empty keeps nothing", nil, map[string]bool{"a": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseColumnFilter(tt.patterns)
			if err != nil {
				t.Fatal(err)
			}
			for c, want := range tt.columns {
				if got := f.MatchColumn(c); got != want {
					t.Errorf("MatchColumn(%q) = %v, want %v", c, got, want)
				}
			}
		})
	}
	if _, err := ParseColumnFilter([]string{"a.b"}); err == nil || err.Error() != `columns[0] "a.b": unexpected special character '.'` {
		t.Errorf("error = %v", err)
	}
}
