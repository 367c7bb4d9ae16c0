//go:build integration

package binlog_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

const itemDDL = `CREATE TABLE item (
  id INT PRIMARY KEY,
  name VARCHAR(20),
  price DECIMAL(8,3) NOT NULL,
  qty BIGINT UNSIGNED,
  tiny TINYINT UNSIGNED,
  f FLOAT, d DOUBLE,
  born DATE, seen DATETIME(3), ts TIMESTAMP(6) NULL,
  t TIME(2), y YEAR,
  e ENUM('red','green'), s SET('a','b','c'),
  b BIT(10), bin VARBINARY(8), j JSON, txt TEXT, fx BINARY(4)
)`

type fixture struct {
	srv   *mariadb.Server
	db    *sql.DB
	start event.Position
	src   *binlog.Source
}

func setup(t *testing.T, match func(db, table string) bool, maxRows int) *fixture {
	t.Helper()
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, db, "CREATE DATABASE shop", "USE shop", "SET GLOBAL time_zone = '+00:00'")
	testenv.Exec(t, db, "CREATE TABLE shop.item "+strings.TrimPrefix(itemDDL, "CREATE TABLE item "),
		"CREATE TABLE shop.other (id INT PRIMARY KEY)")
	tables, err := schema.ParseDDL(itemDDL+";CREATE TABLE other (id INT PRIMARY KEY)", "shop")
	if err != nil {
		t.Fatal(err)
	}
	info, err := binlog.Inspect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if info.Flavor != binlog.FlavorMariaDB || info.BinlogFormat != "ROW" || !info.LogBin {
		t.Fatalf("inspect: %+v", info)
	}
	f := &fixture{srv: srv, db: db, start: event.Position{File: info.Position.File, Pos: info.Position.Pos}}
	src, err := binlog.Open(context.Background(), binlog.Config{
		Addr: srv.Addr(), User: mariadb.User, Password: mariadb.Password, ServerID: 9001,
		Flavor: info.Flavor, Start: f.start, Tracker: schema.NewTracker(tables...), Match: match,
		MaxBatchRows: maxRows,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(src.Close)
	f.src = src
	return f
}

func (f *fixture) next(t *testing.T) *event.Batch {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	b, err := f.src.ReadBatch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// nextRows skips batches without rows (other transactions) and returns the next with rows.
func (f *fixture) nextRows(t *testing.T) *event.Batch {
	t.Helper()
	for {
		if b := f.next(t); len(b.Rows) > 0 || b.DDL != nil {
			return b
		}
	}
}

func TestReadInsertUpdateDeleteWithTypes(t *testing.T) {
	f := setup(t, nil, 0)
	testenv.Exec(t, f.db,
		`INSERT INTO shop.item VALUES (1, 'pen', -12.5, 18446744073709551615, 255, 3.14, 2.718281828,
		 '2024-02-29', '2024-02-29 13:14:15.123', '2024-03-01 00:00:01.000002', '-838:59:59.99', 2024,
		 'green', 'a,c', b'1010101011', x'00ff10', '{"k": [1, 2]}', 'héllo', x'0102')`,
		"UPDATE shop.item SET name = 'pencil' WHERE id = 1",
		"DELETE FROM shop.item WHERE id = 1",
	)
	ins := f.nextRows(t)
	if len(ins.Rows) != 1 || ins.Rows[0].Op != event.OpInsert {
		t.Fatalf("insert batch: %+v", ins)
	}
	v := ins.Rows[0].After
	checks := []struct {
		col  string
		got  any
		want any
	}{
		{"id", v[0].Int, int64(1)},
		{"name", string(v[1].Bytes), "pen"},
		{"price", string(v[2].Bytes), "-12.500"},
		{"qty", v[3].Uint(), uint64(18446744073709551615)},
		{"tiny", v[4].Int, int64(255)},
		{"f", float32(v[5].Float), float32(3.14)},
		{"d", v[6].Float, 2.718281828},
		{"born", string(v[7].Bytes), "2024-02-29"},
		{"seen", string(v[8].Bytes), "2024-02-29 13:14:15.123"},
		{"ts", v[9].Int, time.Date(2024, 3, 1, 0, 0, 1, 2000, time.UTC).UnixMicro()},
		{"t", string(v[10].Bytes), "-838:59:59.99"},
		{"y", v[11].Int, int64(2024)},
		{"e", v[12].Int, int64(2)},
		{"s", v[13].Int, int64(0b101)},
		{"b", v[14].Int, int64(0b1010101011)},
		{"bin", string(v[15].Bytes), "\x00\xff\x10"},
		{"j", string(v[16].Bytes), `{"k": [1, 2]}`},
		{"txt", string(v[17].Bytes), "héllo"},
		{"fx (BINARY keeps its trailing zero bytes)", string(v[18].Bytes), "\x01\x02\x00\x00"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.col, c.got, c.want)
		}
	}
	upd := f.nextRows(t)
	if r := upd.Rows[0]; r.Op != event.OpUpdate || string(r.Before[1].Bytes) != "pen" || string(r.After[1].Bytes) != "pencil" {
		t.Fatalf("update: %+v", r)
	}
	del := f.nextRows(t)
	if r := del.Rows[0]; r.Op != event.OpDelete || r.Before[0].Int != 1 || r.After != nil {
		t.Fatalf("delete: %+v", r)
	}
	if !(ins.CommitTs < upd.CommitTs && upd.CommitTs < del.CommitTs) {
		t.Errorf("commit ts not increasing: %d %d %d", ins.CommitTs, upd.CommitTs, del.CommitTs)
	}
	if del.Pos.File == "" || del.Pos.Pos <= ins.Pos.Pos || del.Pos.GTID == "" {
		t.Errorf("positions: %v then %v", ins.Pos, del.Pos)
	}
}

func TestTransactionsAndSplitting(t *testing.T) {
	f := setup(t, func(db, table string) bool { return table == "item" }, 3)
	tx, err := f.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5; i++ {
		if _, err := tx.Exec("INSERT INTO shop.item (id, price) VALUES (?, 1)", i); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Exec("INSERT INTO shop.other VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	part := f.nextRows(t)
	rest := f.nextRows(t)
	if len(part.Rows) != 3 || len(rest.Rows) != 2 {
		t.Fatalf("split into %d + %d rows, want 3 + 2", len(part.Rows), len(rest.Rows))
	}
	if part.Pos != f.start {
		t.Errorf("partial batch position %v, want the previous commit %v", part.Pos, f.start)
	}
	if part.CommitTs != 0 {
		t.Errorf("partial batch ts %d, want the previous commit's (0: the source started without one)", part.CommitTs)
	}
	if rest.Pos == f.start || part.Rows[0].CommitTs != rest.CommitTs || rest.Rows[0].CommitTs != rest.CommitTs {
		t.Errorf("final part: pos %v; rows' ts %d and %d, want the commit's %d", rest.Pos, part.Rows[0].CommitTs, rest.Rows[0].CommitTs, rest.CommitTs)
	}
	for _, r := range append(part.Rows, rest.Rows...) {
		if r.Table.Name != "item" {
			t.Errorf("row of uncaptured table %s", r.Table.Name)
		}
	}
}

func TestDDLMidStream(t *testing.T) {
	f := setup(t, nil, 0)
	testenv.Exec(t, f.db,
		"INSERT INTO shop.item (id, price) VALUES (1, 1)",
		"ALTER TABLE shop.item ADD COLUMN note VARCHAR(10) DEFAULT 'n' AFTER id, DROP COLUMN txt",
		"INSERT INTO shop.item (id, note, price) VALUES (2, 'x', 2)",
	)
	before := f.nextRows(t)
	ddl := f.nextRows(t)
	after := f.nextRows(t)
	if ddl.DDL == nil || len(ddl.DDL.Tables) != 1 || !strings.Contains(ddl.DDL.Query, "ADD COLUMN note") {
		t.Fatalf("DDL batch: %+v", ddl)
	}
	oldT, newT := before.Rows[0].Table, after.Rows[0].Table
	if newT.Version <= oldT.Version || newT != ddl.DDL.Tables[0] {
		t.Fatalf("versions: before %d after %d", oldT.Version, newT.Version)
	}
	if newT.Columns[1].Name != "note" || string(after.Rows[0].After[1].Bytes) != "x" || len(newT.Columns) != len(oldT.Columns) {
		t.Errorf("row after DDL decoded with the wrong definition: %+v", after.Rows[0].After[:3])
	}
	if oldT.Columns[1].Name != "name" {
		t.Errorf("the old definition was changed in place")
	}
}
