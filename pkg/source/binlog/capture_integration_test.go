//go:build integration

package binlog

import (
	"context"
	"testing"
	"time"

	gomysql "github.com/go-mysql-org/go-mysql/mysql"
	"github.com/go-mysql-org/go-mysql/replication"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// capturedRows is a rows event as go-mysql parsed its header, with its
// undecoded body: what Source.rows gets.
type capturedRows struct {
	typ   replication.EventType
	event *replication.RowsEvent
	raw   rawRows
}

// captureRows runs stmts on a fresh MariaDB after creating db.table from
// ddl, and returns the table's definition and the rows events the
// statements wrote.
func captureRows(t testing.TB, ddl string, stmts ...string) (*event.Table, []capturedRows) {
	t.Helper()
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, db, "CREATE DATABASE shop", "SET GLOBAL time_zone = '+00:00'", "SET GLOBAL sql_mode = ''")
	testenv.Exec(t, db, "CREATE TABLE shop."+ddl)
	tables, err := schema.ParseDDL("CREATE TABLE "+ddl, "shop")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start, err := CurrentPosition(ctx, db, FlavorMariaDB, true)
	if err != nil {
		t.Fatal(err)
	}
	exec := testenv.OpenDB(t, srv.DSN("shop")) // new connections see the global sql_mode
	testenv.Exec(t, exec, stmts...)
	end, err := CurrentPosition(ctx, db, FlavorMariaDB, true)
	if err != nil {
		t.Fatal(err)
	}
	return tables[0], readRows(ctx, t, srv, start, end)
}

// readRows streams start…end and returns its rows events, undecoded.
func readRows(ctx context.Context, t testing.TB, srv *mariadb.Server, start, end event.Position) []capturedRows {
	t.Helper()
	var stash rawStash // filled on go-mysql's goroutine
	syncer := replication.NewBinlogSyncer(replication.BinlogSyncerConfig{
		ServerID: 9100, Flavor: gomysql.MariaDBFlavor, Host: "127.0.0.1", Port: uint16(srv.Port()), User: mariadb.User,
		RenderJSONAsMySQLText: true, TimestampStringLocation: time.UTC, DisableRetrySync: true,
		RowsEventDecodeFunc: func(e *replication.RowsEvent, data []byte) error {
			pos, err := e.DecodeHeader(data)
			stash.put(e, data, pos)
			return err
		},
	})
	defer syncer.Close()
	streamer, err := syncer.StartSync(gomysql.Position{Name: start.File, Pos: start.Pos})
	if err != nil {
		t.Fatal(err)
	}
	var out []capturedRows
	for {
		ev, err := streamer.GetEvent(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if e, ok := ev.Event.(*replication.RowsEvent); ok {
			raw, _ := stash.take(e)
			out = append(out, capturedRows{typ: ev.Header.EventType, event: e, raw: raw})
		}
		if ev.Header.LogPos >= end.Pos && ev.Header.EventType == replication.XID_EVENT {
			return out
		}
	}
}
