// Package remove implements `cdcctl changefeed remove`.
package remove

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

// Options are the parsed flags of `cdcctl changefeed remove`.
type Options struct {
	IO     *iostreams.IOStreams
	Client func() (shared.ChangefeedAPI, error)
	Format output.Format

	ID api.ChangefeedID
}

// NewCmdRemove returns the remove command. runF, when non-nil, replaces
// the run function (tests capture the options with it).
func NewCmdRemove(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: shared.ClientFunc(f)}
	cmd := &cobra.Command{
		Use:   "remove -c <id>",
		Short: "Remove a replication task (changefeed)",
		Long: `Stop a changefeed and delete it with its checkpoint. Prints TiCDC's four lines
(ID, the last checkpoint and the masked sink URI). A changefeed that does
not exist prints TiCDC's "Changefeed not found." and exits 3.`,
		Example: `  cdcctl changefeed remove -c orders`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := shared.CheckID(opts.ID, false); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return removeRun(cmd.Context(), opts)
		},
	}
	shared.AddIDFlags(cmd, &opts.ID)
	shared.AddOutputFlag(cmd, &opts.Format)
	return cmd
}

// removedView is what remove prints with -o.
type removedView struct {
	ID           string `json:"id" yaml:"id"`
	Namespace    string `json:"namespace" yaml:"namespace"`
	CheckpointTs uint64 `json:"checkpoint_ts" yaml:"checkpoint_ts"`
	SinkURI      string `json:"sink_uri" yaml:"sink_uri"`
}

// WriteText prints TiCDC's lines.
func (v removedView) WriteText(w io.Writer) error {
	_, err := fmt.Fprintf(w, "Changefeed remove successfully.\nID: %s\nCheckpointTs: %d\nSinkURI: %s\n", v.ID, v.CheckpointTs, v.SinkURI)
	return err
}

func removeRun(ctx context.Context, o *Options) error {
	c, err := o.Client()
	if err != nil {
		return err
	}
	info, err := c.Get(ctx, o.ID)
	if err != nil {
		if api.HasCode(err, api.CodeChangeFeedNotExists) && o.Format == "" {
			fmt.Fprintf(o.IO.Out, "Changefeed not found.\nID: %s\n", o.ID.ID)
		}
		return shared.CommandError(err)
	}
	if err := c.Remove(ctx, o.ID); err != nil {
		return shared.CommandError(err)
	}
	// TiCDC checks that the changefeed is gone before saying so.
	if _, err := c.Get(ctx, o.ID); err == nil {
		return api.Errorf(api.CodeChangeFeedDeletionUnfinish, "changefeed exists after deletion, %s", o.ID)
	} else if !api.HasCode(err, api.CodeChangeFeedNotExists) {
		return shared.CommandError(err)
	}
	v := removedView{ID: o.ID.ID, Namespace: o.ID.Namespace, CheckpointTs: info.CheckpointTs, SinkURI: api.MaskSinkURI(info.SinkURI)}
	if o.Format == "" {
		return v.WriteText(o.IO.Out)
	}
	return output.Print(o.IO, o.Format, v)
}
