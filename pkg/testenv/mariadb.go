package testenv

import (
	"context"
	"database/sql"
	"os"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql" // the production MySQL driver

	"github.com/cdcctl/cdcctl/pkg/mariadb"
)

// MariaDB starts a throwaway MariaDB server for the test and returns it.
// The server and its directory are removed when the test ends.
func MariaDB(t testing.TB, opts ...func(*mariadb.Options)) *mariadb.Server {
	t.Helper()
	dir, err := os.MkdirTemp("", "cdcctl-test-mariadb-")
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
	o := mariadb.Options{Dir: dir}
	for _, fn := range opts {
		fn(&o)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := mariadb.Start(ctx, o)
	if err != nil {
		_ = os.RemoveAll(dir)
		t.Fatalf("testenv: start MariaDB: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Remove(context.Background()); err != nil {
			t.Errorf("testenv: remove MariaDB: %v", err)
		}
	})
	return srv
}

// OpenDB opens dsn with the production driver and closes it when the test
// ends.
func OpenDB(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		t.Fatalf("testenv: open %s: %v", dsn, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// Exec runs statements on db, failing the test on the first error.
func Exec(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("testenv: %s: %v", q, err)
		}
	}
}
