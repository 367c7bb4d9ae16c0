// Package playground implements `cdcctl playground`.
package playground

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/capture"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
	pg "github.com/cdcctl/cdcctl/pkg/playground"
)

// Options are the parsed flags of `cdcctl playground`.
type Options struct {
	IO         *iostreams.IOStreams
	Logger     *slog.Logger
	Format     output.Format
	Components string
	Stack      pg.Options
	// Ready, when set, is called with the endpoints once everything runs
	// (tests); the command then waits for ctx as usual.
	Ready func(pg.Endpoints)
}

// NewCmdPlayground returns the playground command.
func NewCmdPlayground(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams}
	cmd := &cobra.Command{
		Use:   "playground",
		Short: "Start a local MariaDB, Kafka, Schema Registry and engine",
		Long: `Start, in the foreground, everything the capture flow needs on one machine: a
throwaway MariaDB with the binlog on (the system's mariadbd), an in-process Kafka
broker, an in-process Confluent-compatible Schema Registry and the cdcctl server.
It prints the endpoints and the next commands to run. Ctrl-C stops everything and
removes what it created, unless --keep or --data-dir keeps it; a playground started
again on the same --data-dir resumes with its data, topics and schemas.`,
		Example: `  cdcctl playground
  cdcctl playground --data-dir ./pg --components mysql,kafka,registry
  cdcctl playground -o json   # endpoints as JSON on stdout once ready`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			comps, err := pg.ParseComponents(opts.Components)
			if err != nil {
				return cmderr.FlagErrorf("--components: %v", err)
			}
			opts.Stack.Components = comps
			opts.Logger = f.Logger()
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Components, "components", "mysql,kafka,registry,server", "Components to start")
	fl.StringVar(&opts.Stack.DataDir, "data-dir", "", "Keep the stack's state here (default: a temporary directory)")
	fl.BoolVar(&opts.Stack.Keep, "keep", false, "Do not remove the temporary directory on exit")
	fl.IntVar(&opts.Stack.MySQLPort, "mysql-port", pg.DefaultMySQLPort, "MariaDB port")
	fl.IntVar(&opts.Stack.KafkaPort, "kafka-port", pg.DefaultKafkaPort, "Kafka broker port")
	fl.IntVar(&opts.Stack.RegistryPort, "registry-port", pg.DefaultRegistryPort, "Schema Registry port")
	fl.IntVar(&opts.Stack.ServerPort, "server-port", pg.DefaultServerPort, "cdcctl server port")
	output.AddFlag(cmd, &opts.Format)
	return cmd
}

func run(ctx context.Context, opts *Options) error {
	opts.Stack.Logger = opts.Logger
	opts.Stack.StartServer = func(ctx context.Context, addr, dataDir, upstream string) (func(context.Context) error, error) {
		srv, err := capture.Start(ctx, capture.Options{Addr: addr, DataDir: dataDir, Upstream: upstream, Logger: opts.Logger})
		if err != nil {
			return nil, err
		}
		return srv.Stop, nil
	}
	fmt.Fprintln(opts.IO.ErrOut, "Starting the playground…")
	stack, err := pg.Start(context.WithoutCancel(ctx), opts.Stack)
	if err != nil {
		return err
	}
	ep := stack.Endpoints()
	var perr error
	if opts.Format == output.Table {
		perr = writePanel(opts.IO, ep, opts.Stack.Keep || opts.Stack.DataDir != "")
	} else {
		perr = output.Print(opts.IO, opts.Format, ep)
	}
	if opts.Ready != nil {
		opts.Ready(ep)
	}
	if perr == nil {
		<-ctx.Done()
		fmt.Fprintln(opts.IO.ErrOut, "Stopping the playground…")
	}
	stopCtx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := stack.Close(stopCtx); err != nil {
		return fmt.Errorf("stop playground: %w", err)
	}
	return perr
}
