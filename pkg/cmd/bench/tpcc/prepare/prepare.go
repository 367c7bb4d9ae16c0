// Package prepare implements `cdcctl bench tpcc prepare`.
package prepare

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

// Options are the parsed flags of `cdcctl bench tpcc prepare`.
type Options struct {
	IO     *iostreams.IOStreams
	Format output.Format
	Logger *slog.Logger
	// Env reads the environment for colour decisions (os.LookupEnv).
	Env iostreams.Env

	Conn   shared.ConnOptions
	Target shared.Target // resolved from Conn, --upstream and the environment

	Warehouses    int
	Threads       int
	DropData      bool
	Check         bool
	HistoryKey    bool
	RetryCount    int
	RetryInterval time.Duration
}

// NewCmdPrepare returns the command; runF, when non-nil, replaces the run
// function (tests capture the options with it).
func NewCmdPrepare(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Env: os.LookupEnv}
	cmd := &cobra.Command{
		Use:   "prepare",
		Short: "Create the TPC-C tables and load them with go-tpc",
		Long: `Create the nine TPC-C tables in the database and load them with go-tpc's
TPC-C loader (the one ` + "`tiup bench tpcc prepare`" + ` runs): 100,000 items and,
per warehouse, 100,000 stock rows, 10 districts, 30,000 customers, history
rows and orders, 9,000 new orders and about 300,000 order lines. The default
is one warehouse, which loads in seconds on a laptop; go-tpc's is 10, and the
Confluent integration guide uses 4.

Progress goes to stderr (a bar on a terminal, a line every 10 seconds
elsewhere); the rows loaded per table go to stdout. The load is checked by
counting the rows inserted; --check also runs go-tpc's TPC-C consistency
checks, which are slow on MySQL and MariaDB (condition 3.3.2.10 takes about
90 seconds per warehouse there).

go-tpc creates history without a primary key, so TiCDC and cdcctl do not
capture it; --history-key adds an auto-increment key column h_id to it.`,
		Example: `  cdcctl bench tpcc prepare --warehouses 4
  cdcctl bench tpcc prepare -H 127.0.0.1 -P 4000 -D tpcc --warehouses 4 --threads 4
  CDCCTL_UPSTREAM='mysql://root@127.0.0.1:3306' cdcctl bench tpcc prepare --dropdata -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			if opts.Warehouses < 1 {
				return cmderr.FlagErrorf("--warehouses: want at least 1, got %d", opts.Warehouses)
			}
			if opts.Threads < 1 {
				return cmderr.FlagErrorf("--threads: want at least 1, got %d", opts.Threads)
			}
			if opts.RetryCount < 0 {
				return cmderr.FlagErrorf("--retry-count: want 0 or more, got %d", opts.RetryCount)
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
	fs.IntVar(&opts.Warehouses, "warehouses", 1, "Number of warehouses, about 500,000 rows each (go-tpc's default is 10)")
	fs.IntVarP(&opts.Threads, "threads", "T", 1, "Loader threads")
	fs.BoolVar(&opts.DropData, "dropdata", false, "Drop the TPC-C tables before loading")
	fs.BoolVar(&opts.Check, "check", false, "Run go-tpc's TPC-C consistency checks after loading (slow on MySQL and MariaDB)")
	fs.BoolVar(&opts.HistoryKey, "history-key", false, "Create history with an auto-increment primary key h_id so that it can be captured")
	fs.IntVar(&opts.RetryCount, "retry-count", 0, "Retries of a failed insert batch (go-tpc's default is 50); with 0 the first failure stops the load")
	fs.DurationVar(&opts.RetryInterval, "retry-interval", 5*time.Second, "Wait between retries of a failed batch")
	output.AddFlag(cmd, &opts.Format)
	return cmd
}

func (o *Options) config() *tpcc.Config {
	return &tpcc.Config{
		DBName:               o.Target.DB,
		Threads:              o.Threads,
		Parts:                1,
		Warehouses:           o.Warehouses,
		MaxMeasureLatency:    measurement.DefaultMaxLatency,
		PrepareRetryCount:    o.RetryCount,
		PrepareRetryInterval: o.RetryInterval,
	}
}
