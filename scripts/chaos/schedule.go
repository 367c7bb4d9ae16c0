package main

import (
	"context"
	"fmt"
	"time"

	"github.com/cdcctl/cdcctl/pkg/workload"
)

// step is one entry of the fault schedule.
type step struct {
	name string
	run  func(ctx context.Context) error
}

// plan lays out the run: phase 1 interleaves the server kills (each after
// a random pause) with DDL and the broker cuts; phase 2, during which
// changefeed B is held stuck until it fails, cuts the registry, restarts
// MariaDB and the broker, and finishes the DDL cycle. Phase 2 has no
// kills: a restart is a fresh attempt and would reset B's stuck clock.
func (r *runner) plan() (phase1, phase2 []step) {
	ddl := func(k workload.DDLKind) step {
		return step{"ddl " + string(k), func(ctx context.Context) error { return r.ddl(ctx, k) }}
	}
	for i, cut := range r.cfg.BrokerCuts {
		if i == 0 {
			phase1 = append(phase1, ddl(workload.AddColumn), ddl(workload.ModifyColumn))
		}
		phase1 = append(phase1, step{"broker cut", func(ctx context.Context) error { return r.brokerCut(ctx, cut, i == 0) }})
		if i == 0 {
			phase1 = append(phase1, ddl(workload.RenameTable))
		} else {
			phase1 = append(phase1, ddl(workload.DropColumn), ddl(workload.TruncateTable), ddl(workload.RenameTable))
		}
	}
	for k := 0; k < r.cfg.Kills; k++ { // each at a random place in phase 1
		at := r.rng.IntN(len(phase1) + 1)
		kill := step{"kill", r.kill}
		phase1 = append(phase1[:at], append([]step{kill}, phase1[at:]...)...)
	}
	phase2 = []step{
		{"registry cut", r.registryCut},
		{"upstream restart", r.upstreamRestart},
		ddl(workload.DropColumn),
		{"broker restart", r.brokerRestart},
		ddl(workload.TruncateTable),
	}
	return phase1, phase2
}

// schedule runs the plan.
func (r *runner) schedule(ctx context.Context) error {
	phase1, phase2 := r.plan()
	for _, s := range phase1 {
		if err := s.run(ctx); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	stuck, err := r.startStuck(ctx)
	if err != nil {
		return err
	}
	for _, s := range phase2 {
		if err := s.run(ctx); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return r.endStuck(ctx, stuck)
}

// kill waits a random moment, SIGKILLs the server and starts it again.
func (r *runner) kill(ctx context.Context) error {
	lo, hi := r.cfg.KillGap[0], r.cfg.KillGap[1]
	if err := sleep(ctx, lo+time.Duration(r.rng.Int64N(int64(hi-lo)+1))); err != nil {
		return err
	}
	f := newFault(kindKill, "", "")
	if err := r.srv.kill(); err != nil {
		return err
	}
	if err := r.srv.start(ctx); err != nil {
		return err
	}
	f.End = time.Now()
	f.Detail = fmt.Sprintf("#%d, back in %s", r.srv.kills, seconds(f.End.Sub(f.Start)))
	return r.recover(ctx, f)
}

// ddl runs one schema change of the steady workload.
func (r *runner) ddl(ctx context.Context, k workload.DDLKind) error {
	f := newFault(kindDDL, "", "")
	stmt, err := r.wl.DDL(ctx, k)
	if err != nil {
		return err
	}
	f.End, f.Detail = time.Now(), stmt
	return r.recover(ctx, f)
}
