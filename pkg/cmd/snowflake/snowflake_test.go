package snowflake_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/app"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/snowflake/genall"
	"github.com/cdcctl/cdcctl/pkg/cmd/snowflake/shared"
	"github.com/cdcctl/cdcctl/pkg/gen/gentest"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

func ddlFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "tpcc.sql")
	if err := os.WriteFile(p, []byte(gentest.TPCCDDL), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// cdcctl runs the whole CLI and returns exit code, stdout and stderr.
func cdcctl(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	ios, _, out, errOut := iostreams.Test()
	code := app.Run(context.Background(), ios, args)
	return code, out.String(), errOut.String()
}

func TestFlags(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *shared.Options
	cmd := genall.NewCmdGenAll(factory.New(ios), func(o *shared.Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--ddl", "x.sql", "-t", "tpcc.item,tpcc.stock", "--serverless", "--schedule", "5m", "--soft-delete",
		"--database", "DB", "--schema", "R", "--landing-schema", "L", "--keep-landing-days", "3", "-o", "json", "--out-dir", "d"})
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	s := got.Snowflake
	if !s.Serverless || s.Schedule != "5 MINUTES" || !s.SoftDelete || s.Database != "DB" || s.Schema != "R" || s.LandingSchema != "L" ||
		s.KeepLandingDays != 3 || got.Out.OutDir != "d" || got.Out.Format != "json" || strings.Join(got.Source.Tables, " ") != "tpcc.item tpcc.stock" {
		t.Errorf("options = %+v", got)
	}
}

func TestGenMergeStdout(t *testing.T) {
	ddl := ddlFile(t)
	code, out, errOut := cdcctl(t, "snowflake", "gen-merge", "--ddl", ddl, "--table", "item")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want, _ := os.ReadFile("../../gen/snowflake/testdata/tpcc-merge/tpcc.item.3-merge.sql")
	if out != string(want) {
		t.Errorf("stdout differs from the golden merge:\n%s", out)
	}
	_, again, _ := cdcctl(t, "snowflake", "gen-merge", "--ddl", ddl, "--table", "item")
	if again != out {
		t.Error("second run differs")
	}
}

func TestGenAllOutDirAndJSON(t *testing.T) {
	ddl := ddlFile(t)
	dir := filepath.Join(t.TempDir(), "sf")
	code, out, errOut := cdcctl(t, "snowflake", "gen-all", "--ddl", ddl, "-t", "item,stock", "--warehouse", "WH", "--out-dir", dir, "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var files []struct{ File, Table, Kind, Name string }
	if err := json.Unmarshal([]byte(out), &files); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	entries, _ := os.ReadDir(dir)
	if len(files) != 9 || len(entries) != 9 || files[0].Kind != "grants" {
		t.Fatalf("%d files listed, %d written: %s", len(files), len(entries), out)
	}
	for _, f := range files {
		if _, err := os.Stat(f.File); err != nil {
			t.Errorf("listed %s: %v", f.File, err)
		}
	}
	code, out, _ = cdcctl(t, "snowflake", "gen-task", "--ddl", ddl, "-t", "item", "--warehouse", "WH", "-o", "yaml")
	if code != 0 || !strings.Contains(out, "kind: task") || !strings.Contains(out, "name: CDC_DB.REPLICA.MERGE_ITEM") {
		t.Errorf("yaml: %d %s", code, out)
	}
}

func TestBadInputLeavesNoFiles(t *testing.T) {
	ddl := ddlFile(t)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown table", []string{"-t", "itemz"}, 3, `no table matches "itemz"`},
		{"table without key", []string{"-t", "item,history"}, 2, "table tpcc.history has no primary key"},
		{"no warehouse", []string{"-t", "item", "--warehouse", ""}, 2, "tasks need --warehouse NAME or --serverless"},
		{"bad schedule", []string{"-t", "item", "--schedule", "sometimes"}, 2, `--schedule: schedule "sometimes"`},
		{"missing ddl file", []string{"-t", "item", "--ddl", "/nope.sql"}, 2, "--ddl /nope.sql: open /nope.sql: no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			args := append([]string{"snowflake", "gen-all", "--ddl", ddl, "--warehouse", "WH", "--out-dir", dir}, tt.args...)
			code, out, errOut := cdcctl(t, args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errOut, tt.code, tt.want)
			}
			if out != "" {
				t.Errorf("stdout on error: %q", out)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("--out-dir %s exists after a failure", dir)
			}
		})
	}
}
