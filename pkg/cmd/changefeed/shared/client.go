// Package shared holds what the changefeed verbs share: the API they talk
// to a cdcctl or TiCDC server through, the secret-aware sink flags of
// create and update, TiCDC's output text, prompts and the -o views.
package shared

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/client"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
)

// ChangefeedAPI is the changefeed API of a server; *client.Changefeeds
// implements it and tests fake it.
type ChangefeedAPI interface {
	Create(ctx context.Context, cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error)
	List(ctx context.Context, namespace, state string) ([]api.ChangefeedCommonInfo, error)
	Get(ctx context.Context, id api.ChangefeedID) (*api.ChangeFeedInfo, error)
	Update(ctx context.Context, id api.ChangefeedID, cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error)
	Remove(ctx context.Context, id api.ChangefeedID) error
	Pause(ctx context.Context, id api.ChangefeedID) error
	Resume(ctx context.Context, id api.ChangefeedID, overwriteCheckpointTs uint64) error
	Status(ctx context.Context, id api.ChangefeedID) (*api.ChangefeedStatus, error)
}

var _ ChangefeedAPI = (*client.Changefeeds)(nil)

// DefaultServer is the server address when none is configured (TiCDC's).
const DefaultServer = "http://127.0.0.1:8300"

// AddServerFlags adds --server and --server-token to the changefeed group
// as persistent flags; config.Load binds them to the server and
// server-token settings (CDCCTL_SERVER, CDCCTL_SERVER_TOKEN).
func AddServerFlags(cmd *cobra.Command) {
	pf := cmd.PersistentFlags()
	pf.String("server", DefaultServer, "Address of the cdcctl or TiCDC server (env CDCCTL_SERVER)")
	pf.String("server-token", "", "Bearer token for the server's API (env CDCCTL_SERVER_TOKEN)")
}

// ClientFunc returns a lazy constructor of the API client, from the
// resolved server address and token (flag > env > config file).
func ClientFunc(f *factory.Factory) func() (ChangefeedAPI, error) {
	return func() (ChangefeedAPI, error) {
		cfg, err := f.Config()
		if err != nil {
			return nil, cmderr.InvalidInput(err)
		}
		server := cfg.Server
		if server == "" {
			server = DefaultServer
		}
		c, err := client.New(server, client.WithToken(cfg.ServerToken.Reveal()))
		if err != nil {
			return nil, cmderr.InvalidInput(err)
		}
		return c.Changefeeds(), nil
	}
}

// AddIDFlags adds TiCDC's -c/--changefeed-id and -n/--namespace.
func AddIDFlags(cmd *cobra.Command, id *api.ChangefeedID) {
	cmd.Flags().StringVarP(&id.ID, "changefeed-id", "c", "", "Replication task (changefeed) ID")
	cmd.Flags().StringVarP(&id.Namespace, "namespace", "n", api.DefaultNamespace, "Replication task (changefeed) namespace")
}

// CheckID checks -c (required unless optional) and -n as the server
// would, so a bad value fails before any request.
func CheckID(id api.ChangefeedID, optional bool) error {
	if id.ID == "" {
		if optional {
			return CheckNamespace(id.Namespace)
		}
		return cmderr.FlagErrorf("-c/--changefeed-id is required")
	}
	if err := api.CheckChangefeedID(id.ID); err != nil {
		return cmderr.InvalidInput(err)
	}
	return CheckNamespace(id.Namespace)
}

// CheckNamespace checks -n.
func CheckNamespace(ns string) error {
	if err := api.CheckNamespace(ns); err != nil {
		return cmderr.InvalidInput(err)
	}
	return nil
}
