package avro

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

func TestGroup(t *testing.T) {
	ddl := filepath.Join(t.TempDir(), "t.sql")
	if err := os.WriteFile(ddl, []byte("CREATE TABLE test.t (id INT PRIMARY KEY)"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		wantOut string
		wantErr string
	}{
		{"schema verb", []string{"schema", "--ddl", ddl, "--table", "test.t"}, "tidb_test_t-key\n", ""},
		{"unknown verb", []string{"bogus"}, "", `unknown command "bogus" for "avro"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			cmd := NewCmdAvro(factory.New(ios))
			cmd.SetArgs(tt.args)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(out.String(), tt.wantOut) {
				t.Errorf("output %q", out.String())
			}
		})
	}
}
