package engine

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/meta"
)

// feed is one changefeed: its definition, lifecycle and current run.
type feed struct {
	key meta.Key
	log *slog.Logger

	mu         sync.Mutex
	def        Definition
	lc         *lifecycle
	checkpoint checkpoint.Point  // the latest known (persisted or resolved)
	run        *runHandle        // nil when not running
	totals     runTotals         // counters of finished runs
	snapshot   *SnapshotProgress // the last run's completed copy, if any
	cancel     context.CancelFunc
	done       chan struct{} // closed when the supervisor returned
}

// runHandle exposes a live run to status readers.
type runHandle struct {
	stats   *Stats
	tracker *checkpoint.Tracker
	source  *chainedSource
	rate    atomicRate // rows written per second, set by the watcher
}

// totalsNow returns the counters of finished runs plus the current one.
func (f *feed) totalsNow() runTotals {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.totals
	t.tables = make(map[string][4]int64, len(f.totals.tables))
	for k, v := range f.totals.tables {
		t.tables[k] = v
	}
	if f.run != nil {
		t.add(f.run.stats)
	}
	return t
}

// Status is a changefeed's live status.
type Status struct {
	Definition  Definition
	State       State
	Checkpoint  checkpoint.Point
	LastError   *RunError
	LastWarning *RunError
	// RowsRead/RowsWritten count the current run; ResolvedTs is the commit
	// ts of the newest batch read.
	RowsRead, RowsWritten int64
	// InFlightBytes are held by batches read but not yet acknowledged;
	// Options.MemoryLimit bounds them.
	InFlightBytes int64
	// Tables counts the row changes written per table since the server
	// started: insert, update, delete, and the rows of the initial copy.
	Tables map[string][4]int64
	// RowsPerSecond is the recent rate of rows written (acknowledged by
	// Kafka); nil when no run is live or none has been measured yet.
	RowsPerSecond *float64
	// Snapshot is the progress of the initial copy: live while it runs,
	// done once it is complete; nil when this process has not copied.
	Snapshot *SnapshotProgress
}

func (f *feed) status() Status {
	totals := f.totalsNow()
	f.mu.Lock()
	defer f.mu.Unlock()
	st := Status{Definition: f.def, State: f.lc.state, Checkpoint: f.checkpoint,
		LastError: f.lc.lastError, LastWarning: f.lc.lastWarning, Tables: totals.tables, Snapshot: f.snapshot}
	if f.run != nil {
		if r := f.run.tracker.Resolved(); r.CommitTs > st.Checkpoint.CommitTs || st.Checkpoint.IsZero() {
			st.Checkpoint = r
		}
		ip, ok := f.run.source.idle()
		st.Checkpoint = idleCheckpoint(st.Checkpoint, ip, ok)
		st.RowsRead = f.run.stats.RowsRead.Load()
		st.RowsWritten = f.run.stats.RowsWritten.Load()
		st.InFlightBytes = f.run.tracker.InFlight()
		st.RowsPerSecond = f.run.rate.Load()
		if p := f.run.source.snapshotProgress(); p != nil {
			st.Snapshot = p
		}
	}
	return st
}

// supervise runs the changefeed until ctx ends, restarting it after
// retryable errors with backoff, and stopping it for good on unretryable
// ones, when stuck for too long, or at its target.
func (e *Engine) supervise(ctx context.Context, f *feed) {
	done := f.done
	defer func() {
		// Ending on its own (failed, finished) leaves no run behind: clear
		// cancel so that Resume starts a new supervisor. stopFeed may have
		// cleared it already.
		f.mu.Lock()
		if f.done == done {
			f.cancel = nil
		}
		f.mu.Unlock()
		close(done)
	}()
	for {
		err := e.runOnce(ctx, f)
		if ctx.Err() != nil {
			return // paused, removed or shutting down
		}
		now := e.opts.Now()
		f.mu.Lock()
		cp := f.checkpoint.CommitTs
		if errors.Is(err, ErrTargetReached) {
			f.lc.finish()
			f.mu.Unlock()
			e.saveStatus(f)
			f.log.Info("changefeed reached its target-ts")
			return
		}
		code, retryable := classify(err)
		if !retryable {
			f.lc.fatal(now, code, err)
			f.mu.Unlock()
			e.saveStatus(f)
			f.log.Error("changefeed failed", "code", code, "error", err)
			return
		}
		f.totals.restarts++
		wait, failed := f.lc.retryableError(now, code, err, cp)
		f.mu.Unlock()
		e.saveStatus(f)
		if failed {
			f.log.Error("changefeed failed: retrying for longer than the stuck duration", "code", code, "error", err)
			return
		}
		f.log.Warn("changefeed error; retrying", "code", code, "error", err, "retry_in", wait)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return
		}
		f.mu.Lock()
		f.lc.restarted()
		f.mu.Unlock()
		e.saveStatus(f)
	}
}

// watch follows a run: it measures the rows written per second, clears
// warnings once the checkpoint moves, and turns a Kafka write that stays
// unacknowledged into a warning (and, past the stuck duration, a failure
// that stops the run).
func (e *Engine) watch(ctx context.Context, f *feed, h *runHandle, stop context.CancelCauseFunc) {
	tick := time.NewTicker(e.opts.WatchInterval)
	defer tick.Stop()
	rate := newRateMeter(rateWindow, e.opts.Now(), h.stats.RowsWritten.Load())
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		now := e.opts.Now()
		if r, ok := rate.observe(now, h.stats.RowsWritten.Load()); ok {
			h.rate.Store(r)
		}
		ip, idle := h.source.idle()
		resolved := idleCheckpoint(h.tracker.Resolved(), ip, idle)
		f.mu.Lock()
		changed := false
		if resolved.CommitTs > f.checkpoint.CommitTs {
			f.checkpoint = resolved
			before := f.lc.state
			f.lc.checkpointAdvanced(resolved.CommitTs)
			changed = before != f.lc.state
		}
		var failed bool
		if stall := h.stats.WriteStalledFor(now); stall >= e.opts.StallWarning {
			before := f.lc.state
			failed = f.lc.warning(now, CodeKafka, errStalled(stall), f.checkpoint.CommitTs)
			changed = changed || before != f.lc.state
		} else if stall := h.stats.EncodeStalledFor(now); stall >= e.opts.StallWarning {
			before := f.lc.state
			failed = f.lc.warning(now, CodeRegistry, encodeStalled(stall), f.checkpoint.CommitTs)
			changed = changed || before != f.lc.state
		}
		var failure error
		if failed {
			failure = &InputError{Code: f.lc.lastError.Code, Err: errors.New(f.lc.lastError.Message)}
		}
		f.mu.Unlock()
		if changed {
			e.saveStatus(f)
		}
		if failed {
			stop(failure)
			return
		}
	}
}

type stalledError time.Duration

func (s stalledError) Error() string {
	return "Kafka has not acknowledged a write for " + time.Duration(s).Round(time.Second).String() + "; retrying"
}

func errStalled(d time.Duration) error { return stalledError(d) }

type encodeStalledError time.Duration

func (s encodeStalledError) Error() string {
	return "encoding has waited " + time.Duration(s).Round(time.Second).String() +
		" for the schema registry (or Kafka topic metadata); retrying"
}

func encodeStalled(d time.Duration) error { return encodeStalledError(d) }
