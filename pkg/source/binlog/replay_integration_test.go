//go:build integration

package binlog_test

import (
	"context"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
)

// TestReplayFromPartialBatchKeepsCommitTs: a checkpoint may sit on the
// partial batch of a large transaction (which carries the previous
// commit's position). A source restarted from that checkpoint must give
// the transaction's rows the commit ts they had, so that a replayed
// message is identical to its first copy.
func TestReplayFromPartialBatchKeepsCommitTs(t *testing.T) {
	onlyItem := func(db, table string) bool { return table == "item" }
	f := setup(t, onlyItem, 3)
	tx, err := f.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5; i++ {
		if _, err := tx.Exec("INSERT INTO shop.item (id, price) VALUES (?, 1)", i); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	part, rest := f.nextRows(t), f.nextRows(t)
	if len(part.Rows) != 3 || part.Pos != f.start {
		t.Fatalf("first batch: %d rows at %v, want a partial batch of 3 at the previous commit %v", len(part.Rows), part.Pos, f.start)
	}
	first := append(append([]event.RowChange(nil), part.Rows...), rest.Rows...)

	// Restart from the checkpoint the pipeline tracks for the partial
	// batch: its Pos and CommitTs.
	tables, err := schema.ParseDDL(itemDDL+";CREATE TABLE other (id INT PRIMARY KEY)", "shop")
	if err != nil {
		t.Fatal(err)
	}
	src, err := binlog.Open(context.Background(), binlog.Config{
		Addr: f.srv.Addr(), User: mariadb.User, Password: mariadb.Password, ServerID: 9003,
		Flavor: binlog.FlavorMariaDB, Start: part.Pos, StartTs: part.CommitTs,
		Tracker: schema.NewTracker(tables...), Match: onlyItem, MaxBatchRows: 3,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var again []event.RowChange
	for len(again) < len(first) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		b, err := src.ReadBatch(ctx)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		again = append(again, b.Rows...)
	}
	for i := range first {
		if again[i].After[0].Int != first[i].After[0].Int || again[i].CommitTs != first[i].CommitTs {
			t.Errorf("row %d replayed as id %d ts %d, first read as id %d ts %d",
				i, again[i].After[0].Int, again[i].CommitTs, first[i].After[0].Int, first[i].CommitTs)
		}
	}
}
