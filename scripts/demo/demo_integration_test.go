//go:build integration

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDemo runs `make demo`'s flow headless, with a short TPC-C run, on
// the real binary, and checks its outcome: every TPC-C table with a key has
// its topic, each topic holds one message per row change in the upstream's
// binlog, the records decode, pkg/verify finds Kafka equal to MariaDB with
// every key in commit order, and nothing is left running or on disk.
func TestDemo(t *testing.T) {
	// The nine tables go-tpc creates; history has no key in go-tpc's schema.
	tables := []string{"customer", "district", "history", "item", "new_order", "order_line", "orders", "stock", "warehouse"}
	unkeyed := []string{"tpcc.history"}
	bin := buildCdcctl(t)
	var out, log bytes.Buffer
	start := time.Now()
	res, err := Run(t.Context(), Config{Bin: bin, ChangefeedConf: "../../examples/changefeed.conf",
		Warehouses: 1, RunCount: 100, Records: 3, Out: &out, Log: &log,
		StartTimeout: 2 * time.Minute, CatchUpTimeout: 2 * time.Minute})
	t.Logf("demo took %s: %s", time.Since(start).Round(time.Millisecond), res.stepTimes())
	if err != nil {
		t.Fatalf("demo failed: %v\n--- output\n%s\n--- progress\n%s", err, out.String(), log.String())
	}

	if strings.Join(res.Skipped, ",") != strings.Join(unkeyed, ",") {
		t.Errorf("skipped tables = %v, want %v (no primary or NOT NULL unique key)", res.Skipped, unkeyed)
	}
	checkTables(t, res, tables)
	checkRecords(t, res.Records)
	checkVerify(t, res, len(tables)-len(unkeyed))

	for _, want := range []string{"== 1. Start the playground", "tidb_tpcc_order_line", "CREATE OR REPLACE TASK CDC_DB.REPLICA.MERGE_ITEM",
		"Checkpoint:", "verified ", "stopped; removed "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// Cleaned up: the data directory is gone and MariaDB no longer listens.
	if _, err := os.Stat(filepath.Dir(res.Endpoints.DataDir)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("demo directory %s: %v, want it removed", filepath.Dir(res.Endpoints.DataDir), err)
	}
	if c, err := net.DialTimeout("tcp", strings.TrimPrefix(res.Endpoints.MySQL, "mysql://root@"), time.Second); err == nil {
		c.Close()
		t.Errorf("MariaDB still listens at %s after the demo", res.Endpoints.MySQL)
	}
}

func checkTables(t *testing.T, res *Result, tables []string) {
	t.Helper()
	byName := map[string]tableCount{}
	for _, tc := range res.Tables {
		byName[tc.Table] = tc
	}
	for _, name := range tables {
		tc, ok := byName["tpcc."+name]
		switch {
		case !ok:
			t.Errorf("tpcc.%s: not reported", name)
		case tc.Skipped:
			if tc.Topic != "" || tc.BinlogRows == 0 {
				t.Errorf("%s (skipped): topic %q, %d binlog rows; want no topic for a table that changed", tc.Table, tc.Topic, tc.BinlogRows)
			}
		case tc.Topic != "tidb_tpcc_"+name:
			t.Errorf("%s: topic %q, want tidb_tpcc_%s", tc.Table, tc.Topic, name)
		case tc.BinlogRows == 0 || tc.Messages != tc.BinlogRows:
			t.Errorf("%s: %d messages for %d row changes in the binlog", tc.Table, tc.Messages, tc.BinlogRows)
		}
	}
	for _, tp := range res.Topics {
		if tp.Topic == "tidb_tpcc_history" {
			t.Errorf("topic %s exists (%d messages) for a table without a key", tp.Topic, tp.Messages)
		}
	}
}

func checkRecords(t *testing.T, recs []tailRecord) {
	t.Helper()
	if len(recs) != 3 {
		t.Fatalf("tail decoded %d records, want 3", len(recs))
	}
	for _, r := range recs {
		var key, value map[string]any
		if err := json.Unmarshal(r.Key, &key); err != nil {
			t.Fatalf("record %s/%d@%d key %s: %v", r.Topic, r.Partition, r.Offset, r.Key, err)
		}
		if err := json.Unmarshal(r.Value, &value); err != nil {
			t.Fatalf("record %s/%d@%d value %s: %v", r.Topic, r.Partition, r.Offset, r.Value, err)
		}
		if r.Topic != "tidb_tpcc_item" || r.Op != "c" || len(key) != 1 || key["i_id"] == nil || key["i_id"] != value["i_id"] {
			t.Errorf("record %s/%d@%d: op %q key %v value %v; want an insert of item keyed by i_id", r.Topic, r.Partition, r.Offset, r.Op, key, value)
		}
		for _, f := range []string{"i_id", "i_im_id", "i_name", "i_price", "i_data", "_tidb_op", "_tidb_commit_ts"} {
			if _, ok := value[f]; !ok {
				t.Errorf("record %s/%d@%d: value lacks %s: %v", r.Topic, r.Partition, r.Offset, f, value)
			}
		}
	}
}

func checkVerify(t *testing.T, res *Result, captured int) {
	t.Helper()
	rep := res.Verify
	if rep == nil {
		t.Fatal("no verify report")
	}
	if !rep.OK() || !rep.OrderChecked || rep.Duplicates != 0 || rep.Tables != captured {
		var b bytes.Buffer
		_ = rep.WriteText(&b)
		t.Errorf("verify: %s (order checked %t, %d duplicates, %d tables)", b.String(), rep.OrderChecked, rep.Duplicates, rep.Tables)
	}
	var msgs int64
	for _, tc := range res.Tables {
		msgs += tc.Messages
	}
	if rep.Messages != msgs || rep.RowsCompared == 0 {
		t.Errorf("verify read %d messages and compared %d rows; the topics hold %d", rep.Messages, rep.RowsCompared, msgs)
	}
}

// buildCdcctl builds the cdcctl binary without the race detector (the demo
// drives it as a user would; only the test's own code is instrumented).
func buildCdcctl(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "cdcctl")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/cdcctl/cdcctl/cmd/cdcctl")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build cdcctl: %v\n%s", err, out)
	}
	return bin
}
