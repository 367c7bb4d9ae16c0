//go:build integration

package snapshot_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
	"github.com/cdcctl/cdcctl/pkg/source/snapshot"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

const ddl = `CREATE TABLE shop.item (
  id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(8,3) NOT NULL, qty BIGINT UNSIGNED,
  tiny TINYINT UNSIGNED, f FLOAT, d DOUBLE, born DATE, seen DATETIME(3), ts TIMESTAMP(6) NULL,
  t TIME(2), y YEAR, e ENUM('red','green'), s SET('a','b','c'), b BIT(10), bin VARBINARY(8),
  j JSON, txt TEXT, fx BINARY(4))`

const fullRow = `(%d, 'pen', -12.5, 18446744073709551615, 255, -721536.375, 2.718281828, '2024-02-29',
  '2024-02-29 13:14:15.123', '2024-03-01 00:00:01.000002', '-838:59:59.99', 2024, 'green', 'a,c',
  b'1010101011', x'00ff10', '{"k": [1, 2]}', 'héllo', x'0102')`

func TestSnapshotPositionIsExactAndValuesMatchBinlog(t *testing.T) {
	ctx := context.Background()
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, db, "CREATE DATABASE shop", "SET GLOBAL time_zone = '+00:00'", ddl)
	tables, err := schema.ParseDDL(ddl, "shop")
	if err != nil {
		t.Fatal(err)
	}
	info, err := binlog.Inspect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	before := info.Position
	testenv.Exec(t, db, fmt.Sprintf("INSERT INTO shop.item VALUES "+fullRow, 1))
	for i := 2; i <= 10; i++ {
		testenv.Exec(t, db, fmt.Sprintf("INSERT INTO shop.item (id, price) VALUES (%d, %d)", i, i))
	}

	snap, pos, err := snapshot.Begin(ctx, snapshot.Config{DB: db, Flavor: info.Flavor, ChunkRows: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	// Changes after the snapshot started: in the binlog after pos, not in the copy.
	testenv.Exec(t, db, "INSERT INTO shop.item (id, price) VALUES (11, 11)", "DELETE FROM shop.item WHERE id = 2")
	if err := snap.AddTable(ctx, tables[0]); err != nil {
		t.Fatal(err)
	}
	if done, total, current := snap.Tables(); done != 0 || total != 1 || current != "shop.item" {
		t.Errorf("tables before the copy: %d/%d, current %q", done, total, current)
	}
	var copied []event.RowChange
	var sizes []int
	for {
		b, err := snap.ReadBatch(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !b.Snapshot || b.Pos != pos {
			t.Fatalf("batch not marked as snapshot at %v: %+v", pos, b.Pos)
		}
		sizes = append(sizes, len(b.Rows))
		copied = append(copied, b.Rows...)
	}
	if len(copied) != 10 || !reflect.DeepEqual(sizes, []int{4, 4, 2}) {
		t.Fatalf("copied %d rows in chunks %v, want 10 rows in 4,4,2", len(copied), sizes)
	}
	for i, r := range copied {
		if r.Op != event.OpInsert || r.After[0].Int != int64(i+1) {
			t.Fatalf("row %d: op %v id %d", i, r.Op, r.After[0].Int)
		}
	}
	if done, est := snap.Progress(); done != 10 || est < 10 {
		t.Errorf("progress %d/%d", done, est)
	}
	if done, total, current := snap.Tables(); done != 1 || total != 1 || current != "" {
		t.Errorf("tables after the copy: %d/%d, current %q", done, total, current)
	}

	// Streaming from the snapshot position sees exactly the later changes.
	after := readRows(t, srv, info.Flavor, pos, tables, 2)
	if after[0].Op != event.OpInsert || after[0].After[0].Int != 11 || after[1].Op != event.OpDelete || after[1].Before[0].Int != 2 {
		t.Fatalf("changes after the snapshot: %+v %+v", after[0], after[1])
	}

	// The text protocol and the binlog give the same values for row 1.
	fromBinlog := readRows(t, srv, info.Flavor, before, tables, 1)[0].After
	fromCopy := copied[0].After
	for i, c := range tables[0].Columns {
		b, s := fromBinlog[i], fromCopy[i]
		if b.Null != s.Null || b.Int != s.Int || b.Float != s.Float || string(b.Bytes) != string(s.Bytes) {
			t.Errorf("column %s: binlog %+v (%q), snapshot %+v (%q)", c.Name, b, b.Bytes, s, s.Bytes)
		}
	}
}

func readRows(t *testing.T, srv *mariadb.Server, flavor string, from event.Position, tables []*event.Table, n int) []event.RowChange {
	t.Helper()
	src, err := binlog.Open(context.Background(), binlog.Config{
		Addr: srv.Addr(), User: mariadb.User, ServerID: 9100, Flavor: flavor,
		Start: event.Position{File: from.File, Pos: from.Pos}, Tracker: schema.NewTracker(tables...),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var rows []event.RowChange
	for len(rows) < n {
		b, err := src.ReadBatch(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, b.Rows...)
	}
	return rows
}
