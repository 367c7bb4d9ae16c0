package examples

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseScript(t *testing.T) {
	tests := []struct {
		name    string
		md      string
		want    []command
		wantErr string
	}{
		{"export, continuation, quotes and redirect",
			"text\n```sh\nexport A='x y'\n# comment\n\ncdcctl a \\\n    --t 'p.*' > out/f.json\n```\n```go\nignored\n```\n",
			[]command{
				{Env: [2]string{"A", "x y"}, Line: "export A='x y'"},
				{Args: []string{"a", "--t", "p.*"}, Redirect: "out/f.json", Line: "cdcctl a --t 'p.*' > out/f.json"},
			}, ""},
		{"out-dir", "```sh\ncdcctl g --out-dir kit\n```\n",
			[]command{{Args: []string{"g", "--out-dir", "kit"}, OutDir: "kit", Line: "cdcctl g --out-dir kit"}}, ""},
		{"no output", "```sh\ncdcctl version\n```\n", nil, "writes neither"},
		{"unquoted glob", "```sh\ncdcctl a --t p.* > f\n```\n", nil, "unsupported shell syntax"},
		{"variables", "```sh\ncdcctl a $X > f\n```\n", nil, "unsupported shell syntax"},
		{"other program", "```sh\nmake demo\n```\n", nil, "only export and cdcctl"},
		{"redirect not last", "```sh\ncdcctl a > f --x\n```\n", nil, "> must come last"},
		{"open quote", "```sh\ncdcctl a 'b > f\n```\n", nil, "unterminated quote"},
		{"open block", "```sh\ncdcctl a > f\n", nil, "unterminated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseScript(tt.md)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}
