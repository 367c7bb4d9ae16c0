package ksqldb_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/app"
	"github.com/cdcctl/cdcctl/pkg/gen/gentest"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

func cdcctl(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	ios, _, out, errOut := iostreams.Test()
	code := app.Run(context.Background(), ios, args)
	return code, out.String(), errOut.String()
}

func TestGen(t *testing.T) {
	ddl := filepath.Join(t.TempDir(), "tpcc.sql")
	if err := os.WriteFile(ddl, []byte(gentest.TPCCDDL), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cdcctl(t, "ksqldb", "gen", "--ddl", ddl, "--table", "orders")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	stream, _ := os.ReadFile("../../gen/ksqldb/testdata/tpcc-infer/tpcc.orders.stream.sql")
	table, _ := os.ReadFile("../../gen/ksqldb/testdata/tpcc-infer/tpcc.orders.table.sql")
	if out != string(stream)+"\n"+string(table) {
		t.Errorf("stdout differs from the golden files:\n%s", out)
	}
	code, out, _ = cdcctl(t, "ksqldb", "gen", "--ddl", ddl, "--table", "item", "--columns", "explicit", "--objects", "table",
		"--name", "items", "--avro-decimal-handling-mode", "string")
	if code != 0 || !strings.Contains(out, "CREATE SOURCE TABLE IF NOT EXISTS ITEMS (") || !strings.Contains(out, "I_PRICE STRING") || strings.Contains(out, "CREATE STREAM") {
		t.Errorf("explicit: %d\n%s", code, out)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--table", "nope"}, 3, `no table matches "nope"`},
		{[]string{"--table", "history"}, 2, "table tpcc.history has no primary key"},
		{[]string{"--table", "item", "--columns", "some"}, 2, `--columns: want infer or explicit`},
		{[]string{"--table", "item", "--objects", "view"}, 2, "--objects: want stream, table"},
		{[]string{"--table", "item", "--key-format", "NONE"}, 2, "a ksqlDB TABLE needs its key"},
		{[]string{"--table", "item,stock", "--name", "x"}, 2, "--name names one table, but 2 matched"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := cdcctl(t, append([]string{"ksqldb", "gen", "--ddl", ddl}, tt.args...)...)
			if code != tt.code || !strings.Contains(errOut, tt.want) || out != "" {
				t.Errorf("exit %d stdout %q stderr %q; want %d and %q", code, out, errOut, tt.code, tt.want)
			}
		})
	}
}
