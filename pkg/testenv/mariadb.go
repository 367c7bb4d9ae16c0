package testenv

import (
	"context"
	"database/sql"
	"errors"
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
	// Start-up can fail for reasons outside the test when several test
	// packages start sandboxes at once (a free port taken between the
	// check and the bind, mariadb-install-db racing for resources): try
	// again with a fresh directory and port, a bounded number of times.
	var srv *mariadb.Server
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		if srv, err = startMariaDB(opts); err == nil || errors.Is(err, mariadb.ErrNotInstalled) {
			break // started, or nothing to retry: the binaries are missing
		}
		t.Logf("testenv: MariaDB start attempt %d failed: %v", attempt, err)
	}
	if err != nil {
		t.Fatalf("testenv: start MariaDB: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Remove(context.Background()); err != nil {
			t.Errorf("testenv: remove MariaDB: %v", err)
		}
	})
	return srv
}

func startMariaDB(opts []func(*mariadb.Options)) (*mariadb.Server, error) {
	dir, err := os.MkdirTemp("", "cdcctl-test-mariadb-")
	if err != nil {
		return nil, err
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
		return nil, err
	}
	return srv, nil
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
