//go:build integration

package engine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/engine"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// TestEngineSnapshotProgressAndRate copies a table large enough to be
// watched while it is copied, reading the changefeed through the API as
// `changefeed query` and `list` do: snapshot_progress names the table being
// copied and counts up, ends "done" with every row, and rows_per_second is
// positive while rows flow.
func TestEngineSnapshotProgressAndRate(t *testing.T) {
	const bigRows = 100_000
	s := newStack(t)
	testenv.Exec(t, s.db, "CREATE TABLE shop.big (id INT PRIMARY KEY, pad VARCHAR(40) NOT NULL)",
		fmt.Sprintf("INSERT INTO shop.big SELECT seq, CONCAT('row-', seq) FROM shop.seq_1_to_%d", bigRows))
	e, store := s.open(t, func(o *engine.Options) { o.WatchInterval = 50 * time.Millisecond })
	defer store.Close()
	defer e.Close(context.Background())
	a := &engine.API{Engine: e, Addr: "127.0.0.1:8300"}
	ctx := context.Background()
	id := api.ChangefeedID{Namespace: "default", ID: "orders-feed"}
	if _, err := e.Create(ctx, s.definition()); err != nil {
		t.Fatal(err)
	}

	var (
		running      []api.SnapshotProgress // every distinct running state seen
		last         *api.SnapshotProgress
		sawRate      bool
		copiedBefore uint64
	)
	deadline := time.Now().Add(60 * time.Second)
	for last == nil || last.State != "done" {
		if time.Now().After(deadline) {
			t.Fatalf("copy not done in 60s; last progress %+v", last)
		}
		info, err := a.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if info.State == api.StateFailed {
			t.Fatalf("changefeed failed: %+v", info.Error)
		}
		list, err := a.List(ctx, "default", "")
		if err != nil || len(list) != 1 {
			t.Fatalf("list = %v, %v", list, err)
		}
		for _, r := range []*float64{info.RowsPerSecond, list[0].RowsPerSecond} {
			if r != nil && *r > 0 {
				sawRate = true
			}
		}
		if p := info.SnapshotProgress; p != nil {
			if p.RowsCopied < copiedBefore {
				t.Fatalf("rows_copied went back from %d to %d", copiedBefore, p.RowsCopied)
			}
			copiedBefore = p.RowsCopied
			if p.State == "running" && (len(running) == 0 || running[len(running)-1] != *p) {
				running = append(running, *p)
			}
			last = p
		}
		time.Sleep(2 * time.Millisecond)
	}

	if want := (api.SnapshotProgress{State: "done", TablesTotal: 2, TablesDone: 2, RowsCopied: bigRows + 3}); *last != want {
		t.Errorf("final progress %+v, want %+v", *last, want)
	}
	sawBig := false
	for _, p := range running {
		if p.TablesTotal != 2 || p.TablesDone > 1 || p.CurrentTable == "" {
			t.Errorf("running progress %+v: want 2 tables, fewer than 2 done, a current table", p)
		}
		if p.CurrentTable == "shop.big" && p.RowsCopied > 0 && p.RowsCopied < bigRows {
			sawBig = true
		}
	}
	if !sawBig {
		t.Errorf("never saw shop.big part-copied; running states seen: %+v", running)
	}
	s.waitCaughtUp(t, e)
	// The status answer carries the same progress; the rate goes on while
	// the run lives.
	st, err := a.Status(ctx, id)
	if err != nil || st.SnapshotProgress == nil || *st.SnapshotProgress != *last {
		t.Errorf("status snapshot_progress = %+v (err %v), want %+v", st.SnapshotProgress, err, *last)
	}
	info, err := a.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if info.RowsPerSecond == nil || *info.RowsPerSecond <= 0 {
		t.Errorf("rows_per_second after %d rows = %v, want > 0", bigRows+3, info.RowsPerSecond)
	}
	var snapshotRows uint64
	for _, tc := range info.Tables {
		snapshotRows += tc.SnapshotRows
		if tc.Table == "big" && (tc.SnapshotRows != bigRows || tc.Inserts+tc.Updates+tc.Deletes != 0) {
			t.Errorf("shop.big counts %+v, want %d snapshot rows and no binlog changes", tc, bigRows)
		}
	}
	if snapshotRows != bigRows+3 {
		t.Errorf("snapshot_rows sum to %d over %+v, want %d", snapshotRows, info.Tables, bigRows+3)
	}
	if !sawRate {
		t.Error("rows_per_second was never positive while the copy ran")
	}
	b, _ := json.Marshal(info.Extensions)
	t.Logf("extensions: %s (%d running states seen)", b, len(running))
}
