package main

import (
	"context"
	"fmt"
	"time"

	"github.com/cdcctl/cdcctl/pkg/workload"
)

// memoryResult is what a broker cut showed of the memory bound.
type memoryResult struct {
	Cut          string `json:"cut"`
	BaselineRSS  int64  `json:"baseline_rss"`  // the server's peak RSS in the 10 s before the cut
	StalledRSS   int64  `json:"stalled_rss"`   // its peak RSS during the cut
	Limit        int64  `json:"memory_limit"`  // --memory-limit
	RowsWritten  int64  `json:"rows_written"`  // upstream row changes during the cut
	RowsRead     int64  `json:"rows_read"`     // rows the engine read meanwhile (-1: unknown)
	HeldBack     bool   `json:"held_back"`     // the reader stopped well short of the upstream
	FrozenAt     uint64 `json:"checkpoint_ts"` // the checkpoint once the cut began
	CheckpointOK bool   `json:"checkpoint_frozen"`
}

// brokerCut cuts the path to Kafka for the spec's duration. The first cut
// also runs the burst workload, so that the backlog exceeds the memory
// limit, and measures the server's RSS.
func (r *runner) brokerCut(ctx context.Context, cut CutSpec, measure bool) error {
	if measure {
		// A little of the burst first, so that the running changefeed
		// knows the burst's topics (it looks a topic up when it first
		// meets it, which would fail during the cut) and its writes
		// stall instead.
		bctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		_, err := r.burst.Run(bctx)
		cancel()
		if err != nil {
			return fmt.Errorf("burst workload: %w", err)
		}
		if err := sleep(ctx, 2*time.Second); err != nil {
			return err
		}
	}
	f := newFault(kindBrokerCut, fmt.Sprintf("%s %s", cut.Mode, seconds(cut.Duration)), causeKafka)
	before := stats(r.wl, r.burst)
	r.st.kafkaProxy.Cut(cutMode(cut.Mode))
	burstDone := make(chan error, 1)
	if measure {
		go func() { // ends after cfg.Burst
			bctx, cancel := context.WithTimeout(ctx, r.cfg.Burst)
			defer cancel()
			_, err := r.burst.Run(bctx)
			burstDone <- err
		}()
	} else {
		burstDone <- nil
	}
	var killed bool
	if !measure && cut.Duration > stallWarningWindow+5*time.Second {
		// A crash during the outage: the restarted server must find its
		// way back to warning, then to normal.
		at := time.Second + time.Duration(r.rng.Int64N(int64(cut.Duration-stallWarningWindow-4*time.Second)))
		if err := sleep(ctx, at); err != nil {
			return err
		}
		if err := r.srv.kill(); err != nil {
			return err
		}
		if err := r.srv.start(ctx); err != nil {
			return err
		}
		killed = true
		f.Detail += fmt.Sprintf(", server killed %s in", seconds(at))
	}
	if err := sleep(ctx, time.Until(f.Start.Add(cut.Duration))); err != nil {
		return err
	}
	if err := <-burstDone; err != nil {
		return fmt.Errorf("burst workload: %w", err)
	}
	m := r.cutMemory(f.Start, time.Now(), before, killed)
	r.st.kafkaProxy.Restore()
	f.End = time.Now()
	m.Cut = f.Detail
	if !m.CheckpointOK {
		f.addProblem("the checkpoint moved while Kafka was cut off")
	}
	r.memory = append(r.memory, m)
	if measure {
		r.logf("broker cut: RSS %d MiB before, %d MiB peak during (limit %d MiB); rows read %d of %d written; checkpoint frozen %v",
			m.BaselineRSS>>20, m.StalledRSS>>20, m.Limit>>20, m.RowsRead, m.RowsWritten, m.CheckpointOK)
	}
	return r.recover(ctx, f)
}

// cutMemory reads what the observer saw during a cut in [from, to].
func (r *runner) cutMemory(from, to time.Time, before workload.Stats, killed bool) memoryResult {
	m := memoryResult{Limit: r.cfg.MemoryLimit, RowsRead: -1, CheckpointOK: true}
	for _, p := range r.obs.rssBetween(from.Add(-10*time.Second), from) {
		m.BaselineRSS = max(m.BaselineRSS, p.RSS)
	}
	grace := from.Add(freezeGrace)
	pts := r.obs.rssBetween(grace, to)
	for _, p := range r.obs.rssBetween(from, to) {
		m.StalledRSS = max(m.StalledRSS, p.RSS)
	}
	if !killed && len(pts) >= 2 && pts[0].RowsRead >= 0 && pts[len(pts)-1].RowsRead >= 0 {
		m.RowsRead = pts[len(pts)-1].RowsRead - pts[0].RowsRead
	}
	after := stats(r.wl, r.burst)
	m.RowsWritten = rowChanges(after) - rowChanges(before)
	m.HeldBack = m.RowsRead >= 0 && m.RowsRead < m.RowsWritten/2
	// The checkpoint may take in acks that were on their way when the
	// cut began, then must stay put.
	var frozen uint64
	for _, o := range r.obs.between(feedA, from.Add(-time.Minute), grace) {
		frozen = o.Checkpoint
	}
	m.FrozenAt = frozen
	for _, o := range r.obs.between(feedA, grace, to) {
		if o.Checkpoint > frozen {
			m.CheckpointOK = false
		}
	}
	return m
}

func stats(ws ...*workload.Workload) workload.Stats {
	var s workload.Stats
	for _, w := range ws {
		x := w.Stats()
		s.Txns += x.Txns
		s.Inserts += x.Inserts
		s.Updates += x.Updates
		s.KeyUpdates += x.KeyUpdates
		s.Deletes += x.Deletes
	}
	return s
}

// rowChanges counts the row changes a workload committed.
func rowChanges(s workload.Stats) int64 { return s.Inserts + s.Updates + s.KeyUpdates + s.Deletes }

// registryCut cuts changefeed A's path to the registry and changes a
// table's schema meanwhile, so that the engine must register a schema.
func (r *runner) registryCut(ctx context.Context) error {
	cut := r.cfg.RegistryCut
	f := newFault(kindRegistryCut, fmt.Sprintf("%s %s", cut.Mode, seconds(cut.Duration)), causeRegistry)
	f.known = "registry-state"
	r.st.regProxy.Cut(cutMode(cut.Mode))
	if err := sleep(ctx, 500*time.Millisecond); err != nil {
		return err
	}
	stmt, err := r.wl.DDL(ctx, workload.AddColumn)
	if err != nil {
		return err
	}
	f.Detail += ", meanwhile " + stmt
	if err := sleep(ctx, time.Until(f.Start.Add(cut.Duration))); err != nil {
		return err
	}
	r.st.regProxy.Restore()
	f.End = time.Now()
	return r.recover(ctx, f)
}

// upstreamRestart stops mariadbd and starts it again on its data.
func (r *runner) upstreamRestart(ctx context.Context) error {
	f := newFault(kindUpstream, fmt.Sprintf("down %s", seconds(r.cfg.UpstreamDown)), causeUpstream)
	if err := r.st.db.Stop(ctx); err != nil {
		return err
	}
	if err := sleep(ctx, r.cfg.UpstreamDown); err != nil {
		return err
	}
	if err := r.st.db.Start(ctx); err != nil {
		return err
	}
	f.End = time.Now()
	return r.recover(ctx, f)
}

// brokerRestart stops the broker and starts it again on its on-disk log.
func (r *runner) brokerRestart(ctx context.Context) error {
	f := newFault(kindBrokerRestart, fmt.Sprintf("down %s, same log", seconds(r.cfg.BrokerDown)), causeKafka)
	r.st.stopBroker()
	if err := sleep(ctx, r.cfg.BrokerDown); err != nil {
		return err
	}
	if err := r.st.startBroker(); err != nil {
		return err
	}
	f.End = time.Now()
	return r.recover(ctx, f)
}
