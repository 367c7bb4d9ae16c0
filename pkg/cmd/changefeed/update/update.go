// Package update implements `cdcctl changefeed update`.
package update

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/config"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

// Options are the parsed flags of `cdcctl changefeed update`.
type Options struct {
	IO       *iostreams.IOStreams
	Client   func() (shared.ChangefeedAPI, error)
	Config   func() (*config.Config, error)
	ReadFile func(string) ([]byte, error)
	Now      func() time.Time
	Loc      *time.Location // zone of times shown to people (nil: local)
	Format   output.Format

	ID        api.ChangefeedID
	Sink      shared.SinkFlags
	TargetTs  uint64
	Upstream  string
	NoConfirm bool

	// What the user set (flags given, even to their zero value).
	SinkChanged, ConfigChanged, TargetChanged, UpstreamChanged bool
}

// NewCmdUpdate returns the update command. runF, when non-nil, replaces
// the run function (tests capture the options with it).
func NewCmdUpdate(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: shared.ClientFunc(f), Config: f.Config, ReadFile: os.ReadFile, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "update -c <id> [--sink-uri <uri>] [--config <file>] [--target-ts <tso>] [flags]",
		Short: "Update config of an existing replication task (changefeed)",
		Long: `Change the sink URI, configuration, target TSO or upstream of a stopped or
failed changefeed (pause it first); a running one is refused before anything
is sent. Only what you give changes: --config replaces the whole replica
configuration, --schema-registry alone changes just the registry.

cdcctl checks the result offline, prints the differences with every secret
masked and asks before applying them unless --no-confirm (off a terminal
it fails instead of asking). Secrets are given as for "changefeed create".`,
		Example: `  cdcctl changefeed pause -c orders
  cdcctl changefeed update -c orders --config changefeed.conf --no-confirm
  cdcctl changefeed update -c orders --sink-uri "$SINK_URI" --sasl-password-file kafka.secret
  cdcctl changefeed resume -c orders`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := shared.CheckID(opts.ID, false); err != nil {
				return err
			}
			fl := cmd.Flags()
			opts.SinkChanged, opts.ConfigChanged = opts.Sink.Changed(fl)
			opts.TargetChanged, opts.UpstreamChanged = fl.Changed("target-ts"), fl.Changed("upstream")
			if opts.SinkChanged && opts.Sink.SinkURI == "" {
				return cmderr.FlagErrorf("--sink-uri is required with --sasl-user and the SASL password: the server shows the current URI masked")
			}
			if runF != nil {
				return runF(opts)
			}
			return updateRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	shared.AddIDFlags(cmd, &opts.ID)
	opts.Sink.AddFlags(fl)
	fl.Uint64Var(&opts.TargetTs, "target-ts", 0, "Target ts of changefeed")
	fl.StringVar(&opts.Upstream, "upstream", "", "Upstream DSN, mysql://user:password@host:port (cdcctl)")
	fl.BoolVar(&opts.NoConfirm, "no-confirm", false, "Don't ask for confirmation")
	shared.AddOutputFlag(cmd, &opts.Format)
	return cmd
}

func updateRun(ctx context.Context, o *Options) error {
	c, err := o.Client()
	if err != nil {
		return err
	}
	old, err := c.Get(ctx, o.ID)
	if err != nil {
		return shared.CommandError(err)
	}
	if !old.State.Updatable() {
		return cmderr.InvalidInput(api.ErrUpdateRunning())
	}
	req, err := o.request(old)
	if err != nil {
		return err
	}
	// TiCDC's text goes to stdout; with -o stdout is for the view.
	chatter := o.IO.Out
	if o.Format != "" {
		chatter = o.IO.ErrOut
	}
	lines := diff(old, req)
	if len(lines) == 0 {
		fmt.Fprintln(chatter, "changefeed config is the same with the old one, do nothing")
		return nil
	}
	fmt.Fprintln(chatter, "Diff of changefeed config:")
	for _, l := range lines {
		fmt.Fprintln(chatter, l)
	}
	if !o.NoConfirm {
		ok, err := shared.Confirm(o.IO, "Could you agree to apply changes above to changefeed [Y/N]", "applying the changes above needs a confirmation")
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintln(chatter, "No update to changefeed.")
			return &shared.AbortError{Command: "cli changefeed update"}
		}
	}
	info, err := c.Update(ctx, o.ID, req)
	if err != nil {
		return shared.CommandError(err)
	}
	return o.print(chatter, info)
}

// request builds the update body from what the user set, validating the
// combination offline as the server will see it.
func (o *Options) request(old *api.ChangeFeedInfo) (*api.ChangefeedConfig, error) {
	req := &api.ChangefeedConfig{}
	if o.TargetChanged {
		if o.TargetTs != 0 && o.TargetTs <= old.StartTs {
			return nil, cmderr.InvalidInput(api.ErrUpdateRefused(fmt.Sprintf("can not update target_ts:%d less than start_ts:%d", o.TargetTs, old.StartTs)))
		}
		req.TargetTs = o.TargetTs
	}
	if o.UpstreamChanged {
		req.Upstream = o.Upstream
	}
	if !o.SinkChanged && !o.ConfigChanged {
		return req, nil
	}
	var cfg *config.Config
	if o.Config != nil {
		c, err := o.Config()
		if err != nil {
			return nil, cmderr.InvalidInput(err)
		}
		if c != nil {
			cp := *c
			if o.Sink.ConfigFile == "" {
				cp.SchemaRegistry = "" // only a new file takes the registry from the environment
			}
			cfg = &cp
		}
	}
	sink, err := o.Sink.Build(cfg, o.ReadFile)
	if err != nil {
		return nil, cmderr.InvalidInput(err)
	}
	req.SinkURI = sink.URI
	if o.ConfigChanged {
		req.ReplicaConfig = sink.ConfigToSend(old.Config)
		if sink.Config == nil && alreadyMasked(req.ReplicaConfig) {
			return nil, cmderr.InvalidInput(fmt.Errorf("the server shows the current configuration with its secrets masked, " +
				"so it cannot be sent back with only the registry changed: give the whole configuration with --config"))
		}
	}
	warnings, err := sink.ResolveOver(old.SinkURI, old.Config)
	if err != nil {
		return nil, cmderr.InvalidInput(err)
	}
	for _, w := range warnings {
		fmt.Fprintf(o.IO.ErrOut, "warning: %s\n", w)
	}
	return req, nil
}

// print writes TiCDC's lines, or cdcctl's view with -o.
func (o *Options) print(chatter io.Writer, info *api.ChangeFeedInfo) error {
	if o.Format == "" {
		js, err := shared.CompactJSON(info.Masked())
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(o.IO.Out, "Update changefeed config successfully! \nID: %s\nInfo: %s\n", o.ID.ID, js)
		return err
	}
	fmt.Fprintf(chatter, "Updated changefeed %s\n", o.ID)
	return output.Print(o.IO, o.Format, shared.NewChangefeedView(info, shared.NewDisplay(o.IO, o.Now(), o.Loc)))
}
