package dispatch

import (
	"strings"
	"testing"
)

// Cases follow TiCDC's topic expression tests.
func TestTopicExpression(t *testing.T) {
	tests := []struct {
		name, expr, schema, table string
		want                      string // "" means invalid
	}{
		{"schema only", "{schema}", "abc", "", "abc"},
		{"prefix", "abc{schema}", "def", "", "abcdef"},
		{"suffix", "{schema}def", "hello", "", "hellodef"},
		{"prefix and suffix", "abc{schema}def", "hello", "", "abchellodef"},
		{"case is kept", "abc{schema}", "DEF", "", "abcDEF"},
		{"special prefix", "abc._-def{schema}abc", "HELLO", "", "abc._-defHELLOabc"},
		{"disallowed chars replaced", "abc_def{schema}", "!@#$%^&*()_+.{}", "", "abc_def____________.__"},
		{"unicode is one underscore per character", "abc{schema}def", "你好", "", "abc__def"},
		{"schema and table", "{schema}_{table}", "hello", "world", "hello_world"},
		{"upper case names", "{schema}_{table}", "HELLO", "WORLD", "HELLO_WORLD"},
		{"table chars replaced", "{schema}_{table}", "hello", "!@#$%^&*", "hello_________"},
		{"schema chars replaced", "{schema}_{table}", "()_+.{}", "world", "____.___world"},
		{"both with affixes", "ab.-c_{schema}_{table}_de.-f", "hello", "WORLD", "ab.-c_hello_WORLD_de.-f"},
		{"middle", "abc_{schema}de._-{table}_fhi", "hello", "world", "abc_hellode._-world_fhi"},
		{"unicode both", "{schema}_{table}", "你好", "世界", "_____"},
		{"table only", "prefix_{table}", "test", "table1", "prefix_table1"},
		{"schema optional", "prefix_{schema}", "test", "abc", "prefix_test"},
		{"dot", "{schema}", ".", "", "_"},
		{"dot dot", "{schema}", "..", "", "__"},
		{"guide rule", "tidb_{schema}_{table}", "tpcc", "order_line", "tidb_tpcc_order_line"},
		{"truncated to 249", "{schema}_{table}", strings.Repeat("s", 200), strings.Repeat("t", 100), strings.Repeat("s", 200) + "_" + strings.Repeat("t", 48)},
		{"invalid utf8 byte", "{schema}", "a\xffb", "", "a_b"},
		{"braces prefix", "{{{{schema}", "abc", "", ""},
		{"unicode prefix", "你好{schema}", "world", "", ""},
		{"braces suffix", "{schema}}}}}", "abc", "", ""},
		{"unknown placeholder", "{xxx}", "abc", "", ""},
		{"partial placeholder", "abc{sch}", "def", "", ""},
		{"bad placeholders", "{sch}_{tab}", "hello", "world", ""},
		{"bad middle", "{schema}!@#$%^&*()+{}你好{table}", "hello", "world", ""},
		{"table before schema", "{table}_{schema}", "a", "b", ""},
		{"schema twice", "{schema}_{schema}", "a", "b", ""},
		{"upper-case placeholder", "{SCHEMA}", "a", "", ""},
		{"percent", "%invalid{schema}", "a", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateTopicExpression(tt.expr, false)
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), "invalid topic expression") || !strings.Contains(err.Error(), tt.expr) {
					t.Fatalf("error = %v, want an invalid topic expression error naming %q", err, tt.expr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := SubstituteTopic(tt.expr, tt.schema, tt.table); got != tt.want {
				t.Errorf("SubstituteTopic = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTopicExpressionAvro(t *testing.T) {
	for expr, ok := range map[string]bool{
		"tidb_{schema}_{table}": true,
		"{schema}{table}":       true,
		"{schema}.x.{table}-y":  true,
		"{schema}":              false,
		"prefix_{table}":        false,
		"{table}_{schema}":      false,
		"%invalid{schema}":      false,
	} {
		err := ValidateTopicExpression(expr, true)
		if ok != (err == nil) {
			t.Errorf("ValidateTopicExpression(%q, avro) = %v", expr, err)
		}
		if err != nil && !strings.Contains(err.Error(), "Avro") && expr != "%invalid{schema}" {
			t.Errorf("Avro error %q does not mention Avro", err)
		}
	}
}

func TestIsLiteralTopic(t *testing.T) {
	for s, want := range map[string]bool{"abc": true, "a.b-c_d": true, "": false, "a{schema}": false, "a b": false, "中": false} {
		if got := IsLiteralTopic(s); got != want {
			t.Errorf("IsLiteralTopic(%q) = %v", s, got)
		}
	}
}
