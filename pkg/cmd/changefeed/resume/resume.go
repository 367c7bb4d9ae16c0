// Package resume implements `cdcctl changefeed resume`.
package resume

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

// Options are the parsed flags of `cdcctl changefeed resume`.
type Options struct {
	IO     *iostreams.IOStreams
	Client func() (shared.ChangefeedAPI, error)
	Now    func() time.Time

	ID                    api.ChangefeedID
	NoConfirm             bool
	OverwriteCheckpointTs string
}

// NewCmdResume returns the resume command. runF, when non-nil, replaces
// the run function (tests capture the options with it).
func NewCmdResume(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: shared.ClientFunc(f), Now: time.Now}
	cmd := &cobra.Command{
		Use:   "resume -c <id> [--overwrite-checkpoint-ts now|<tso>]",
		Short: "Resume a paused replication task (changefeed)",
		Long: `Start a stopped, failed or finished changefeed again from its checkpoint, or
from --overwrite-checkpoint-ts ("now" or a TSO, not in the future), which
may skip or repeat data. Like TiCDC, asks before resuming more than a day
behind or overwriting the checkpoint unless --no-confirm; off a terminal it
fails instead of asking. Prints nothing on success.`,
		Example: `  cdcctl changefeed resume -c orders
  cdcctl changefeed resume -c orders --overwrite-checkpoint-ts now --no-confirm`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := shared.CheckID(opts.ID, false); err != nil {
				return err
			}
			if _, err := opts.overwriteTs(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return resumeRun(cmd.Context(), opts)
		},
	}
	shared.AddIDFlags(cmd, &opts.ID)
	cmd.Flags().BoolVar(&opts.NoConfirm, "no-confirm", false, "Don't ask for confirmation")
	cmd.Flags().StringVar(&opts.OverwriteCheckpointTs, "overwrite-checkpoint-ts", "",
		"Overwrite the changefeed checkpoint ts, should be 'now' or a specified tso value")
	return cmd
}

// overwriteTs parses --overwrite-checkpoint-ts with TiCDC's rules: "now"
// or a TSO greater than 0 and not after now; 0 means keep the checkpoint.
func (o *Options) overwriteTs() (uint64, error) {
	v := o.OverwriteCheckpointTs
	if v == "" {
		return 0, nil
	}
	now := event.ComposeTS(o.Now().UnixMilli(), 0)
	if strings.EqualFold(v, "now") {
		return now, nil
	}
	ts, err := strconv.ParseUint(v, 10, 64)
	if err != nil || ts == 0 {
		return 0, cmderr.InvalidInput(api.Errorf(api.CodeCliInvalidCheckpointTs,
			"invalid overwrite-checkpoint-ts %s, overwrite-checkpoint-ts only accept 'now' or a valid timestamp in integer", v))
	}
	if ts > now {
		return 0, cmderr.InvalidInput(api.Errorf(api.CodeCliCheckpointTsIsInFuture,
			"the overwrite-checkpoint-ts %d must be smaller than current TSO", ts))
	}
	return ts, nil
}

func resumeRun(ctx context.Context, o *Options) error {
	ts, err := o.overwriteTs()
	if err != nil {
		return err
	}
	c, err := o.Client()
	if err != nil {
		return err
	}
	info, err := c.Get(ctx, o.ID)
	if err != nil {
		return shared.CommandError(err)
	}
	if !o.NoConfirm {
		if err := confirm(o, info, ts); err != nil {
			return err
		}
	}
	if err := c.Resume(ctx, o.ID, ts); err != nil {
		return shared.CommandError(err)
	}
	if o.IO.IsStderrTTY() {
		fmt.Fprintf(o.IO.ErrOut, "Resumed changefeed %s\n", o.ID)
	}
	return nil
}

// confirm asks TiCDC's questions: about overwriting the checkpoint, or
// about a lag of more than a day.
func confirm(o *Options, info *api.ChangeFeedInfo, ts uint64) error {
	if ts == 0 {
		return shared.ConfirmLag(o.IO, o.Now(), info.CheckpointTs, "resume")
	}
	ok, err := shared.Confirm(o.IO,
		fmt.Sprintf("You are overwriting the checkpoint of changefeed(%s) to %d, which may lead to data loss or data duplication.\n"+
			"Confirm that you know what this command will do and use it at your own risk [Y/N]", o.ID.ID, ts),
		"overwriting the checkpoint may lose or repeat data")
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintln(o.IO.ErrOut, "Abort changefeed resume.")
		return &shared.AbortError{Command: "cli changefeed resume"}
	}
	return nil
}
