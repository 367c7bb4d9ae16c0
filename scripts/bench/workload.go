package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/pingcap/go-tpc/tpcc"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
)

// binlogRange is a stretch of the upstream's binlog the workload wrote.
type binlogRange struct {
	Start event.Position `json:"start"`
	End   event.Position `json:"end"`
	// Seconds is how long the upstream took to write it.
	Seconds float64 `json:"seconds"`
	// Tables are the filter rules of the tables it wrote; a changefeed over
	// it captures only them, so what follows the range adds no messages.
	Tables []string `json:"tables"`
}

// workloadSpec is the workload child's job.
type workloadSpec struct {
	DSN        string `json:"dsn"` // no database selected
	Kind       string `json:"kind"`
	Warehouses int    `json:"warehouses"`
	Rows       int    `json:"rows"`
	Single     int    `json:"single"`
}

// workloadResult is what the workload wrote: a range of batched
// transactions, then one of one-row transactions.
type workloadResult struct {
	Batched binlogRange `json:"batched"`
	Single  binlogRange `json:"single"`
}

// runWorkloadChild writes the workload. It runs in a child because go-tpc
// prints its progress on stdout.
func runWorkloadChild(ctx context.Context, specJSON string) error {
	var spec workloadSpec
	if err := json.Unmarshal([]byte(specJSON), &spec); err != nil {
		return fmt.Errorf("workload spec: %w", err)
	}
	db, err := openDB(spec.DSN, "")
	if err != nil {
		return err
	}
	defer db.Close()
	for _, q := range []string{"CREATE DATABASE tpcc", "CREATE DATABASE bench"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	tdb, err := openDB(spec.DSN, "tpcc")
	if err != nil {
		return err
	}
	defer tdb.Close()
	for _, q := range tpccDDL {
		if _, err := tdb.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("create TPC-C table: %w", err)
		}
	}
	for _, q := range benchDDL {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("create bench table: %w", err)
		}
	}
	res := workloadResult{Batched: binlogRange{Tables: []string{"tpcc.*", "bench.order_line"}},
		Single: binlogRange{Tables: []string{"bench.single"}}}
	err = timeRange(ctx, db, &res.Batched, func() error {
		if spec.Kind == "synthetic" {
			return synthetic(ctx, db, spec.Rows)
		}
		if err := tpccPrepare(ctx, tdb, spec.Warehouses); err != nil {
			return err
		}
		return tpccMix(ctx, tdb, spec.Warehouses)
	})
	if err != nil {
		return err
	}
	if err := timeRange(ctx, db, &res.Single, func() error { return singleRowTxns(ctx, db, spec.Single) }); err != nil {
		return err
	}
	b, _ := json.Marshal(res)
	emit(childEvent{Event: "done", Result: b})
	return nil
}

// timeRange runs fn and records the binlog range and time it took.
func timeRange(ctx context.Context, db *sql.DB, r *binlogRange, fn func() error) error {
	var err error
	if r.Start, err = binlog.CurrentPosition(ctx, db, binlog.FlavorMariaDB, true); err != nil {
		return err
	}
	start := time.Now()
	if err := fn(); err != nil {
		return err
	}
	r.Seconds = time.Since(start).Seconds()
	r.End, err = binlog.CurrentPosition(ctx, db, binlog.FlavorMariaDB, true)
	return err
}

func openDB(dsn, dbName string) (*sql.DB, error) {
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("upstream DSN: %w", err)
	}
	cfg.DBName = dbName
	cfg.InterpolateParams = true // one round trip per statement
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		return nil, err
	}
	db.SetMaxIdleConns(16)
	return db, nil
}

// tpccPrepare loads W warehouses with go-tpc's own loader (1,024-row
// INSERT transactions) from 4 threads.
func tpccPrepare(ctx context.Context, db *sql.DB, warehouses int) error {
	const threads = 4
	w, err := tpcc.NewWorkloader(db, &tpcc.Config{
		DBName: "tpcc", Threads: threads, Parts: 1, Warehouses: warehouses,
		PrepareRetryCount: 3, PrepareRetryInterval: time.Second, MaxMeasureLatency: 16 * time.Second,
	})
	if err != nil {
		return fmt.Errorf("go-tpc: %w", err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, threads)
	for i := range threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tctx := w.InitThread(ctx, i)
			defer w.CleanupThread(tctx, i)
			if err := w.Prepare(tctx, i); err != nil {
				errs <- fmt.Errorf("go-tpc prepare thread %d: %w", i, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// tpccMix updates and deletes about 47k rows per warehouse, in
// transactions of 900 to 3,000 rows: stock restocking, customer balances,
// deliveries (orders get a carrier, new_order rows go).
func tpccMix(ctx context.Context, db *sql.DB, warehouses int) error {
	type stmt struct {
		q    string
		args []any
	}
	var stmts []stmt
	for w := 1; w <= warehouses; w++ {
		for a := 1; a <= 20_000; a += 1000 {
			stmts = append(stmts, stmt{`UPDATE stock SET s_quantity = s_quantity + 1, s_ytd = s_ytd + 5,
				s_order_cnt = s_order_cnt + 1 WHERE s_w_id = ? AND s_i_id BETWEEN ? AND ?`, []any{w, a, a + 999}})
		}
		for d := 1; d <= 3; d++ {
			stmts = append(stmts, stmt{`UPDATE customer SET c_balance = c_balance - 10.00,
				c_payment_cnt = c_payment_cnt + 1 WHERE c_w_id = ? AND c_d_id = ?`, []any{w, d}})
		}
		for d := 1; d <= 10; d++ {
			stmts = append(stmts,
				stmt{`UPDATE orders SET o_carrier_id = ? WHERE o_w_id = ? AND o_d_id = ? AND o_carrier_id IS NULL`, []any{d, w, d}},
				stmt{`DELETE FROM new_order WHERE no_w_id = ? AND no_d_id = ?`, []any{w, d}})
		}
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s.q, s.args...); err != nil {
			return fmt.Errorf("TPC-C mix: %w", err)
		}
	}
	return nil
}

// runWorkload runs the workload child and returns the ranges it wrote.
func runWorkload(ctx context.Context, o *options, dsn string) (workloadResult, error) {
	spec := workloadSpec{DSN: dsn, Kind: o.workload, Warehouses: o.warehouses, Rows: o.rows, Single: o.single}
	c, err := startChild("workload", spec, nil, o.verbose)
	if err != nil {
		return workloadResult{}, err
	}
	defer c.stop()
	ev, err := c.expect(ctx, "done", 2*time.Hour)
	if err != nil {
		return workloadResult{}, err
	}
	var res workloadResult
	if err := json.Unmarshal(ev.Result, &res); err != nil {
		return res, fmt.Errorf("workload result: %w", err)
	}
	return res, nil
}
