//go:build integration

package tpcc_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/app"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// cdcctl runs the command line in-process, as the binary would.
func cdcctl(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	start := time.Now()
	code = app.Run(context.Background(), ios, args)
	t.Logf("cdcctl %s: exit %d in %s", strings.Join(args, " "), code, time.Since(start).Round(time.Millisecond))
	return code, out.String(), errOut.String()
}

func count(t *testing.T, db *sql.DB, query string) int64 {
	t.Helper()
	var n sql.NullInt64
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n.Int64
}

type prepareView struct {
	Target     string `json:"target"`
	Warehouses int    `json:"warehouses"`
	HistoryKey bool   `json:"history_key"`
	Tables     []struct {
		Table string `json:"table"`
		Rows  int64  `json:"rows"`
	} `json:"tables"`
}

type runView struct {
	TpmC         float64 `json:"tpmC"`
	Transactions int64   `json:"transactions"`
	Errors       int64   `json:"errors"`
	Interrupted  bool    `json:"interrupted"`
	Types        []struct {
		Type   string `json:"type"`
		Count  int64  `json:"count"`
		Errors int64  `json:"errors"`
	} `json:"per_type"`
}

func decode(t *testing.T, stdout string, v any) {
	t.Helper()
	// The whole of stdout must be the view: go-tpc's own printing must not
	// reach it.
	if err := json.Unmarshal([]byte(stdout), v); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, stdout)
	}
}

// TestPrepareRunCleanup loads one warehouse into a throwaway MariaDB with
// go-tpc, checks every table against what go-tpc loads, runs 200
// transactions, reloads with a keyed history table and drops everything.
func TestPrepareRunCleanup(t *testing.T) {
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN("tpcc"))
	port := strconv.Itoa(srv.Port())
	conn := []string{"-H", "127.0.0.1", "-P", port, "-U", "root", "-D", "tpcc"}

	code, stdout, stderr := cdcctl(t, append([]string{"bench", "tpcc", "run", "--count", "1"}, conn...)...)
	if code != 3 || !strings.Contains(stderr, `database "tpcc" does not exist`) {
		t.Fatalf("run before prepare: exit %d, stderr %q", code, stderr)
	}

	code, stdout, stderr = cdcctl(t, append([]string{"bench", "tpcc", "prepare", "--warehouses", "1", "--threads", "2", "-o", "json"}, conn...)...)
	if code != 0 {
		t.Fatalf("prepare: exit %d\n%s", code, stderr)
	}
	var pv prepareView
	decode(t, stdout, &pv)
	if !strings.Contains(stderr, "prepare: loaded ") {
		t.Errorf("stderr has no final progress line:\n%s", stderr)
	}
	want := map[string]int64{"item": 100000, "warehouse": 1, "stock": 100000, "district": 10, "customer": 30000,
		"history": 30000, "orders": 30000, "new_order": 9000}
	if len(pv.Tables) != 9 {
		t.Fatalf("prepare view lists %d tables, want 9: %+v", len(pv.Tables), pv.Tables)
	}
	for _, tb := range pv.Tables {
		got := count(t, db, "SELECT COUNT(*) FROM "+tb.Table)
		if got != tb.Rows {
			t.Errorf("%s: view says %d rows, table has %d", tb.Table, tb.Rows, got)
		}
		if w, ok := want[tb.Table]; ok && got != w {
			t.Errorf("%s: %d rows, want %d", tb.Table, got, w)
		}
	}
	lines := count(t, db, "SELECT COUNT(*) FROM order_line")
	if sum := count(t, db, "SELECT SUM(o_ol_cnt) FROM orders"); lines != sum || lines < 150000 || lines > 450000 {
		t.Errorf("order_line: %d rows, orders' o_ol_cnt sum to %d (want equal, 5-15 per order)", lines, sum)
	}
	// Finding: go-tpc gives every table a primary key except history.
	keyless := count(t, db, `SELECT COUNT(*) FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = 'tpcc' AND NOT EXISTS
		(SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY')`)
	historyKeys := count(t, db, `SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = 'tpcc' AND TABLE_NAME = 'history' AND CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE')`)
	if keyless != 1 || historyKeys != 0 {
		t.Errorf("tables without a primary key = %d (want 1, history), history keys = %d", keyless, historyKeys)
	}

	code, _, stderr = cdcctl(t, append([]string{"bench", "tpcc", "prepare", "--warehouses", "1"}, conn...)...)
	if code != 1 || !strings.Contains(stderr, "already holds rows") {
		t.Errorf("prepare over loaded tables: exit %d, stderr %q", code, stderr)
	}

	orders := count(t, db, "SELECT COUNT(*) FROM orders")
	// --upstream fills host, port and user.
	code, stdout, stderr = cdcctl(t, "bench", "tpcc", "run", "--upstream", srv.URL(), "-D", "tpcc", "--threads", "2", "--count", "200", "-o", "json")
	if code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	var rv runView
	decode(t, stdout, &rv)
	var newOrders, sum int64
	for _, ty := range rv.Types {
		sum += ty.Count + ty.Errors
		if ty.Type == "new_order" {
			newOrders = ty.Count
		}
	}
	if rv.TpmC <= 0 || rv.Transactions+rv.Errors != 200 || sum != 200 || newOrders == 0 || rv.Interrupted {
		t.Errorf("run summary: %+v", rv)
	}
	grown := count(t, db, "SELECT COUNT(*) FROM orders") - orders
	// 1% of new orders roll back on purpose (TPC-C 2.4.1.4).
	if grown <= 0 || grown > newOrders || grown < newOrders-max(5, newOrders/10) {
		t.Errorf("orders grew by %d after %d new orders", grown, newOrders)
	}

	code, stdout, stderr = cdcctl(t, append([]string{"bench", "tpcc", "prepare", "--warehouses", "1", "--threads", "2",
		"--dropdata", "--history-key", "-o", "json"}, conn...)...)
	if code != 0 {
		t.Fatalf("prepare --dropdata --history-key: exit %d\n%s", code, stderr)
	}
	decode(t, stdout, &pv)
	if !pv.HistoryKey || count(t, db, "SELECT COUNT(*) FROM history") != 30000 || count(t, db, "SELECT COUNT(*) FROM orders") != 30000 {
		t.Errorf("reload: %+v", pv)
	}
	pk := count(t, db, `SELECT COUNT(*) FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = 'tpcc' AND TABLE_NAME = 'history' AND CONSTRAINT_NAME = 'PRIMARY' AND COLUMN_NAME = 'h_id'`)
	if pk != 1 {
		t.Errorf("history has no primary key h_id after --history-key")
	}
	history := count(t, db, "SELECT COUNT(*) FROM history")
	code, _, stderr = cdcctl(t, append([]string{"bench", "tpcc", "run", "--count", "100"}, conn...)...)
	if code != 0 || count(t, db, "SELECT COUNT(*) FROM history") <= history {
		t.Errorf("run on keyed history: exit %d, history did not grow\n%s", code, stderr)
	}

	code, stdout, stderr = cdcctl(t, append([]string{"bench", "tpcc", "cleanup", "-o", "json"}, conn...)...)
	if code != 0 {
		t.Fatalf("cleanup: exit %d\n%s", code, stderr)
	}
	var cv struct {
		Dropped []string `json:"dropped"`
	}
	decode(t, stdout, &cv)
	if len(cv.Dropped) != 9 || count(t, db, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'tpcc'") != 0 {
		t.Errorf("cleanup dropped %v; tables left: %d", cv.Dropped, count(t, db, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'tpcc'"))
	}
}
