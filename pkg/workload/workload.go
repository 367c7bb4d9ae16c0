package workload

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// Workload is a running (or ready) load over its tables.
type Workload struct {
	cfg    Config
	tables []*tableState
	stats  counters

	ddlMu sync.Mutex // serialises DDL steps
	ddlN  int        // DDL steps done, for round-robin and new names
}

// tableState is one table: its shape, its names and each worker's keys.
// Writers hold mu for reading during a transaction; DDL holds it for
// writing.
type tableState struct {
	mu          sync.RWMutex
	shape       shape
	name        string   // current table name
	previous    []string // earlier names, oldest first
	truncatedAt time.Time
	extra       []string  // columns added by DDL (VARCHAR(16))
	modified    bool      // the shape's MODIFY COLUMN was applied
	live        []*keySet // per worker: the keys it owns that exist
}

// New returns a workload over cfg.Database; call Setup to create its tables.
func New(cfg Config) (*Workload, error) {
	if err := cfg.normalize(); err != nil {
		return nil, err
	}
	w := &Workload{cfg: cfg}
	all := shapes()
	for i := 0; i < cfg.Tables; i++ {
		sh := all[i%len(all)]
		ts := &tableState{shape: sh, name: sh.name}
		if i >= len(all) {
			ts.name = sh.name + "_" + strconv.Itoa(i)
		}
		for j := 0; j < cfg.Workers; j++ {
			ts.live = append(ts.live, newKeySet())
		}
		w.tables = append(w.tables, ts)
	}
	return w, nil
}

// Database is the database holding the tables.
func (w *Workload) Database() string { return w.cfg.Database }

// qualified returns `db`.`name`.
func (w *Workload) qualified(name string) string { return quote(w.cfg.Database) + "." + quote(name) }

// Setup creates the database when missing and (re)creates the tables empty.
func (w *Workload) Setup(ctx context.Context) error {
	if _, err := w.cfg.DB.ExecContext(ctx, "CREATE DATABASE IF NOT EXISTS "+quote(w.cfg.Database)); err != nil {
		return fmt.Errorf("workload: create database %s: %w", w.cfg.Database, err)
	}
	for _, t := range w.tables {
		for _, q := range []string{"DROP TABLE IF EXISTS " + w.qualified(t.name), t.shape.create(w.qualified(t.name))} {
			if _, err := w.cfg.DB.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("workload: table %s.%s: %w", w.cfg.Database, t.name, err)
			}
		}
	}
	return nil
}

// Stats returns the counters so far.
func (w *Workload) Stats() Stats { return w.stats.snapshot() }

// Run writes until ctx ends (which is not an error) or every worker has
// committed TxnsPerWorker transactions. It fails when statements keep
// failing for GiveUpAfter or the workload's own SQL is rejected.
func (w *Workload) Run(ctx context.Context) (Stats, error) {
	g, gctx := errgroup.WithContext(ctx)
	for i := 0; i < w.cfg.Workers; i++ {
		wk := &worker{w: w, id: i, rng: rand.New(rand.NewPCG(uint64(w.cfg.Seed), uint64(i)))}
		g.Go(func() error { return wk.run(gctx) })
	}
	err := g.Wait()
	if ctx.Err() != nil {
		err = nil
	}
	return w.Stats(), err
}

// worker is one writer with its own generator and keys.
type worker struct {
	w     *Workload
	id    int
	rng   *rand.Rand
	dirty bool // its picture of its keys may be wrong: re-read before writing
}

func (wk *worker) run(ctx context.Context) error {
	var interval time.Duration
	if r := wk.w.cfg.Rate; r > 0 {
		interval = time.Duration(float64(time.Second) * float64(wk.w.cfg.Workers) / r)
	}
	next := time.Now()
	lastOK := time.Now()
	var done int64
	for {
		if n := wk.w.cfg.TxnsPerWorker; n > 0 && done >= n {
			return nil
		}
		if interval > 0 {
			if err := sleepUntil(ctx, next); err != nil {
				return nil
			}
			next = next.Add(interval)
			if behind := time.Since(next); behind > time.Second {
				next = time.Now() // do not burst to catch up after a stall
			}
		}
		if ctx.Err() != nil {
			return nil
		}
		err := wk.step(ctx)
		switch {
		case err == nil:
			done++
			lastOK = time.Now()
		case ctx.Err() != nil:
			return nil
		case isPermanent(err):
			return fmt.Errorf("workload: worker %d: %w", wk.id, err)
		default:
			wk.w.stats.errors.Add(1)
			wk.dirty = true
			wk.w.cfg.Logger.Debug("workload: transaction failed", "worker", wk.id, "err", err)
			if time.Since(lastOK) > wk.w.cfg.GiveUpAfter {
				return fmt.Errorf("workload: worker %d: no transaction committed for %s: %w", wk.id, wk.w.cfg.GiveUpAfter, err)
			}
			if err := sleepUntil(ctx, time.Now().Add(200*time.Millisecond)); err != nil {
				return nil
			}
		}
	}
}

// step re-reads the worker's keys if needed, then runs one transaction.
func (wk *worker) step(ctx context.Context) error {
	if wk.dirty {
		if err := wk.resync(ctx); err != nil {
			return err
		}
		wk.dirty = false
		wk.w.stats.resyncs.Add(1)
	}
	t := wk.w.tables[wk.rng.IntN(len(wk.w.tables))]
	return wk.txn(ctx, t)
}

func sleepUntil(ctx context.Context, at time.Time) error {
	d := time.Until(at)
	if d <= 0 {
		return ctx.Err()
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.C:
		return nil
	}
}
