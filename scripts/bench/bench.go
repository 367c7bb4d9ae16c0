package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cdcctl/cdcctl/pkg/mariadb"
)

// sandboxArgs make the sandbox a fast workload generator; none of them
// changes what goes into the binlog (ROW, full images and metadata, 8 KiB
// rows events: the defaults).
var sandboxArgs = []string{
	"--innodb-buffer-pool-size=1G",
	"--innodb-log-file-size=512M",
	"--innodb-flush-log-at-trx-commit=0",
	"--sync-binlog=0",
	"--binlog-cache-size=4M",
}

// runFigures are the measurements of one run over the workload.
type runFigures struct {
	L1, SingleL1            l1Result
	L2                      l2Result
	Messages, Bytes         int64
	CatchUp, SingleCatchUp  catchUp
	Baseline, BaselineTuned baselineRun
	Lag                     lagResult
	LoadAvg                 float64
}

// runBench starts the sandbox, writes the workload once, measures it
// o.runs times and builds the report.
func runBench(ctx context.Context, o *options) (*report, error) {
	started := time.Now()
	progress := func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "bench %6.1fs: %s\n", time.Since(started).Seconds(), fmt.Sprintf(format, args...))
	}
	if o.profileDir != "" {
		if err := os.MkdirAll(o.profileDir, 0o755); err != nil {
			return nil, err
		}
	}
	dir, err := os.MkdirTemp("", "cdcctl-bench-mariadb-")
	if err != nil {
		return nil, err
	}
	progress("starting the MariaDB sandbox in %s", dir)
	srv, err := mariadb.Start(ctx, mariadb.Options{Dir: dir, ExtraArgs: sandboxArgs})
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	defer func() { _ = srv.Remove(context.Background()) }()
	up := &upstream{host: "127.0.0.1", port: uint16(srv.Port()), user: mariadb.User, dsn: srv.DSN(""), url: srv.URL(),
		pidFile: filepath.Join(dir, "mysqld.pid"), serverID: 100}

	progress("writing the %s workload", o.workload)
	wl, err := runWorkload(ctx, o, up.dsn)
	if err != nil {
		return nil, err
	}
	progress("workload written: batched %s → %s in %.1fs, one-row %s → %s in %.1fs",
		wl.Batched.Start, wl.Batched.End, wl.Batched.Seconds, wl.Single.Start, wl.Single.End, wl.Single.Seconds)
	skip := map[string]bool{}
	for _, s := range strings.Split(o.skip, ",") {
		skip[strings.TrimSpace(s)] = true
	}
	var runs []runFigures
	for i := range o.runs {
		progress("run %d of %d", i+1, o.runs)
		f, err := measureRun(ctx, o, up, wl, skip, func(stage string) { progress("  run %d: %s", i+1, stage) })
		if err != nil {
			return nil, fmt.Errorf("run %d: %w", i+1, err)
		}
		runs = append(runs, f)
	}
	return newReport(o, wl, runs), nil
}

// measureRun measures every stage once. Each stage that talks to Kafka
// gets a fresh broker child.
func measureRun(ctx context.Context, o *options, up *upstream, wl workloadResult, skip map[string]bool, stage func(string)) (runFigures, error) {
	var f runFigures
	var err error
	f.LoadAvg = loadAvg()
	if !skip["l1"] {
		stage("L1: go-mysql reads the batched range")
		if f.L1, err = measureL1(ctx, up, wl.Batched); err != nil {
			return f, err
		}
	}
	var out *output
	if !skip["cdcctl"] {
		stage("cdcctl catches up over the batched range")
		err = withBroker(ctx, o, func(b *broker) error {
			if f.CatchUp, err = measureCatchUp(ctx, o, up, b, wl.Batched, "batched"); err != nil {
				return err
			}
			if skip["l2"] {
				return nil
			}
			stage("reading cdcctl's messages back for L2")
			out, err = fetchOutput(ctx, b.addr)
			return err
		})
		if err != nil {
			return f, err
		}
	}
	if err := sameRows("batched", f.L1, f.CatchUp); err != nil {
		return f, err
	}
	if out != nil {
		f.Messages, f.Bytes = out.messages, out.bytes
		stage(fmt.Sprintf("L2: kafka-go produces the same %d messages", out.messages))
		if err := withBroker(ctx, o, func(b *broker) error { f.L2, err = measureL2(ctx, b.addr, out); return err }); err != nil {
			return f, err
		}
		out = nil
	}
	if !skip["baseline"] {
		for _, tuned := range []bool{false, true} {
			stage(fmt.Sprintf("naive baseline (tuned=%v) over the batched range", tuned))
			var r baselineRun
			if err := withBroker(ctx, o, func(b *broker) error { r, err = measureBaseline(ctx, o, up, b, wl.Batched, tuned); return err }); err != nil {
				return f, err
			}
			if tuned {
				f.BaselineTuned = r
			} else {
				f.Baseline = r
			}
		}
	}
	if !skip["single"] {
		stage("L1 and cdcctl over the one-row transactions")
		if f.SingleL1, err = measureL1(ctx, up, wl.Single); err != nil {
			return f, err
		}
		if err := withBroker(ctx, o, func(b *broker) error {
			f.SingleCatchUp, err = measureCatchUp(ctx, o, up, b, wl.Single, "single")
			return err
		}); err != nil {
			return f, err
		}
		if err := sameRows("one-row", f.SingleL1, f.SingleCatchUp); err != nil {
			return f, err
		}
	}
	if !skip["lag"] {
		stage(fmt.Sprintf("steady-state lag at %d rows/s for %s", o.lagRate, o.lagDuration))
		if err := withBroker(ctx, o, func(b *broker) error { f.Lag, err = measureLag(ctx, o, up, b); return err }); err != nil {
			return f, err
		}
	}
	return f, nil
}

// sameRows checks that cdcctl wrote every row change L1 read in a range
// (every table of the workload is captured and has a key).
func sameRows(label string, l1 l1Result, cu catchUp) error {
	if l1.Rows == 0 || cu.Rows == 0 || l1.Rows == cu.Rows {
		return nil
	}
	return fmt.Errorf("%s range: cdcctl wrote %d row changes, go-mysql read %d", label, cu.Rows, l1.Rows)
}

// loadAvg returns the 1-minute load average (0 when unknown).
func loadAvg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}

// withBroker runs fn against a fresh broker child.
func withBroker(ctx context.Context, o *options, fn func(*broker) error) error {
	b, err := startBroker(ctx, o.verbose)
	if err != nil {
		return err
	}
	defer b.stop()
	return fn(b)
}
