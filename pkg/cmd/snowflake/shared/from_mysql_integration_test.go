//go:build integration

package shared_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/snowflake/shared"
	"github.com/cdcctl/cdcctl/pkg/gen/gentest"
	"github.com/cdcctl/cdcctl/pkg/gen/snowflake"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// TestGenAllFromMySQL runs gen-all with --from mysql:// against a
// throwaway MariaDB holding the TPC-C tables, and checks the files equal
// what the same command makes from the DDL file.
func TestGenAllFromMySQL(t *testing.T) {
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, db, "CREATE DATABASE tpcc")
	for _, stmt := range strings.Split(gentest.TPCCDDL, ";") {
		if strings.Contains(stmt, "CREATE TABLE") {
			testenv.Exec(t, db, "USE tpcc", stmt)
		}
	}
	ddl := filepath.Join(t.TempDir(), "tpcc.sql")
	if err := os.WriteFile(ddl, []byte(gentest.TPCCDDL), 0o644); err != nil {
		t.Fatal(err)
	}
	gen := func(from func(*shared.Options)) map[string]string {
		t.Helper()
		dir := filepath.Join(t.TempDir(), "out")
		ios, _, _, _ := iostreams.Test()
		o := &shared.Options{IO: ios, Kinds: snowflake.AllKinds()}
		o.Source.Getenv, o.Source.ReadFile, o.Source.TopicRule = os.Getenv, os.ReadFile, "tidb_{schema}_{table}"
		o.Source.Tables = []string{"item", "orders", "stock"}
		o.Snowflake = snowflake.Options{Database: "CDC_DB", Schema: "REPLICA", Warehouse: "WH"}
		o.Out.OutDir = dir
		from(o)
		if err := shared.Run(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			files[e.Name()] = string(b)
		}
		return files
	}
	fromDB := gen(func(o *shared.Options) { o.Source.From = srv.URL() + "/tpcc" })
	fromDDL := gen(func(o *shared.Options) { o.Source.DDL = []string{ddl} })
	if len(fromDB) != 13 { // grants + 3 tables x 4 objects
		t.Fatalf("%d files from MariaDB", len(fromDB))
	}
	for name, want := range fromDDL {
		if fromDB[name] != want {
			t.Errorf("%s differs between --from mysql and --ddl:\n%s\n---\n%s", name, fromDB[name], want)
		}
	}

	ios, _, _, _ := iostreams.Test()
	o := &shared.Options{IO: ios, Kinds: []snowflake.Kind{snowflake.KindMerge}}
	o.Source.From, o.Source.TopicRule, o.Source.Tables = srv.URL()+"/tpcc", "tidb_{schema}_{table}", []string{"itemz"}
	o.Snowflake = snowflake.Options{Database: "D", Schema: "S"}
	var nf *cmderr.NotFoundError
	if err := shared.Run(context.Background(), o); !errors.As(err, &nf) || !strings.Contains(err.Error(), `no table matches "tpcc.itemz"`) {
		t.Errorf("unknown table: err = %v", err)
	}
	o.Source.Tables = []string{"history"}
	if err := shared.Run(context.Background(), o); err == nil || !strings.Contains(err.Error(), "table tpcc.history has no primary key") {
		t.Errorf("table without key: err = %v", err)
	}
	o.Source.From = "mysql://root@127.0.0.1:1/tpcc"
	o.Source.Tables = []string{"item"}
	if err := shared.Run(context.Background(), o); err == nil || !strings.Contains(err.Error(), "mysql://127.0.0.1:1/tpcc: cannot connect") {
		t.Errorf("unreachable: err = %v", err)
	}
}
