package prepare

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc/shared"
	"github.com/cdcctl/cdcctl/pkg/output"
)

func run(ctx context.Context, o *Options) error {
	start := time.Now()
	counter := newRowCounter()
	db, err := shared.Open(ctx, o.Target, true, func(c driver.Connector) driver.Connector {
		return countingConnector{Connector: c, rows: counter}
	})
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxIdleConns(2*o.Threads + 1)
	if !o.DropData {
		if err := checkEmpty(ctx, db, o.Target); err != nil {
			return err
		}
	}
	w, err := shared.NewWorkload(db, o.config())
	if err != nil {
		return err
	}
	loadCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	if o.RetryCount == 0 {
		counter.onError = func(error) { cancel() }
	}
	goTPCLine := func(line string) { o.Logger.Debug("go-tpc", "output", line) }
	p := newProgress(shared.StderrRenderer(o.IO, o.Env), o.IO.IsStderrTTY(), o.Warehouses)
	err = shared.CaptureStdout(goTPCLine, func() error {
		if o.DropData {
			if err := shared.EachThread(ctx, w, 1, shared.Grace, w.Cleanup); err != nil {
				return fmt.Errorf("%s: drop the TPC-C tables: %w", o.Target, err)
			}
		}
		if o.HistoryKey {
			if err := createHistoryWithKey(ctx, db); err != nil {
				return fmt.Errorf("%s: %w", o.Target, err)
			}
		}
		loadStart := time.Now()
		var failed atomic.Bool // set before stop, for the final line
		stop := shared.Status{Out: o.IO.ErrOut, TTY: o.IO.IsStderrTTY(), TTYEvery: 200 * time.Millisecond, PlainEvery: 10 * time.Second,
			Line: func(final bool) string {
				return p.line(counter.snapshot(), time.Since(loadStart), final, failed.Load())
			}}.Start()
		err := shared.EachThread(loadCtx, w, o.Threads, shared.Grace, w.Prepare)
		failed.Store(err != nil)
		stop()
		return err
	})
	if err := loadError(ctx, o, counter, err); err != nil {
		return err
	}
	if err := verify(ctx, db, o.Warehouses, counter.snapshot()); err != nil {
		return fmt.Errorf("%s: %w", o.Target, err)
	}
	if o.Check {
		fmt.Fprintf(o.IO.ErrOut, "Running go-tpc's TPC-C consistency checks on %d warehouse(s)...\n", o.Warehouses)
		err := shared.CaptureStdout(goTPCLine, func() error {
			return shared.EachThread(ctx, w, o.Threads, shared.Grace, w.CheckPrepare)
		})
		if err != nil {
			return fmt.Errorf("%s: consistency check: %w", o.Target, err)
		}
	}
	return output.Print(o.IO, o.Format, newView(o, counter.snapshot(), time.Since(start)))
}

// loadError turns the outcome of the load into the error to report: the
// first failed INSERT when there was one (go-tpc's loader swallows it),
// the interruption, or go-tpc's error.
func loadError(ctx context.Context, o *Options, counter *rowCounter, err error) error {
	failures, first := counter.failed()
	switch {
	case err != nil && ctx.Err() != nil:
		var loaded int64
		for _, n := range counter.snapshot() {
			loaded += n
		}
		return fmt.Errorf("%s: prepare interrupted after loading %d rows: %w", o.Target, loaded, ctx.Err())
	case first != nil && (err != nil || o.RetryCount == 0):
		if failures > 1 {
			return fmt.Errorf("%s: %w (and %d more failed batches)", o.Target, first, failures-1)
		}
		return fmt.Errorf("%s: %w", o.Target, first)
	case err != nil:
		return fmt.Errorf("%s: prepare: %w", o.Target, err)
	}
	return nil
}

// checkEmpty refuses to load into TPC-C tables that hold rows: go-tpc would
// stop at the first duplicate key.
func checkEmpty(ctx context.Context, db *sql.DB, t shared.Target) error {
	existing, err := shared.ExistingTables(ctx, db)
	if err != nil {
		return fmt.Errorf("%s: %w", t, err)
	}
	for _, name := range existing {
		var one int
		err := db.QueryRowContext(ctx, "SELECT 1 FROM "+shared.QuoteName(name)+" LIMIT 1").Scan(&one)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: table %s: %w", t, name, err)
		}
		return fmt.Errorf("%s: table %s already holds rows; run `cdcctl bench tpcc cleanup` first or pass --dropdata", t, name)
	}
	return nil
}

// verify compares the rows inserted with what go-tpc loads: exact counts
// for every table but order_line, whose rows must add up to the orders'
// o_ol_cnt.
func verify(ctx context.Context, db *sql.DB, warehouses int, rows []int64) error {
	for i, t := range shared.Tables() {
		if t.Approx {
			var want sql.NullInt64
			if err := db.QueryRowContext(ctx, "SELECT SUM(o_ol_cnt) FROM orders").Scan(&want); err != nil {
				return fmt.Errorf("check order_line: %w", err)
			}
			if rows[i] != want.Int64 {
				return fmt.Errorf("table %s: loaded %d rows, but the orders have %d lines", t.Name, rows[i], want.Int64)
			}
			continue
		}
		if want := t.Rows(warehouses); rows[i] != want {
			return fmt.Errorf("table %s: loaded %d rows, want %d", t.Name, rows[i], want)
		}
	}
	return nil
}

// createHistoryWithKey creates history as go-tpc v1.0.7 does (tpcc/ddl.go)
// plus an auto-increment primary key, before go-tpc's CREATE TABLE IF NOT
// EXISTS. go-tpc names its columns in every INSERT into history, so the
// extra column takes its default.
func createHistoryWithKey(ctx context.Context, db *sql.DB) error {
	const ddl = `CREATE TABLE IF NOT EXISTS history (
	h_id BIGINT NOT NULL AUTO_INCREMENT,
	h_c_id INT NOT NULL,
	h_c_d_id INT NOT NULL,
	h_c_w_id INT NOT NULL,
	h_d_id INT NOT NULL,
	h_w_id INT NOT NULL,
	h_date DATETIME,
	h_amount DECIMAL(6, 2),
	h_data VARCHAR(24),
	PRIMARY KEY (h_id),
	INDEX idx_h_w_id (h_w_id),
	INDEX idx_h_c_w_id (h_c_w_id)
)`
	if _, err := db.ExecContext(ctx, ddl); err != nil {
		return fmt.Errorf("create history with a key: %w", err)
	}
	var n int
	err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM information_schema.KEY_COLUMN_USAGE
		WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'history' AND CONSTRAINT_NAME = 'PRIMARY' AND COLUMN_NAME = 'h_id'`).Scan(&n)
	switch {
	case err != nil:
		return fmt.Errorf("check the key of history: %w", err)
	case n == 0:
		return fmt.Errorf("table history exists without the key h_id; run `cdcctl bench tpcc cleanup` first or pass --dropdata")
	}
	return nil
}
