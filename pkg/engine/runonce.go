package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	_ "github.com/go-sql-driver/mysql" // the upstream driver

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
)

// runOnce runs the changefeed once: it builds the pipeline from the
// definition, starts where the checkpoint (or the start plan) says, and
// pumps until ctx ends or something fails. On return the final resolved
// checkpoint is persisted.
func (e *Engine) runOnce(ctx context.Context, f *feed) error {
	f.mu.Lock()
	def := f.def
	f.mu.Unlock()
	r, err := def.resolve()
	if err != nil {
		return err
	}
	parts, err := buildSink(r, f.log)
	if err != nil {
		return err
	}
	defer parts.close(context.Background())
	db, err := sql.Open("mysql", r.upstream.DriverDSN())
	if err != nil {
		return inputErr(CodeUpstream, fmt.Errorf("upstream %s: %w", r.upstream, err))
	}
	defer db.Close()
	db.SetMaxOpenConns(4)

	plan, err := planStart(ctx, r, db, e.opts.Store, parts.filter, f.log)
	if err != nil {
		return &stageError{stage: "read", err: err}
	}
	trackerStart, persisted := plan.point, plan.point
	switch {
	case plan.snap != nil: // nothing is durable until the copy is complete
		trackerStart, persisted = checkpoint.Point{}, checkpoint.Point{}
	case !plan.fromCheckpoint: // persist the start at once, so a restart resumes there
		persisted = checkpoint.Point{}
	}
	hist, err := newSchemaHistory(plan.point.CommitTs, plan.tracker)
	if err != nil {
		return err
	}
	src := newChainedSource(plan.snap, plan.point, func(ctx context.Context) (*binlog.Source, error) {
		return binlog.Open(ctx, binlog.Config{
			Addr: r.upstream.Addr, User: r.upstream.User, Password: r.upstream.Password, TLS: r.upstream.TLSConfig(),
			ServerID: def.ServerID, Flavor: plan.flavor, Start: plan.point.Pos, StartTs: plan.point.CommitTs,
			Tracker: plan.tracker, Match: parts.filter.MatchTable, Logger: f.log,
		})
	})
	defer src.close()

	tracker := checkpoint.NewTracker(trackerStart, e.opts.MemoryLimit)
	// The run's helpers (drain timer, watcher) end with runCtx; runOnce
	// waits for them before it returns (deferred calls run last first:
	// stop, then the wait).
	var helpers sync.WaitGroup
	defer helpers.Wait()
	// When ctx ends (pause, remove, shutdown) the run drains: it stops
	// reading and writes what it read, for at most DrainTimeout.
	runCtx, stop := context.WithCancelCause(context.WithoutCancel(ctx))
	defer stop(nil)
	drain := make(chan struct{})
	helpers.Go(func() {
		select {
		case <-ctx.Done():
			close(drain)
			select {
			case <-time.After(e.opts.DrainTimeout):
				stop(fmt.Errorf("drain did not finish within %s: %w", e.opts.DrainTimeout, context.Canceled))
			case <-runCtx.Done():
			}
		case <-runCtx.Done():
		}
	})
	pers := checkpoint.StartPersister(runCtx, tracker, persisted, checkpoint.PersisterOptions{
		Store: e.opts.Store, Key: f.key, Interval: e.opts.CheckpointInterval, History: hist.at, Logger: f.log,
	})
	stats := &Stats{}
	stats.ObserveEncode, stats.ObserveWrite = e.metrics.observers(f.key.Namespace, f.key.ID)
	h := &runHandle{stats: stats, tracker: tracker, source: src}
	f.mu.Lock()
	f.run = h
	f.mu.Unlock()
	helpers.Go(func() { e.watch(runCtx, f, h, stop) })

	p := &Pipeline{
		Source: src, Filter: parts.filter, Router: parts.router, Encoder: parts.encoder, Writer: parts.producer,
		Tracker: tracker, TargetTs: def.TargetTs, Stats: h.stats, Logger: f.log, Drain: drain,
		OnDDL: func(b *event.Batch) {
			if err := hist.add(b.TxnTs(), plan.tracker); err != nil {
				f.log.Error("record schema history", "error", err)
			}
		},
	}
	f.log.Info("changefeed running", "start", plan.point.Pos.String(), "snapshot", plan.snap != nil)
	err = p.Run(runCtx)
	if cause := context.Cause(runCtx); cause != nil && !errors.Is(cause, context.Canceled) {
		err = cause // the watcher stopped the run
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err() // drained because the changefeed is stopping
		f.log.Info("changefeed drained", "checkpoint", tracker.Resolved().Pos.String())
	}
	stop(nil)
	helpers.Wait()

	closeCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if perr := pers.Close(closeCtx); perr != nil {
		f.log.Warn("persist the final checkpoint", "error", perr)
	}
	f.mu.Lock()
	if r := tracker.Resolved(); r.CommitTs >= f.checkpoint.CommitTs && !r.IsZero() {
		f.checkpoint = r
	}
	f.totals.add(h.stats)
	if p := src.snapshotProgress(); p != nil && p.Done {
		f.snapshot = p // a copy cut short starts again with the next run
	}
	f.run = nil
	f.mu.Unlock()
	return err
}
