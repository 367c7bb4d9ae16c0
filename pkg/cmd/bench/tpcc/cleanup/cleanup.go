// Package cleanup implements `cdcctl bench tpcc cleanup`.
package cleanup

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/pingcap/go-tpc/pkg/measurement"
	"github.com/pingcap/go-tpc/tpcc"
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

// Options are the parsed flags of `cdcctl bench tpcc cleanup`.
type Options struct {
	IO     *iostreams.IOStreams
	Format output.Format
	Logger *slog.Logger

	Conn   shared.ConnOptions
	Target shared.Target // resolved from Conn, --upstream and the environment
}

// NewCmdCleanup returns the command; runF, when non-nil, replaces the run
// function (tests capture the options with it).
func NewCmdCleanup(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams}
	cmd := &cobra.Command{
		Use:   "cleanup",
		Short: "Drop the TPC-C tables",
		Long: `Drop the nine TPC-C tables with go-tpc (DROP TABLE IF EXISTS each). The
database itself stays. The tables that existed are listed on stdout.`,
		Example: `  cdcctl bench tpcc cleanup
  cdcctl bench tpcc cleanup -H 127.0.0.1 -P 4000 -D tpcc`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
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
	opts.Conn.AddFlags(cmd.Flags())
	output.AddFlag(cmd, &opts.Format)
	return cmd
}

func run(ctx context.Context, o *Options) error {
	db, err := shared.Open(ctx, o.Target, false, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	existing, err := shared.ExistingTables(ctx, db)
	if err != nil {
		return fmt.Errorf("%s: %w", o.Target, err)
	}
	w, err := shared.NewWorkload(db, &tpcc.Config{DBName: o.Target.DB, Threads: 1, Parts: 1, Warehouses: 1,
		MaxMeasureLatency: measurement.DefaultMaxLatency})
	if err != nil {
		return err
	}
	err = shared.CaptureStdout(func(line string) { o.Logger.Debug("go-tpc", "output", line) }, func() error {
		return shared.EachThread(ctx, w, 1, shared.Grace, w.Cleanup)
	})
	if err != nil {
		return fmt.Errorf("%s: drop the TPC-C tables: %w", o.Target, err)
	}
	if len(existing) == 0 {
		fmt.Fprintf(o.IO.ErrOut, "No TPC-C tables in %s.\n", o.Target)
	}
	return output.Print(o.IO, o.Format, view{Target: o.Target.String(), Dropped: append([]string{}, existing...)})
}

// view is what cleanup prints.
type view struct {
	Target  string   `json:"target" yaml:"target"`
	Dropped []string `json:"dropped" yaml:"dropped"`
}

// TableHeader implements output.TableView.
func (v view) TableHeader() []string { return []string{"dropped table"} }

// TableRows implements output.TableView.
func (v view) TableRows() [][]string {
	rows := make([][]string, 0, len(v.Dropped))
	for _, t := range v.Dropped {
		rows = append(rows, []string{t})
	}
	return rows
}
