// Package query implements `cdcctl changefeed query`.
package query

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

// Options are the parsed flags of `cdcctl changefeed query`.
type Options struct {
	IO     *iostreams.IOStreams
	Client func() (shared.ChangefeedAPI, error)
	Now    func() time.Time
	Loc    *time.Location
	Format output.Format

	ID     api.ChangefeedID
	Simple bool
}

// NewCmdQuery returns the query command. runF, when non-nil, replaces the
// run function (tests capture the options with it).
func NewCmdQuery(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: shared.ClientFunc(f), Now: time.Now}
	cmd := &cobra.Command{
		Use:   "query -c <id> [-s]",
		Short: "Query information and status of a replication task (changefeed)",
		Long: `Show one changefeed. By default cdcctl prints TiCDC's JSON: the full detail
(sink URI, replica config, timestamps, state, error), or with --simple the
list entry (state, checkpoint, error). Secrets are masked, including the
Schema Registry and SASL credentials TiCDC itself shows.

-o table|json|yaml shows cdcctl's view: state, checkpoint time and lag, the
binlog position, snapshot progress, throughput and per-table row counts
(the last four from a cdcctl server).`,
		Example: `  cdcctl changefeed query -c orders
  cdcctl changefeed query -c orders -s
  cdcctl changefeed query -c orders -o table`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := shared.CheckID(opts.ID, false); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return queryRun(cmd.Context(), opts)
		},
	}
	shared.AddIDFlags(cmd, &opts.ID)
	cmd.Flags().BoolVarP(&opts.Simple, "simple", "s", false, "Output simplified replication status")
	shared.AddOutputFlag(cmd, &opts.Format)
	return cmd
}

// detail is TiCDC's full query output (its CLI's cfMeta).
type detail struct {
	UpstreamID     uint64                       `json:"upstream_id"`
	Namespace      string                       `json:"namespace"`
	ID             string                       `json:"id"`
	SinkURI        string                       `json:"sink_uri"`
	Config         *replicaconfig.ReplicaConfig `json:"config"`
	CreateTime     api.JSONTime                 `json:"create_time"`
	StartTs        uint64                       `json:"start_ts"`
	ResolvedTs     uint64                       `json:"resolved_ts"`
	TargetTs       uint64                       `json:"target_ts"`
	CheckpointTSO  uint64                       `json:"checkpoint_tso"`
	CheckpointTime api.JSONTime                 `json:"checkpoint_time"`
	State          api.State                    `json:"state"`
	Error          *api.RunningError            `json:"error,omitempty"`
	CreatorVersion string                       `json:"creator_version"`
	TaskStatus     []api.CaptureTaskStatus      `json:"task_status,omitempty"`
}

func queryRun(ctx context.Context, o *Options) error {
	c, err := o.Client()
	if err != nil {
		return err
	}
	if o.Simple {
		return simple(ctx, o, c)
	}
	info, err := c.Get(ctx, o.ID)
	if err != nil {
		return shared.CommandError(err)
	}
	if o.Format != "" {
		return output.Print(o.IO, o.Format, shared.NewChangefeedView(info, shared.NewDisplay(o.IO, o.Now(), o.Loc)))
	}
	m := info.Masked()
	return shared.WriteTiCDCJSON(o.IO.Out, detail{
		UpstreamID: m.UpstreamID, Namespace: m.Namespace, ID: m.ID, SinkURI: m.SinkURI, Config: m.Config,
		CreateTime: api.JSONTime(m.CreateTime), StartTs: m.StartTs, ResolvedTs: m.ResolvedTs, TargetTs: m.TargetTs,
		CheckpointTSO: m.CheckpointTs, CheckpointTime: m.CheckpointTime, State: m.State, Error: m.Error,
		CreatorVersion: m.CreatorVersion, TaskStatus: m.TaskStatus,
	})
}

// simple prints the changefeed's entry of the list API, as TiCDC's
// --simple does.
func simple(ctx context.Context, o *Options, c shared.ChangefeedAPI) error {
	items, err := c.List(ctx, o.ID.Namespace, api.StateFilterAll)
	if err != nil {
		return shared.CommandError(err)
	}
	for _, it := range items {
		if it.ID != o.ID.ID {
			continue
		}
		if o.Format != "" {
			v := shared.NewListView([]api.ChangefeedCommonInfo{it}, shared.NewDisplay(o.IO, o.Now(), o.Loc))
			return output.Print(o.IO, o.Format, v)
		}
		return shared.WriteTiCDCJSON(o.IO.Out, it)
	}
	return shared.CommandError(api.Errorf(api.CodeChangeFeedNotExists, "changefeed not exists, %s", o.ID.ID))
}
