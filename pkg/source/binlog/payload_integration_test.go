//go:build integration

package binlog

import (
	"context"
	"log/slog"
	"testing"
	"time"

	gomysql "github.com/go-mysql-org/go-mysql/mysql"
	"github.com/go-mysql-org/go-mysql/replication"
	"github.com/google/go-cmp/cmp"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// TestCompressedTransactionReadsAsPlain: MySQL 8 with
// binlog_transaction_compression sends a GTID event, then one
// TRANSACTION_PAYLOAD_EVENT that go-mysql decompresses into the
// transaction's events. MariaDB cannot write one, so the test takes a real
// transaction's events from MariaDB, wraps them as go-mysql delivers a
// payload (positions stamped the same way), and checks the Source returns
// the same batches for the wrapped and the plain stream, a small
// MaxBatchRows splitting the compressed transaction too.
func TestCompressedTransactionReadsAsPlain(t *testing.T) {
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	const ddl = "CREATE TABLE t (id INT PRIMARY KEY, note VARCHAR(20))"
	testenv.Exec(t, db, "CREATE DATABASE shop", "CREATE TABLE shop."+ddl[len("CREATE TABLE "):])
	info, err := Inspect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	start := event.Position{File: info.Position.File, Pos: info.Position.Pos}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"INSERT INTO shop.t VALUES (1, 'a'), (2, 'b')",
		"INSERT INTO shop.t VALUES (3, 'c')",
		"UPDATE shop.t SET note = 'bb' WHERE id = 2",
		"DELETE FROM shop.t WHERE id = 1",
	} {
		if _, err := tx.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	testenv.Exec(t, db, "INSERT INTO shop.t VALUES (4, 'd')")

	plain := captureEvents(t, srv, start, 2)
	wrapped := wrapFirstTransaction(t, plain)
	for _, maxRows := range []int{0, 2} {
		want := readAll(t, start, ddl, maxRows, plain)
		got := readAll(t, start, ddl, maxRows, wrapped)
		if len(want) < 2 {
			t.Fatalf("max rows %d: %d batches from the plain stream", maxRows, len(want))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("max rows %d: compressed transaction read differently (-plain +compressed):\n%s", maxRows, diff)
		}
	}
}

// captureEvents reads the binlog from start until n transactions committed.
func captureEvents(t *testing.T, srv *mariadb.Server, start event.Position, n int) []*replication.BinlogEvent {
	t.Helper()
	syncer := replication.NewBinlogSyncer(replication.BinlogSyncerConfig{
		ServerID: 9002, Flavor: FlavorMariaDB, Host: "127.0.0.1", Port: uint16(srv.Port()),
		User: mariadb.User, Password: mariadb.Password, RenderJSONAsMySQLText: true,
		TimestampStringLocation: time.UTC, DiscardGTIDSet: true, Logger: slog.New(slog.DiscardHandler),
	})
	defer syncer.Close()
	streamer, err := syncer.StartSync(gomysql.Position{Name: start.File, Pos: start.Pos})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var evs []*replication.BinlogEvent
	for commits := 0; commits < n; {
		ev, err := streamer.GetEvent(ctx)
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev)
		if _, ok := ev.Event.(*replication.XIDEvent); ok {
			commits++
		}
	}
	return evs
}

// wrapFirstTransaction replaces the events after the first transaction's
// GTID event, up to its XID, with one payload event holding them.
func wrapFirstTransaction(t *testing.T, evs []*replication.BinlogEvent) []*replication.BinlogEvent {
	t.Helper()
	gtid, xid := -1, -1
	for i, ev := range evs {
		switch ev.Event.(type) {
		case *replication.MariadbGTIDEvent:
			if gtid < 0 {
				gtid = i
			}
		case *replication.XIDEvent:
			if gtid >= 0 && xid < 0 {
				xid = i
			}
		}
	}
	if gtid < 0 || xid < gtid+3 {
		t.Fatalf("no transaction with rows among %d events", len(evs))
	}
	payloadStart := evs[gtid].Header.LogPos
	payloadEnd := evs[xid].Header.LogPos
	var inner []*replication.BinlogEvent
	for _, ev := range evs[gtid+1 : xid+1] {
		h := *ev.Header
		h.LogPos = payloadStart // as go-mysql stamps them: only the last moves past the transaction
		inner = append(inner, &replication.BinlogEvent{RawData: ev.RawData, Header: &h, Event: ev.Event})
	}
	inner[len(inner)-1].Header.LogPos = payloadEnd
	payload := &replication.BinlogEvent{
		Header: &replication.EventHeader{Timestamp: evs[xid].Header.Timestamp, EventType: replication.TRANSACTION_PAYLOAD_EVENT,
			ServerID: evs[xid].Header.ServerID, EventSize: payloadEnd - payloadStart, LogPos: payloadEnd},
		Event: &replication.TransactionPayloadEvent{Events: inner},
	}
	out := append([]*replication.BinlogEvent(nil), evs[:gtid+1]...)
	out = append(out, payload)
	return append(out, evs[xid+1:]...)
}

// readAll feeds evs to a Source and returns every batch it makes.
func readAll(t *testing.T, start event.Position, ddl string, maxRows int, evs []*replication.BinlogEvent) []*event.Batch {
	t.Helper()
	tables, err := schema.ParseDDL(ddl, "shop")
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Addr: "127.0.0.1:1", ServerID: 1, Flavor: FlavorMariaDB, Start: start,
		Tracker: schema.NewTracker(tables...), MaxBatchRows: maxRows}
	if err := cfg.validate(); err != nil {
		t.Fatal(err)
	}
	gt, err := newGTIDTracker(cfg.Flavor, "")
	if err != nil {
		t.Fatal(err)
	}
	s := &Source{cfg: cfg, gtid: gt, file: start.File, committed: start, streamer: replication.NewBinlogStreamer()}
	for _, ev := range evs {
		if err := s.streamer.AddEventToStreamer(ev); err != nil {
			t.Fatal(err)
		}
	}
	var out []*event.Batch
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		b, err := s.ReadBatch(ctx)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return out // every event read
			}
			t.Fatal(err)
		}
		if len(b.Rows) > 0 {
			out = append(out, b)
		}
	}
}
