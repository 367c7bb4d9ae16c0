//go:build integration

package upstream_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/testenv"
	"github.com/cdcctl/cdcctl/pkg/upstream"
)

func find(r *upstream.Report, name string) upstream.Check {
	for _, c := range r.Checks {
		if c.Name == name {
			return c
		}
	}
	return upstream.Check{Name: "missing " + name}
}

func TestCheckSandboxIsReady(t *testing.T) {
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, db, "CREATE DATABASE shop",
		"CREATE TABLE shop.item (id INT PRIMARY KEY)",
		"CREATE TABLE shop.log (msg TEXT)",
		"CREATE TABLE shop.uk (a INT NOT NULL, UNIQUE KEY (a))")
	r, err := upstream.Run(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Blocked() {
		t.Fatalf("sandbox blocked: %v", r.Problems(upstream.Blocker))
	}
	if len(r.Ineligible) != 1 || r.Ineligible[0] != "shop.log" {
		t.Errorf("ineligible = %v, want [shop.log]", r.Ineligible)
	}
	if c := find(r, "table keys"); c.OK || !strings.Contains(c.Detail, "shop.log") {
		t.Errorf("table keys check: %+v", c)
	}
	r, err = upstream.Run(context.Background(), db, func(db, table string) bool { return table == "item" })
	if err != nil || len(r.Ineligible) != 0 {
		t.Errorf("with a filter: ineligible = %v, err = %v", r.Ineligible, err)
	}
}

func TestCheckFindsBlockers(t *testing.T) {
	srv := testenv.MariaDB(t)
	root := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, root,
		"CREATE USER 'weak'@'127.0.0.1' IDENTIFIED BY 'pw'",
		"GRANT SELECT ON *.* TO 'weak'@'127.0.0.1'",
		"SET GLOBAL binlog_format = 'STATEMENT'",
		"SET GLOBAL binlog_row_image = 'MINIMAL'",
	)
	weak := testenv.OpenDB(t, fmt.Sprintf("weak:pw@tcp(%s)/", srv.Addr()))
	r, err := upstream.Run(context.Background(), weak, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Blocked() {
		t.Fatal("not blocked")
	}
	for _, name := range []string{"binlog_format", "binlog_row_image", "privilege REPLICATION SLAVE", "privilege REPLICATION CLIENT"} {
		if c := find(r, name); c.OK || c.Fix == "" {
			t.Errorf("%s: %+v, want a failed check with a fix", name, c)
		}
	}
	if c := find(r, "privilege SELECT"); !c.OK {
		t.Errorf("SELECT was granted: %+v", c)
	}
	if c := find(r, "binlog_format"); c.Detail != "STATEMENT" {
		t.Errorf("binlog_format detail = %q", c.Detail)
	}
}
