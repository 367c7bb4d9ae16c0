package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"github.com/cdcctl/cdcctl/pkg/client"
	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/workload"
)

// runner is one chaos run in progress.
type runner struct {
	cfg      Config
	dir      string
	progress io.Writer
	began    time.Time
	rng      *rand.Rand

	st    *stack
	srv   *server
	cli   *cli
	api   *client.Client
	obs   *observer
	wl    *workload.Workload // the steady load on changefeed A
	burst *workload.Workload // the burst while the broker is stalled
	bRows int                // rows written to changefeed B's table

	faults []*fault
	memory []memoryResult
	stuck  *stuckResult
}

// Run performs a chaos run and returns its result. An error means the
// run could not be carried out; what the run found wrong is in the
// result (Result.Passed, Result.Failures).
func Run(ctx context.Context, cfg Config, progress io.Writer) (*Result, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	dir, temp := cfg.Dir, cfg.Dir == ""
	if temp {
		var err error
		if dir, err = os.MkdirTemp("", "cdcctl-chaos-"); err != nil {
			return nil, err
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	r := &runner{cfg: cfg, dir: dir, progress: progress, began: time.Now(), rng: rand.New(rand.NewPCG(uint64(cfg.Seed), 7))}
	res, err := r.run(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w (state and logs kept in %s)", err, dir)
	}
	if res != nil {
		res.Dir = dir
	}
	if temp && !cfg.Keep && err == nil && res.Passed {
		_ = os.RemoveAll(dir)
		res.Dir = ""
	}
	return res, err
}

func (r *runner) logf(format string, args ...any) {
	fmt.Fprintf(r.progress, "chaos %6.1fs  %s\n", time.Since(r.began).Seconds(), fmt.Sprintf(format, args...))
}

func (r *runner) run(ctx context.Context) (*Result, error) {
	bin := r.cfg.Bin
	if bin == "" {
		var err error
		if bin, err = build(ctx, r.dir); err != nil {
			return nil, err
		}
		r.logf("built %s", bin)
	}
	var err error
	if r.st, err = startStack(ctx, r.dir); err != nil {
		return nil, err
	}
	defer r.st.close()
	r.logf("MariaDB on %s, broker behind proxy %s, registry %s", r.st.db.Addr(), r.st.brokerAddr(), r.st.regAddr)
	if err := r.setupLoad(ctx); err != nil {
		return nil, err
	}
	port, err := mariadb.FreePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	r.srv = newServer(bin, r.dir, addr, r.st.db.URL(), r.cfg)
	if err := r.srv.start(ctx); err != nil {
		return nil, err
	}
	defer r.srv.stop()
	cliLog, err := os.Create(filepath.Join(r.dir, "cli.log"))
	if err != nil {
		return nil, err
	}
	defer cliLog.Close()
	r.cli = &cli{bin: bin, server: addr, dir: r.dir, log: cliLog}
	if r.api, err = client.New("http://" + addr); err != nil {
		return nil, err
	}
	r.obs = &observer{api: r.api, srv: r.srv, st: r.st, topics: r.topicsA}
	obsCtx, stopObs := context.WithCancel(ctx)
	obsDone := make(chan struct{})
	go func() { defer close(obsDone); r.obs.run(obsCtx) }() // stopped below
	defer func() { stopObs(); <-obsDone }()

	// The changefeeds are created on empty tables (B's holds one row, so
	// that its topic exists): the snapshot of FLOAT columns is not exact
	// (see the report of docs/reliability.md), which is not what this
	// run is about. Streaming then carries everything.
	if err := r.writeB(ctx, 1); err != nil {
		return nil, err
	}
	if err := r.cli.createFeeds(ctx, r.st, r.cfg); err != nil {
		return nil, err
	}
	wlCtx, stopLoad := context.WithCancel(ctx)
	defer stopLoad()
	type loadResult struct {
		stats workload.Stats
		err   error
	}
	loadDone := make(chan loadResult, 1)
	go func() { st, err := r.wl.Run(wlCtx); loadDone <- loadResult{st, err} }() // stopped by stopLoad
	loadStart := time.Now()
	r.logf("changefeeds %s and %s created on the server at %s", feedA, feedB, addr)
	warm := newFault("warm-up", "changefeeds created, streaming", "")
	warm.End = time.Now()
	if err := r.recover(ctx, warm); err != nil {
		return nil, err
	}
	if err := r.schedule(ctx); err != nil {
		return nil, err
	}
	stopLoad()
	lr := <-loadDone
	if lr.err != nil {
		return nil, fmt.Errorf("workload: %w", lr.err)
	}
	loadSecs := time.Since(loadStart).Seconds()
	r.logf("workload stopped: %d transactions (%d errors, %d DDL)", lr.stats.Txns, lr.stats.Errors, lr.stats.DDLs)
	if err := r.finish(ctx); err != nil {
		return nil, err
	}
	stopObs()
	<-obsDone
	r.srv.stop()
	repA, err := r.verify(ctx, feedA)
	if err != nil {
		return nil, err
	}
	repB, err := r.verify(ctx, feedB)
	if err != nil {
		return nil, err
	}
	return r.result(lr.stats, loadSecs, repA, repB), nil
}

// build compiles the cdcctl binary under test (without -race: the
// binary is what is tested, as users run it).
func build(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "cdcctl")
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		goTool = "go"
	}
	cmd := exec.CommandContext(ctx, goTool, "build", "-o", bin, "github.com/cdcctl/cdcctl/cmd/cdcctl")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build cdcctl: %w\n%s", err, out)
	}
	return bin, nil
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

var errNotRecovered = errors.New("changefeed did not recover")
