package run

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/pingcap/go-tpc/pkg/measurement"
	"github.com/pingcap/go-tpc/pkg/workload"

	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/output"
)

func run(ctx context.Context, o *Options) error {
	db, err := shared.Open(ctx, o.Target, false, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxIdleConns(o.Threads + 1)
	warehouses, err := o.warehouses(ctx, db)
	if err != nil {
		return err
	}
	w, err := shared.NewWorkload(db, o.config(warehouses))
	if err != nil {
		return err
	}
	m, err := measurementOf(w)
	if err != nil {
		return err
	}
	// Transactions run on a context that Ctrl-C does not cancel: the
	// threads stop between transactions, and running ones are cancelled
	// only if they have not finished after the grace period.
	txnCtx, cancelTxn := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelTxn()
	stopGrace := context.AfterFunc(ctx, func() {
		t := time.NewTimer(shared.Grace)
		defer t.Stop()
		select {
		case <-t.C:
			cancelTxn()
		case <-txnCtx.Done():
		}
	})
	defer stopGrace()

	start := time.Now()
	live := liveLine{m: m, warehouses: warehouses, start: start}
	stopStatus := shared.Status{Out: o.IO.ErrOut, TTY: o.IO.IsStderrTTY(), TTYEvery: time.Second, PlainEvery: 10 * time.Second,
		Line: live.line}.Start()
	runErr := shared.EachThread(txnCtx, w, o.Threads, shared.Grace, o.worker(ctx, w, start))
	elapsed := time.Since(start)
	stopStatus()

	v := newView(o, warehouses, take(m, true), elapsed, ctx.Err() != nil)
	if err := output.Print(o.IO, o.Format, v); err != nil {
		return err
	}
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("%s: run interrupted after %s (summary so far above)", o.Target, elapsed.Round(time.Millisecond))
	case runErr != nil:
		return fmt.Errorf("%s: run stopped after %s: %w", o.Target, elapsed.Round(time.Millisecond), runErr)
	}
	return nil
}

// worker returns the loop of one go-tpc thread: transactions until ctx (the
// command's) or the thread's context is done, --time has passed or --count
// transactions have been started.
func (o *Options) worker(ctx context.Context, w workload.Workloader, start time.Time) func(context.Context, int) error {
	var started atomic.Int64
	deadline := start.Add(o.Time)
	return func(tctx context.Context, thread int) error {
		for {
			if ctx.Err() != nil || tctx.Err() != nil || o.Time > 0 && !time.Now().Before(deadline) {
				return nil
			}
			if o.Count > 0 && started.Add(1) > o.Count {
				return nil
			}
			err := w.Run(tctx, thread)
			switch {
			case err == nil:
			case tctx.Err() != nil:
				return nil // cancelled after the grace period or by another thread's error
			case o.IgnoreError || retryable(err):
				o.Logger.Debug("tpcc transaction failed", "thread", thread, "err", err)
			default:
				return fmt.Errorf("thread %d: %w", thread, err)
			}
		}
	}
}

// retryable reports a deadlock or lock wait timeout: the transaction lost
// a conflict and a client would retry it. go-tpc formats its errors with
// %v, so the MySQL error number is matched in the text too.
func retryable(err error) bool {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1213 || me.Number == 1205
	}
	msg := err.Error()
	return strings.Contains(msg, "Error 1213") || strings.Contains(msg, "Error 1205")
}

// warehouses checks that prepare has loaded the tables and returns the
// warehouses to use: --warehouses, or all the warehouse table holds.
func (o *Options) warehouses(ctx context.Context, db *sql.DB) (int, error) {
	existing, err := shared.ExistingTables(ctx, db)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", o.Target, err)
	}
	if len(existing) < len(shared.Tables()) {
		var missing []string
		for _, t := range shared.Tables() {
			if !contains(existing, t.Name) {
				missing = append(missing, t.Name)
			}
		}
		return 0, cmderr.NotFound(fmt.Errorf("%s: no TPC-C tables %s; run `cdcctl bench tpcc prepare` first",
			o.Target, strings.Join(missing, ", ")))
	}
	n, err := shared.CountRows(ctx, db, "warehouse")
	if err != nil {
		return 0, fmt.Errorf("%s: %w", o.Target, err)
	}
	switch {
	case n == 0:
		return 0, cmderr.NotFound(fmt.Errorf("%s: the warehouse table is empty; run `cdcctl bench tpcc prepare` first", o.Target))
	case o.Warehouses == 0:
		return int(n), nil
	case int64(o.Warehouses) > n:
		return 0, cmderr.FlagErrorf("--warehouses %d: %s holds only %d", o.Warehouses, o.Target, n)
	}
	return o.Warehouses, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// liveLine renders the status line from go-tpc's running measurement.
type liveLine struct {
	m          *measurement.Measurement
	warehouses int
	start      time.Time
}

func (l liveLine) line(bool) string {
	elapsed := time.Since(l.start)
	s := take(l.m, false)
	tpmC, tpmTotal, eff := s.rates(elapsed, l.warehouses)
	no := s.of("new_order")
	return fmt.Sprintf("%s  tpmC %.1f  efficiency %.1f%%  tpmTotal %.1f  new_order p50 %.1fms p95 %.1fms p99 %.1fms  errors %d",
		elapsed.Round(time.Second), tpmC, eff, tpmTotal, no.P50Ms, no.P95Ms, no.P99Ms, s.total.Errors)
}
