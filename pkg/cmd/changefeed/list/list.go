// Package list implements `cdcctl changefeed list`.
package list

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

// Options are the parsed flags of `cdcctl changefeed list`.
type Options struct {
	IO     *iostreams.IOStreams
	Client func() (shared.ChangefeedAPI, error)
	Now    func() time.Time
	Loc    *time.Location
	Format output.Format

	Namespace string
	All       bool
}

// NewCmdList returns the list command. runF, when non-nil, replaces the
// run function (tests capture the options with it).
func NewCmdList(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: shared.ClientFunc(f), Now: time.Now}
	cmd := &cobra.Command{
		Use:   "list [-a] [-n <namespace>]",
		Short: "List all replication tasks (changefeeds) in the cluster",
		Long: `List the changefeeds of a namespace. By default cdcctl prints TiCDC's JSON array
(id, namespace and a summary with state, checkpoint TSO and time, and error);
finished and removed changefeeds are shown only with --all.

-o table shows state, checkpoint time, lag and throughput in a table on a
terminal, and tab-separated rows without a header elsewhere.`,
		Example: `  cdcctl changefeed list
  cdcctl changefeed list -a -o table
  cdcctl changefeed list --server http://cdc.internal:8300 -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := shared.CheckNamespace(opts.Namespace); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Namespace, "namespace", "n", api.DefaultNamespace, "Replication task (changefeed) namespace")
	cmd.Flags().BoolVarP(&opts.All, "all", "a", false, "List all replication tasks (including removed and finished)")
	shared.AddOutputFlag(cmd, &opts.Format)
	return cmd
}

// summary is one element of TiCDC's list output.
type summary struct {
	ID        string  `json:"id"`
	Namespace string  `json:"namespace"`
	Summary   details `json:"summary"`
}

type details struct {
	State      string            `json:"state"`
	TSO        uint64            `json:"tso"`
	Checkpoint string            `json:"checkpoint"`
	Error      *api.RunningError `json:"error"`
}

func listRun(ctx context.Context, o *Options) error {
	c, err := o.Client()
	if err != nil {
		return err
	}
	items, err := c.List(ctx, o.Namespace, api.StateFilterAll)
	if err != nil {
		return shared.CommandError(err)
	}
	shown := items[:0:0]
	for _, it := range items {
		if o.All || (it.State != api.StateFinished && it.State != api.StateRemoved) {
			shown = append(shown, it)
		}
	}
	if o.Format != "" {
		return output.Print(o.IO, o.Format, shared.NewListView(shown, shared.NewDisplay(o.IO, o.Now(), o.Loc)))
	}
	out := make([]summary, 0, len(shown))
	for _, it := range shown {
		s := summary{ID: it.ID, Namespace: it.Namespace, Summary: details{
			State: string(it.State.Listed()), TSO: it.CheckpointTSO, Checkpoint: it.CheckpointTime.String(), Error: it.Error}}
		if it.State.Listed() == api.StateNormal {
			s.Summary.Error = nil
		}
		out = append(out, s)
	}
	return shared.WriteTiCDCJSON(o.IO.Out, out)
}
