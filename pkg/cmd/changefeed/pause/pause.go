// Package pause implements `cdcctl changefeed pause`.
package pause

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

// Options are the parsed flags of `cdcctl changefeed pause`.
type Options struct {
	IO     *iostreams.IOStreams
	Client func() (shared.ChangefeedAPI, error)

	ID api.ChangefeedID
}

// NewCmdPause returns the pause command. runF, when non-nil, replaces the
// run function (tests capture the options with it).
func NewCmdPause(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: shared.ClientFunc(f)}
	cmd := &cobra.Command{
		Use:   "pause -c <id>",
		Short: "Pause a replication task (changefeed)",
		Long: `Stop a changefeed; its checkpoint is kept and "changefeed resume" continues from
it. Like TiCDC, prints nothing on success.`,
		Example: `  cdcctl changefeed pause -c orders`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := shared.CheckID(opts.ID, false); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return pauseRun(cmd.Context(), opts)
		},
	}
	shared.AddIDFlags(cmd, &opts.ID)
	return cmd
}

func pauseRun(ctx context.Context, o *Options) error {
	c, err := o.Client()
	if err != nil {
		return err
	}
	if err := c.Pause(ctx, o.ID); err != nil {
		return shared.CommandError(err)
	}
	if o.IO.IsStderrTTY() {
		fmt.Fprintf(o.IO.ErrOut, "Paused changefeed %s\n", o.ID)
	}
	return nil
}
