// Package server implements `cdcctl server`.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/capture"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

// Options are the resolved settings of `cdcctl server`.
type Options struct {
	IO      *iostreams.IOStreams
	Logger  *slog.Logger
	Capture capture.Options
	// Signals delivers the SIGINT/SIGTERMs the process receives (tests
	// inject): the first (which also ends the command's context) drains,
	// the second forces the exit.
	Signals <-chan os.Signal
}

// NewCmdServer returns the server command.
func NewCmdServer(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams}
	tuning := &engineFlags{}
	cmd := &cobra.Command{
		Use:   "server",
		Short: "Run the capture engine and its TiCDC-compatible API in the foreground",
		Long: `Run the capture engine in the foreground: every changefeed streams its upstream's
binlog as TiCDC Avro into Kafka, registering schemas in a Confluent Schema Registry.
The HTTP API is TiCDC's OpenAPI v2 (/api/v2/changefeeds…), so 'cdcctl changefeed'
and TiCDC's own CLI drive it; /metrics serves Prometheus metrics.

The first SIGINT or SIGTERM drains: no new requests, every changefeed writes what it
has read and its final checkpoint, then the server exits 0. A second signal stops at
once; changefeeds resume from their last checkpoint on the next start.`,
		Example: `  cdcctl server --upstream 'mysql://cdc:secret@127.0.0.1:3306' --data-dir /var/lib/cdcctl
  CDCCTL_UPSTREAM='mysql://root@127.0.0.1:13306' cdcctl server --addr 127.0.0.1:18300`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			if (cfg.TLSCert == "") != (cfg.TLSKey == "") {
				return cmderr.FlagErrorf("--tls-cert and --tls-key go together")
			}
			opts.Logger = f.Logger()
			eo, err := tuning.engineOptions()
			if err != nil {
				return err
			}
			opts.Capture = capture.Options{Addr: cfg.Addr, DataDir: cfg.DataDir, Upstream: cfg.Upstream.Reveal(),
				TimeZone: cfg.TZ, AuthToken: cfg.AuthToken.Reveal(), TLSCert: cfg.TLSCert, TLSKey: cfg.TLSKey,
				TLSCA: cfg.TLSCA, Engine: eo, Logger: opts.Logger}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.String("addr", "127.0.0.1:8300", "Address the API listens on")
	fl.String("data-dir", "cdcctl-data", "Directory for metadata and checkpoints")
	fl.String("upstream", "", "Default upstream DSN, mysql://user:password@host:port (or CDCCTL_UPSTREAM)")
	fl.String("tz", "", "Time zone of TIMESTAMP values and checkpoint times (default: the system zone)")
	fl.String("auth-token", "", "Bearer token required on mutating API calls (or CDCCTL_AUTH_TOKEN)")
	fl.String("tls-cert", "", "Serve the API over HTTPS with this certificate")
	fl.String("tls-key", "", "Key of --tls-cert")
	fl.String("tls-ca", "", "Require client certificates signed by this CA")
	tuning.add(fl)
	return cmd
}

func run(ctx context.Context, opts *Options) error {
	// A second signal forces the exit: the first one has already
	// cancelled ctx (pkg/app), which starts the drain.
	sigs := opts.Signals
	if sigs == nil {
		ch := make(chan os.Signal, 2)
		signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
		defer signal.Stop(ch)
		sigs = ch
	}
	srv, err := capture.Start(context.WithoutCancel(ctx), opts.Capture)
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "cdcctl server: API on http://%s, data in %s (Ctrl-C drains and stops)\n", srv.Addr(), opts.Capture.DataDir)
	select {
	case <-ctx.Done():
	case err := <-srv.Done():
		_ = srv.Stop(context.Background())
		return fmt.Errorf("API server stopped: %w", err)
	}
	opts.Logger.Info("draining: stopping changefeeds and writing final checkpoints")
	drainCtx, force := context.WithCancel(context.Background())
	defer force()
	go func() { // owned here: ends when the drain finishes (force is called)
		// The signal that cancelled ctx reaches this channel too (when ctx
		// ended by a signal at all): the second one forces the exit.
		seen := 0
		for {
			select {
			case <-sigs:
				if seen++; seen >= 2 {
					opts.Logger.Warn("second signal: stopping without waiting for the drain")
					force()
					return
				}
			case <-drainCtx.Done():
				return
			}
		}
	}()
	if err := srv.Stop(drainCtx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("drain: %w", err)
	}
	opts.Logger.Info("stopped")
	return nil
}
