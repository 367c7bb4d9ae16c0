//go:build integration

package binlog_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/faultproxy"
	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// TestSilentConnectionIsDead: an idle upstream stays alive on heartbeats,
// and a connection that goes silent (packets dropped, no reset) fails the
// read after StallTimeout instead of hanging.
func TestSilentConnectionIsDead(t *testing.T) {
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, db, "CREATE DATABASE shop", "CREATE TABLE shop.t (id INT PRIMARY KEY)")
	tables, err := schema.ParseDDL("CREATE TABLE t (id INT PRIMARY KEY)", "shop")
	if err != nil {
		t.Fatal(err)
	}
	info, err := binlog.Inspect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	proxy, err := faultproxy.Start("127.0.0.1:0", srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = proxy.Close() })
	const stall = 1200 * time.Millisecond
	src, err := binlog.Open(context.Background(), binlog.Config{
		Addr: proxy.Addr(), User: mariadb.User, Password: mariadb.Password, ServerID: 9002, Flavor: info.Flavor,
		Start: info.Position, Tracker: schema.NewTracker(tables...), StallTimeout: stall,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(src.Close)

	idle, cancel := context.WithTimeout(context.Background(), 3*stall)
	defer cancel()
	if _, err := src.ReadBatch(idle); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("idle read: %v, want the caller's deadline (heartbeats keep the connection alive)", err)
	}
	testenv.Exec(t, db, "INSERT INTO shop.t VALUES (1)")
	ctx, cancel2 := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel2()
	b, err := src.ReadBatch(ctx)
	if err != nil || len(b.Rows) != 1 {
		t.Fatalf("batch after idle: %+v, %v", b, err)
	}

	proxy.Cut(faultproxy.Blackhole)
	defer proxy.Restore() // lets go-mysql's KILL on close get through
	start := time.Now()
	_, err = src.ReadBatch(ctx)
	if err == nil || !strings.Contains(err.Error(), "not even a heartbeat") {
		t.Fatalf("read through a silent connection: %v, want a stall error", err)
	}
	if took := time.Since(start); took > 3*stall {
		t.Errorf("stall detected after %s, want about %s", took, stall)
	}
}
