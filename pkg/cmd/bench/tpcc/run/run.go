// Package run implements `cdcctl bench tpcc run`.
package run

import (
	"log/slog"
	"os"
	"time"

	"github.com/pingcap/go-tpc/pkg/measurement"
	"github.com/pingcap/go-tpc/tpcc"
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

// Options are the parsed flags of `cdcctl bench tpcc run`.
type Options struct {
	IO     *iostreams.IOStreams
	Format output.Format
	Logger *slog.Logger
	// Env reads the environment for colour decisions (os.LookupEnv).
	Env iostreams.Env

	Conn   shared.ConnOptions
	Target shared.Target // resolved from Conn, --upstream and the environment

	Warehouses  int // 0: as many as the warehouse table holds
	Threads     int
	Time        time.Duration // 0: until interrupted or Count
	Count       int64         // 0: no limit
	IgnoreError bool
}

// NewCmdRun returns the command; runF, when non-nil, replaces the run
// function (tests capture the options with it).
func NewCmdRun(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Env: os.LookupEnv}
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run the TPC-C transactions with go-tpc",
		Long: `Run go-tpc's TPC-C transaction mix (the one ` + "`tiup bench tpcc run`" + ` runs) on the
tables prepare loaded: 45% new order, 43% payment and 4% each of order
status, delivery and stock level, without keying or thinking time.

While it runs, stderr shows tpmC, go-tpc's efficiency and new-order latency
percentiles, redrawn every second on a terminal and written every 10
seconds elsewhere. At the end the summary goes to stdout: tpmC, tpmTotal
and per transaction type the count, errors and latencies (go-tpc's
histograms: 1 ms resolution, one significant digit).

The run ends after --time, after --count transactions in all, or at Ctrl-C,
which lets running transactions finish (for up to 5 seconds), prints the
summary so far and exits 4. Deadlocks and lock wait timeouts are counted as
errors and the run goes on; any other failed transaction stops it unless
--ignore-error.`,
		Example: `  cdcctl bench tpcc run --time 5m
  cdcctl bench tpcc run -H 127.0.0.1 -P 4000 -D tpcc --warehouses 4 --threads 8 --time 300s
  cdcctl bench tpcc run --count 1000 -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			switch {
			case opts.Warehouses < 0:
				return cmderr.FlagErrorf("--warehouses: want at least 1, got %d", opts.Warehouses)
			case opts.Threads < 1:
				return cmderr.FlagErrorf("--threads: want at least 1, got %d", opts.Threads)
			case opts.Time < 0:
				return cmderr.FlagErrorf("--time: want a positive duration, got %s", opts.Time)
			case opts.Count < 0:
				return cmderr.FlagErrorf("--count: want 0 (no limit) or more, got %d", opts.Count)
			}
			if opts.Target, err = opts.Conn.Resolve(cmd.Flags(), cfg.Upstream.Reveal(), os.Getenv); err != nil {
				return err
			}
			opts.Logger = f.Logger()
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	opts.Conn.AddFlags(fs)
	fs.IntVar(&opts.Warehouses, "warehouses", 0, "Warehouses the transactions pick from (default: all loaded)")
	fs.IntVarP(&opts.Threads, "threads", "T", 1, "Concurrent client threads")
	fs.DurationVar(&opts.Time, "time", 0, "Run for this long (default: until --count or Ctrl-C)")
	fs.Int64Var(&opts.Count, "count", 0, "Stop after this many transactions in all (0: no limit)")
	fs.BoolVar(&opts.IgnoreError, "ignore-error", false, "Go on after any failed transaction")
	output.AddFlag(cmd, &opts.Format)
	return cmd
}

func (o *Options) config(warehouses int) *tpcc.Config {
	return &tpcc.Config{
		DBName:            o.Target.DB,
		Threads:           o.Threads,
		Parts:             1,
		Warehouses:        warehouses,
		MaxMeasureLatency: measurement.DefaultMaxLatency,
	}
}
