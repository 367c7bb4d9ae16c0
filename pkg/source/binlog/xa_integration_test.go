//go:build integration

package binlog_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
)

// TestXATransactions: an XA transaction's rows are in the binlog at XA
// PREPARE but belong to the later XA COMMIT, or to nobody after XA
// ROLLBACK. They must be delivered once committed, with the commit's ts
// and after the transactions committed before it, and never when rolled
// back; the checkpoint must not pass a prepared transaction, and a restart
// from any batch's checkpoint must replay the same rows with the same ts.
func TestXATransactions(t *testing.T) {
	f := setup(t, func(db, table string) bool { return table == "item" }, 3)
	conn, err := f.db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	exec := func(stmts ...string) {
		t.Helper()
		for _, q := range stmts {
			if _, err := conn.ExecContext(context.Background(), q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
	// Five rows: more than MaxBatchRows, yet one transaction.
	exec("XA START 'a'", "INSERT INTO shop.item (id, price) VALUES (1, 1), (2, 1), (3, 1), (4, 1), (5, 1)", "XA END 'a'", "XA PREPARE 'a'")
	if _, err := f.db.Exec("INSERT INTO shop.item (id, price) VALUES (10, 1)"); err != nil { // commits while 'a' is prepared
		t.Fatal(err)
	}
	exec("XA COMMIT 'a'",
		"XA START 'b'", "INSERT INTO shop.item (id, price) VALUES (20, 1)", "XA END 'b'", "XA PREPARE 'b'", "XA ROLLBACK 'b'",
		"XA START 'c', 'q', 3", "INSERT INTO shop.item (id, price) VALUES (30, 1)", "XA END 'c', 'q', 3", "XA COMMIT 'c', 'q', 3 ONE PHASE",
		"INSERT INTO shop.item (id, price) VALUES (40, 1)")

	batches := readRows(t, f.src, 4)
	ids := func(b *event.Batch) []int64 {
		var out []int64
		for _, r := range b.Rows {
			out = append(out, r.After[0].Int)
		}
		return out
	}
	want := [][]int64{{10}, {1, 2, 3, 4, 5}, {30}, {40}}
	for i, b := range batches {
		if got := ids(b); !slices.Equal(got, want[i]) {
			t.Fatalf("batch %d has ids %v, want %v (all batches: %v)", i, got, want[i], batches)
		}
	}
	during, committed := batches[0], batches[1]
	if during.Pos != f.start || during.CommitTs != 0 {
		t.Errorf("batch committed while 'a' was prepared carries checkpoint %v ts %d, want the one before the prepare: %v ts 0",
			during.Pos, during.CommitTs, f.start)
	}
	if ts := committed.Rows[0].CommitTs; ts <= during.Rows[0].CommitTs || ts != committed.CommitTs || committed.Pos == f.start {
		t.Errorf("committed XA rows: ts %d (batch %d at %v), want the XA COMMIT's ts, after %d, and its position",
			ts, committed.CommitTs, committed.Pos, during.Rows[0].CommitTs)
	}

	// Restart from the checkpoint the first batch allows.
	tables, err := schema.ParseDDL(itemDDL+";CREATE TABLE other (id INT PRIMARY KEY)", "shop")
	if err != nil {
		t.Fatal(err)
	}
	src, err := binlog.Open(context.Background(), binlog.Config{
		Addr: f.srv.Addr(), User: mariadb.User, Password: mariadb.Password, ServerID: 9004,
		Flavor: binlog.FlavorMariaDB, Start: during.Pos, StartTs: during.CommitTs,
		Tracker: schema.NewTracker(tables...), Match: func(db, table string) bool { return table == "item" }, MaxBatchRows: 3,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	again := readRows(t, src, 4)
	for i := range batches {
		for j := range batches[i].Rows {
			a, b := again[i].Rows[j], batches[i].Rows[j]
			if a.After[0].Int != b.After[0].Int || a.CommitTs != b.CommitTs {
				t.Errorf("replay batch %d row %d: id %d ts %d, first read id %d ts %d", i, j, a.After[0].Int, a.CommitTs, b.After[0].Int, b.CommitTs)
			}
		}
	}
}

// readRows returns the next n batches that hold rows.
func readRows(t *testing.T, src *binlog.Source, n int) []*event.Batch {
	t.Helper()
	var out []*event.Batch
	for len(out) < n {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		b, err := src.ReadBatch(ctx)
		cancel()
		if err != nil {
			t.Fatalf("after %d batches: %v", len(out), err)
		}
		if len(b.Rows) > 0 {
			out = append(out, b)
		}
	}
	return out
}

// TestDDLWhileXAPrepared: a DDL batch read while an XA transaction is held
// carries the held checkpoint but its own commit ts (the schema history
// is keyed by it), and the XA rows, decoded under the old definition,
// follow it once committed.
func TestDDLWhileXAPrepared(t *testing.T) {
	f := setup(t, nil, 0)
	conn, err := f.db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{"XA START 'd'", "INSERT INTO shop.other VALUES (1)", "XA END 'd'", "XA PREPARE 'd'"} {
		if _, err := conn.ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.db.Exec("ALTER TABLE shop.item ADD COLUMN z INT"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "XA COMMIT 'd'"); err != nil {
		t.Fatal(err)
	}
	ddl := f.nextRows(t)
	if ddl.DDL == nil || ddl.Pos != f.start || ddl.CommitTs != 0 || ddl.DDL.CommitTs == 0 || ddl.TxnTs() != ddl.DDL.CommitTs {
		t.Fatalf("DDL batch at %v ts %d, DDL ts %d; want the held checkpoint %v ts 0 and its own ts", ddl.Pos, ddl.CommitTs, ddlTs(ddl), f.start)
	}
	xa := f.nextRows(t)
	if len(xa.Rows) != 1 || xa.Rows[0].Table.Name != "other" || xa.CommitTs <= ddl.DDL.CommitTs || xa.Pos == f.start {
		t.Fatalf("XA batch: %d rows at %v ts %d, want shop.other's row after the DDL, at its own commit", len(xa.Rows), xa.Pos, xa.CommitTs)
	}
}

func ddlTs(b *event.Batch) uint64 {
	if b.DDL == nil {
		return 0
	}
	return b.DDL.CommitTs
}
