package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/verify"
	"github.com/cdcctl/cdcctl/pkg/workload"
)

// setupLoad creates the workloads' tables, changefeed B's table and the
// marker tables the run ends with.
func (r *runner) setupLoad(ctx context.Context) error {
	var err error
	r.wl, err = workload.New(workload.Config{DB: r.st.sql, Database: dbA, Rate: r.cfg.Rate, Workers: r.cfg.Workers, Seed: r.cfg.Seed})
	if err != nil {
		return err
	}
	r.burst, err = workload.New(workload.Config{DB: r.st.sql, Database: dbBurst, Workers: 2, Seed: r.cfg.Seed + 1, KeySpace: 5000})
	if err != nil {
		return err
	}
	for _, w := range []*workload.Workload{r.wl, r.burst} {
		if err := w.Setup(ctx); err != nil {
			return err
		}
	}
	for _, q := range []string{
		"CREATE DATABASE IF NOT EXISTS " + dbB,
		"CREATE TABLE " + dbA + ".marker (id INT PRIMARY KEY, at DATETIME(3) NOT NULL)",
		"CREATE TABLE " + dbB + ".marker (id INT PRIMARY KEY, at DATETIME(3) NOT NULL)",
		"CREATE TABLE " + dbB + ".t (id INT PRIMARY KEY, v VARCHAR(32) NOT NULL, n BIGINT NULL)",
	} {
		if _, err := r.st.sql.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// writeB writes n rows to changefeed B's table in one transaction.
func (r *runner) writeB(ctx context.Context, n int) error {
	tx, err := r.st.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i := 0; i < n; i++ {
		r.bRows++
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+dbB+".t VALUES (?, ?, ?)", r.bRows, fmt.Sprintf("row %d", r.bRows), r.bRows*r.bRows); err != nil {
			return fmt.Errorf("write %s.t: %w", dbB, err)
		}
	}
	return tx.Commit()
}

// tablesA are changefeed A's tables (with earlier names and truncations).
func (r *runner) tablesA() []verify.Table {
	out := append(r.wl.Tables(), r.burst.Tables()...)
	return append(out, verify.Table{Name: dbA + ".marker"})
}

// topicsA are the topics of changefeed A's tables under every name they
// had.
func (r *runner) topicsA() []string {
	var out []string
	for _, t := range r.tablesA() {
		for _, n := range append(append([]string(nil), t.Previous...), t.Name) {
			db, tbl, _ := strings.Cut(n, ".")
			out = append(out, dispatch.SubstituteTopic(topicFmt, db, tbl))
		}
	}
	return out
}

// finish writes a marker transaction to both changefeeds' databases, alone
// in its second, and waits until both checkpoints pass it: everything
// written upstream is then acknowledged by Kafka.
func (r *runner) finish(ctx context.Context) error {
	now := time.Now()
	if err := sleep(ctx, now.Truncate(time.Second).Add(time.Second+20*time.Millisecond).Sub(now)); err != nil {
		return err
	}
	sec := time.Now().Truncate(time.Second)
	tx, err := r.st.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, db := range []string{dbA, dbB} {
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+db+".marker VALUES (1, NOW(3))"); err != nil {
			return fmt.Errorf("marker: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("marker: %w", err)
	}
	if time.Now().Truncate(time.Second) != sec {
		r.logf("marker committed across a second boundary; waiting on the later second")
		sec = time.Now().Truncate(time.Second)
	}
	for _, id := range []string{feedA, feedB} {
		if err := r.waitCheckpoint(ctx, id, sec); err != nil {
			return fmt.Errorf("the final marker: %w", err)
		}
	}
	r.logf("both changefeeds' checkpoints passed the final marker")
	return nil
}

// waitCheckpoint waits until a changefeed's checkpoint reaches the
// second after (the binlog's commit times have whole seconds).
func (r *runner) waitCheckpoint(ctx context.Context, id string, after time.Time) error {
	want := event.ComposeTS(after.Truncate(time.Second).UnixMilli(), 0)
	deadline := time.Now().Add(r.cfg.Recovery)
	for {
		o, ok := r.obs.last(id)
		if ok && o.Checkpoint >= want {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("changefeed %s: checkpoint %d (%s) did not reach %s within %s", id, o.Checkpoint, o.State,
				after.Truncate(time.Second).Format(time.RFC3339), r.cfg.Recovery)
		}
		if err := sleep(ctx, sampleEvery); err != nil {
			return err
		}
	}
}

// recover waits until changefeed A is normal with its checkpoint past the
// fault's end, then judges the fault from what was observed.
func (r *runner) recover(ctx context.Context, f *fault) error {
	want := event.ComposeTS(f.End.UnixMilli(), 0)
	deadline := time.Now().Add(r.cfg.Recovery)
	for {
		if o, ok := r.obs.last(feedA); ok && o.At.After(f.End) && o.State == "normal" && o.Checkpoint >= want {
			f.Recovered = o.At
			break
		}
		if time.Now().After(deadline) {
			break
		}
		if err := sleep(ctx, sampleEvery); err != nil {
			return err
		}
	}
	to := f.Recovered
	if to.IsZero() {
		to = time.Now()
	}
	f.judge(r.obs.between(feedA, f.Start, to))
	r.faults = append(r.faults, f)
	verdict := "ok"
	if f.Problem != "" {
		verdict = "PROBLEM: " + f.Problem
	}
	r.logf("%s %s: states %v causes %v; recovered %s after it ended; %s", f.Kind, f.Detail, f.States, f.Causes,
		seconds(f.Recovered.Sub(f.End)), verdict)
	if f.Recovered.IsZero() {
		return fmt.Errorf("%w after %s %s within %s", errNotRecovered, f.Kind, f.Detail, r.cfg.Recovery)
	}
	return nil
}
