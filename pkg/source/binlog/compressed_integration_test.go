//go:build integration

package binlog_test

import (
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// TestMariaDBCompressedBinlog reads a binlog written with MariaDB's
// log_bin_compress: rows and DDL arrive as *_COMPRESSED_EVENT_V1 and
// QUERY_COMPRESSED_EVENT and must decode exactly as uncompressed ones.
func TestMariaDBCompressedBinlog(t *testing.T) {
	f := setup(t, nil, 0)
	testenv.Exec(t, f.db, "SET GLOBAL log_bin_compress = ON", "SET GLOBAL log_bin_compress_min_len = 10")
	long := strings.Repeat("compressible text ", 40)
	testenv.Exec(t, f.db,
		"INSERT INTO shop.item (id, name, price, txt, j) VALUES (1, 'pen', 1.5, '"+long+"', '{\"k\": \"v\"}')",
		"UPDATE shop.item SET name = 'pencil', txt = CONCAT(txt, 'more') WHERE id = 1",
		"ALTER TABLE shop.item ADD COLUMN note VARCHAR(200) NOT NULL DEFAULT 'a default long enough to compress' AFTER id",
		"INSERT INTO shop.item (id, note, price) VALUES (2, 'second row after the DDL', 2)",
		"DELETE FROM shop.item WHERE id = 1",
	)
	compressed := map[string]bool{}
	rows, err := f.db.Query("SHOW BINLOG EVENTS IN '" + f.start.File + "'")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var file, typ, info string
		var pos, serverID, end int64
		if err := rows.Scan(&file, &pos, &typ, &serverID, &end, &info); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToLower(typ), "compressed") {
			compressed[typ] = true
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(compressed) < 3 {
		t.Fatalf("compressed event types in the binlog: %v; want query, write, update and delete ones", compressed)
	}

	ins := f.nextRows(t)
	if len(ins.Rows) != 1 || ins.Rows[0].Op != event.OpInsert || string(ins.Rows[0].After[17].Bytes) != long ||
		string(ins.Rows[0].After[16].Bytes) != `{"k": "v"}` {
		t.Fatalf("insert: %+v", ins.Rows)
	}
	upd := f.nextRows(t)
	if r := upd.Rows[0]; r.Op != event.OpUpdate || string(r.Before[1].Bytes) != "pen" || string(r.After[1].Bytes) != "pencil" ||
		string(r.After[17].Bytes) != long+"more" {
		t.Fatalf("update: %+v", upd.Rows)
	}
	ddl := f.nextRows(t)
	if ddl.DDL == nil || !strings.Contains(ddl.DDL.Query, "ADD COLUMN note") {
		t.Fatalf("DDL batch: %+v", ddl)
	}
	after := f.nextRows(t)
	if r := after.Rows[0]; r.Op != event.OpInsert || r.Table.Columns[1].Name != "note" || string(r.After[1].Bytes) != "second row after the DDL" {
		t.Fatalf("insert after DDL: %+v", after.Rows)
	}
	del := f.nextRows(t)
	if r := del.Rows[0]; r.Op != event.OpDelete || r.Before[0].Int != 1 || string(r.Before[1].Bytes) != "a default long enough to compress" {
		t.Fatalf("delete: %+v", del.Rows)
	}
	t.Logf("compressed event types read: %v", compressed)
}
