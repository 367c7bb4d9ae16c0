// Command bench measures cdcctl against the physical limits of the machine
// and against a naive pipeline, in one run on a MariaDB sandbox:
//
//  1. writes a fixed workload upstream (go-tpc TPC-C prepare plus an
//     update/delete mix, then one-row transactions) and records the binlog
//     ranges it produced;
//  2. L1: reads and parses each range with go-mysql alone;
//  3. cdcctl: a changefeed (pkg/engine, in a child process) over each range,
//     from its creation to its checkpoint reaching the range's end, with
//     the child's peak RSS and CPU seconds;
//  4. L2: produces cdcctl's messages again, pre-encoded, with kafka-go alone;
//  5. baseline: canal + goavro (a map per row) + kafka-go's Writer;
//  6. lag: inserts at a fixed rate and measures commit-to-consume latency;
//
// then prints one table (or JSON with -o json). The broker (kfake) and the
// registry (srfake) run in a child process of their own, restarted for
// every stage, so their CPU is not billed to what is measured.
// docs/performance.md describes the method.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// options are the bench's flags.
type options struct {
	short        bool
	output       string
	jsonFile     string // also write the JSON report here
	runs         int
	workload     string // "tpcc" or "synthetic"
	warehouses   int
	rows         int // synthetic rows
	single       int // one-row transactions
	lagRate      int
	lagTxnRows   int
	lagDuration  time.Duration
	baselineCap  time.Duration
	skip         string // comma-separated stages to skip
	profileDir   string // CPU and heap profiles of the engine child
	trace        bool   // and an execution trace
	engineEnv    string // extra environment of the engine child, e.g. GOGC=200
	engineMemory int64  // the engine's in-flight memory limit (0: its default)
	verbose      bool

	role string // hidden: the role of a child process
	spec string // hidden: the child's JSON spec
}

func parseFlags(args []string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.BoolVar(&o.short, "short", false, "small workload for CI smoke runs (about two minutes)")
	fs.StringVar(&o.output, "o", "table", "output format: table or json")
	fs.StringVar(&o.jsonFile, "json", "", "also write the JSON report to this file")
	fs.IntVar(&o.runs, "runs", 0, "measurement runs over the same workload; figures are medians (default 3, 1 with -short)")
	fs.StringVar(&o.workload, "workload", "", `upstream workload: "tpcc" (go-tpc prepare) or "synthetic" (default tpcc, synthetic with -short)`)
	fs.IntVar(&o.warehouses, "warehouses", 2, "TPC-C warehouses to prepare (about 500k rows each, plus 100k items)")
	fs.IntVar(&o.rows, "rows", 0, "rows of the synthetic workload (default 200000 with -short, 1000000 otherwise)")
	fs.IntVar(&o.single, "single", 0, "one-row transactions after the batched workload (default 30000 with -short, 100000 otherwise)")
	fs.IntVar(&o.lagRate, "lag-rate", 10000, "rows per second of the steady-state lag workload")
	fs.IntVar(&o.lagTxnRows, "lag-txn-rows", 10, "rows per transaction of the lag workload")
	fs.DurationVar(&o.lagDuration, "lag-duration", 0, "length of the lag workload (default 8s with -short, 30s otherwise)")
	fs.DurationVar(&o.baselineCap, "baseline-cap", 0, "longest a baseline run may take; a capped run reports its rate so far (default 10s with -short, 30s otherwise)")
	fs.StringVar(&o.skip, "skip", "", "stages to skip, comma-separated: l1,l2,cdcctl,baseline,single,lag")
	fs.StringVar(&o.profileDir, "profile", "", "write CPU and heap profiles of the engine child to this directory")
	fs.BoolVar(&o.trace, "trace", false, "with -profile, also write an execution trace of the engine child")
	fs.StringVar(&o.engineEnv, "engine-env", "", "extra environment for the engine child (KEY=VALUE,...), e.g. GOGC=400")
	fs.Int64Var(&o.engineMemory, "engine-memory", 0, "the engine's in-flight memory limit in bytes (engine.Options.MemoryLimit; 0 keeps its default)")
	fs.BoolVar(&o.verbose, "v", false, "show progress and child output on stderr")
	fs.StringVar(&o.role, "role", "", "internal: run as a child process (broker, engine, baseline, workload)")
	fs.StringVar(&o.spec, "spec", "", "internal: the child's JSON spec")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	o.withDefaults()
	if o.output != "table" && o.output != "json" {
		return nil, fmt.Errorf("-o: want table or json, got %q", o.output)
	}
	if o.workload != "tpcc" && o.workload != "synthetic" {
		return nil, fmt.Errorf("-workload: want tpcc or synthetic, got %q", o.workload)
	}
	if o.runs < 1 || o.lagRate < 1 || o.lagTxnRows < 1 {
		return nil, fmt.Errorf("-runs, -lag-rate and -lag-txn-rows must be positive")
	}
	return o, nil
}

func (o *options) withDefaults() {
	pick := func(short, full int) int {
		if o.short {
			return short
		}
		return full
	}
	if o.runs == 0 {
		o.runs = pick(1, 3)
	}
	if o.workload == "" {
		o.workload = map[bool]string{true: "synthetic", false: "tpcc"}[o.short]
	}
	if o.rows == 0 {
		o.rows = pick(200_000, 1_000_000)
	}
	if o.single == 0 {
		o.single = pick(30_000, 100_000)
	}
	if o.lagDuration == 0 {
		o.lagDuration = time.Duration(pick(8, 30)) * time.Second
	}
	if o.baselineCap == 0 {
		o.baselineCap = time.Duration(pick(10, 30)) * time.Second
	}
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	o, err := parseFlags(args)
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if o.role != "" {
		if err := runRole(ctx, o.role, o.spec); err != nil {
			emit(childEvent{Event: "error", Error: err.Error()})
			fmt.Fprintf(os.Stderr, "bench %s: %v\n", o.role, err)
			return 1
		}
		return 0
	}
	rep, err := runBench(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	if err := rep.print(os.Stdout, o.output); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	if o.jsonFile != "" {
		f, err := os.Create(o.jsonFile)
		if err == nil {
			err = rep.print(f, "json")
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 1
		}
	}
	return 0
}

// runRole runs this process as one of the bench's children.
func runRole(ctx context.Context, role, spec string) error {
	switch role {
	case "broker":
		return runBroker(ctx)
	case "engine":
		return runEngineChild(ctx, spec)
	case "baseline":
		return runBaselineChild(ctx, spec)
	case "workload":
		return runWorkloadChild(ctx, spec)
	}
	return fmt.Errorf("unknown role %q", role)
}
