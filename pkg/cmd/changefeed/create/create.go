// Package create implements `cdcctl changefeed create`.
package create

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/config"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

// Options are the parsed flags of `cdcctl changefeed create`.
type Options struct {
	IO       *iostreams.IOStreams
	Client   func() (shared.ChangefeedAPI, error)
	Config   func() (*config.Config, error)
	ReadFile func(string) ([]byte, error)
	Now      func() time.Time
	Loc      *time.Location // zone of times shown to people (nil: local)
	Format   output.Format

	ID             api.ChangefeedID
	Sink           shared.SinkFlags
	StartTs        uint64
	TargetTs       uint64
	NoConfirm      bool
	DisableGCCheck bool
	DispatchPreset string // --dispatch-preset: [sink] dispatchers written for you

	// cdcctl engine extensions.
	Upstream      string // --upstream, else CDCCTL_UPSTREAM
	StartPosition string
	Snapshot      string
}

// NewCmdCreate returns the create command. runF, when non-nil, replaces
// the run function (tests capture the options with it).
func NewCmdCreate(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: shared.ClientFunc(f), Config: f.Config, ReadFile: os.ReadFile, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "create --sink-uri <uri> [-c <id>] [flags]",
		Short: "Create a new replication task (changefeed)",
		Long: `Create a changefeed on a cdcctl or TiCDC server, with TiCDC's flags and output.

The sink URI and the --config file are checked offline first, exactly as
"cdcctl changefeed validate" checks them; nothing is sent when they are wrong.

Secrets never need URL-encoding by hand: give the Kafka SASL password with
--sasl-password-file or CDCCTL_SASL_PASSWORD (or --sasl-password), and the
Schema Registry key and secret with --schema-registry-user and
--schema-registry-password-file; cdcctl encodes them into the URIs itself.
Every secret is masked in what cdcctl prints.

For a cdcctl server, --upstream names the MySQL or MariaDB source (default:
the server's), --start-position where streaming starts (a GTID set or
file:pos), and --snapshot whether existing rows are copied first.

--dispatch-preset confluent writes the dispatcher rule of the Confluent and
Snowflake integration guide, so no changefeed.conf is needed for it:

  [sink]
  dispatchers = [
    {matcher = ['*.*'], topic = "tidb_{schema}_{table}", partition = "index-value"},
  ]

one topic per table, and every change of a row in the partition of its key.
With --config the file may set anything else, but not dispatchers of its own.
The rule is sent as part of the replica config, so a TiCDC server gets it too.

TiCDC asks before starting more than a day back, and before ignoring tables
without a primary or not-null unique key; --no-confirm answers yes. Off a
terminal cdcctl never waits for an answer: it fails and says to pass
--no-confirm.`,
		Example: `  # Confluent Cloud, secrets from files (no URL-encoding by hand)
  cdcctl changefeed create -c orders \
    --sink-uri 'kafka://pkc-xxxx.confluent.cloud:9092/ticdc-meta?protocol=avro&sasl-mechanism=plain&enable-tls=true' \
    --sasl-user "$KAFKA_API_KEY" --sasl-password-file kafka.secret \
    --schema-registry https://psrc-xxxx.confluent.cloud \
    --schema-registry-user "$SR_API_KEY" --schema-registry-password-file sr.secret \
    --config changefeed.conf

  # the guide's one-topic-per-table routing without a config file
  cdcctl changefeed create -c orders --dispatch-preset confluent \
    --sink-uri 'kafka://127.0.0.1:19092/ticdc-meta?protocol=avro&enable-tidb-extension=true' \
    --schema-registry http://127.0.0.1:18081

  # local stack, stream from a binlog position without a snapshot
  cdcctl changefeed create -c local --upstream mysql://root@127.0.0.1:3306 \
    --sink-uri 'kafka://127.0.0.1:9092/cdc?protocol=avro' --schema-registry http://127.0.0.1:8081 \
    --start-position mysql-bin.000003:4 --snapshot never`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFlags(opts); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return createRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	shared.AddIDFlags(cmd, &opts.ID)
	opts.Sink.AddFlags(fl)
	fl.Uint64Var(&opts.StartTs, "start-ts", 0, "Start ts of changefeed (TSO; 0: now)")
	fl.Uint64Var(&opts.TargetTs, "target-ts", 0, "Target ts of changefeed (TSO; 0: never stop)")
	fl.BoolVar(&opts.NoConfirm, "no-confirm", false, "Don't ask for confirmation (large lag, ineligible tables)")
	fl.BoolVar(&opts.DisableGCCheck, "disable-gc-check", false, "Disable GC safe point check")
	fl.StringVar(&opts.Upstream, "upstream", "", "Upstream DSN, mysql://user:password@host:port (cdcctl; env CDCCTL_UPSTREAM)")
	fl.StringVar(&opts.StartPosition, "start-position", "", "Where streaming starts: GTID set or file:pos (cdcctl)")
	fl.StringVar(&opts.Snapshot, "snapshot", "", "Copy existing rows first: initial or never (cdcctl; default: initial without --start-position)")
	fl.StringVar(&opts.DispatchPreset, "dispatch-preset", "", "Write a ready-made [sink] dispatchers rule: "+strings.Join(presetNames(), ", ")+" (cdcctl; see above)")
	_ = cmd.RegisterFlagCompletionFunc("dispatch-preset", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return presetNames(), cobra.ShellCompDirectiveNoFileComp
	})
	shared.AddOutputFlag(cmd, &opts.Format)
	return cmd
}

func checkFlags(o *Options) error {
	if o.Sink.SinkURI == "" {
		return cmderr.FlagErrorf("--sink-uri is required")
	}
	if err := shared.CheckID(o.ID, true); err != nil {
		return err
	}
	if err := checkPreset(o.DispatchPreset); err != nil {
		return cmderr.FlagErrorWrap(err)
	}
	if err := api.SnapshotMode(o.Snapshot).Check(); err != nil {
		return cmderr.FlagErrorf("--%v", err)
	}
	if err := api.CheckStartPosition(o.StartPosition); err != nil {
		return cmderr.FlagErrorWrap(err)
	}
	if o.StartPosition != "" && o.Snapshot == string(api.SnapshotInitial) {
		return cmderr.FlagErrorf("--snapshot initial and --start-position exclude each other: a changefeed that starts at a position streams without a snapshot")
	}
	if o.StartTs != 0 && o.TargetTs != 0 && o.TargetTs <= o.StartTs {
		return cmderr.InvalidInput(api.ErrTargetTsBeforeStartTs(o.TargetTs, o.StartTs))
	}
	return nil
}

func createRun(ctx context.Context, o *Options) error {
	var cfg *config.Config
	if o.Config != nil {
		c, err := o.Config()
		if err != nil {
			return cmderr.InvalidInput(err)
		}
		cfg = c
	}
	req, err := o.request(cfg)
	if err != nil {
		return err
	}
	if o.StartTs != 0 && !o.NoConfirm {
		if err := shared.ConfirmLag(o.IO, o.Now(), o.StartTs, "create"); err != nil {
			return err
		}
	}
	c, err := o.Client()
	if err != nil {
		return err
	}
	info, err := create(ctx, o, c, req)
	if err != nil {
		return err
	}
	return o.print(info)
}

// request validates the sink offline and builds the request body.
func (o *Options) request(cfg *config.Config) (*api.ChangefeedConfig, error) {
	sink, err := o.Sink.Build(cfg, o.ReadFile)
	if err != nil {
		return nil, cmderr.InvalidInput(err)
	}
	_, warnings, err := sink.Resolve()
	if err != nil {
		return nil, cmderr.InvalidInput(err)
	}
	if o.DispatchPreset != "" {
		if err := applyPreset(sink, o.DispatchPreset); err != nil {
			return nil, cmderr.InvalidInput(err)
		}
		// Check the configuration as sent: the file (if any) with the
		// preset's rules, the registry and the URI applied.
		if _, err := sink.ResolveOver("", nil); err != nil {
			return nil, cmderr.InvalidInput(err)
		}
	}
	for _, w := range warnings {
		fmt.Fprintf(o.IO.ErrOut, "warning: %s\n", w)
	}
	rc := sink.ConfigToSend(nil)
	if rc == nil {
		rc = replicaconfig.Default()
	}
	if o.DisableGCCheck {
		rc.CheckGCSafePoint = false
	}
	rc.IgnoreIneligibleTable = rc.IgnoreIneligibleTable || o.NoConfirm
	upstream := o.Upstream
	if upstream == "" && cfg != nil {
		upstream = cfg.Upstream.Reveal()
	}
	return &api.ChangefeedConfig{
		Namespace: o.ID.Namespace, ID: o.ID.ID, StartTs: o.StartTs, TargetTs: o.TargetTs,
		SinkURI: sink.URI, ReplicaConfig: rc,
		Upstream: upstream, StartPosition: o.StartPosition, Snapshot: api.SnapshotMode(o.Snapshot),
	}, nil
}

// create sends the request; when the server refuses tables without a
// primary or not-null unique key, it asks (as TiCDC does) and retries
// ignoring them.
func create(ctx context.Context, o *Options, c shared.ChangefeedAPI, req *api.ChangefeedConfig) (*api.ChangeFeedInfo, error) {
	info, err := c.Create(ctx, req)
	if !api.HasCode(err, api.CodeTableIneligible) || o.NoConfirm {
		return info, shared.CommandError(err)
	}
	fmt.Fprintf(o.IO.ErrOut, "[WARN] Some tables are not eligible to replicate, because they do not have a primary key or a not-null unique key: %v\n", err)
	ok, cerr := shared.Confirm(o.IO, "Could you agree to ignore those tables, and continue to replicate [Y/N]\n"+
		"Note: If you don't want to ignore those tables, please set `force-replicate to` true in the changefeed config file.",
		"some tables are not eligible to replicate")
	if cerr != nil {
		return nil, cerr
	}
	if !ok {
		fmt.Fprintln(o.IO.ErrOut, "No changefeed is created because you don't want to ignore some tables.")
		return nil, &shared.AbortError{Command: "cli changefeed create"}
	}
	req.ReplicaConfig.IgnoreIneligibleTable = true
	info, err = c.Create(ctx, req)
	return info, shared.CommandError(err)
}

// print writes TiCDC's three lines, or cdcctl's view with -o.
func (o *Options) print(info *api.ChangeFeedInfo) error {
	if o.Format == "" {
		js, err := shared.CompactJSON(info.Masked())
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(o.IO.Out, "Create changefeed successfully!\nID: %s\nInfo: %s\n", info.ID, js)
		return err
	}
	fmt.Fprintf(o.IO.ErrOut, "Created changefeed %s/%s\n", info.Namespace, info.ID)
	return output.Print(o.IO, o.Format, shared.NewChangefeedView(info, shared.NewDisplay(o.IO, o.Now(), o.Loc)))
}
