package version

import (
	"testing"

	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
	buildinfo "github.com/cdcctl/cdcctl/pkg/version"
)

func TestFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    output.Format
		wantErr bool
	}{
		{"default is table", nil, output.Table, false},
		{"-o json", []string{"-o", "json"}, output.JSON, false},
		{"--output yaml", []string{"--output", "yaml"}, output.YAML, false},
		{"bad format", []string{"-o", "csv"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdVersion(factory.New(ios), func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if !tt.wantErr && got.Format != tt.want {
				t.Errorf("format = %q, want %q", got.Format, tt.want)
			}
		})
	}
}

func TestRun(t *testing.T) {
	info := buildinfo.Info{Version: "v1.2.3", Commit: "abc1234", Date: "2026-01-02", Go: "go1.26"}
	tests := []struct {
		format output.Format
		want   string
	}{
		{output.Table, "cdcctl v1.2.3 (commit abc1234, built 2026-01-02, go1.26)\n"},
		{output.JSON, "{\n  \"version\": \"v1.2.3\",\n  \"commit\": \"abc1234\",\n  \"date\": \"2026-01-02\",\n  \"go\": \"go1.26\"\n}\n"},
		{output.YAML, "version: v1.2.3\ncommit: abc1234\ndate: \"2026-01-02\"\ngo: go1.26\n"},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			err := run(&Options{IO: ios, Format: tt.format, Info: func() buildinfo.Info { return info }})
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != tt.want {
				t.Errorf("got %q, want %q", out.String(), tt.want)
			}
		})
	}
}
