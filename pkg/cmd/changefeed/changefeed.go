// Package changefeed implements the `cdcctl changefeed` command group.
package changefeed

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/create"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/list"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/pause"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/query"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/remove"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/resume"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/update"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/validate"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/group"
)

// NewCmdChangefeed returns `cdcctl changefeed` with its verbs.
func NewCmdChangefeed(f *factory.Factory) *cobra.Command {
	cmd := group.New("changefeed <command>", "Create and manage changefeeds on a cdcctl or TiCDC server",
		`Work with changefeeds: the TiCDC sink URIs and changefeed.conf files you already
use are accepted as they are, and checked with TiCDC's rules.`)
	cmd.AddCommand(validate.NewCmdValidate(f, nil))
	shared.AddServerFlags(cmd)
	cmd.AddCommand(create.NewCmdCreate(f, nil))
	cmd.AddCommand(list.NewCmdList(f, nil))
	cmd.AddCommand(query.NewCmdQuery(f, nil))
	cmd.AddCommand(pause.NewCmdPause(f, nil))
	cmd.AddCommand(resume.NewCmdResume(f, nil))
	cmd.AddCommand(update.NewCmdUpdate(f, nil))
	cmd.AddCommand(remove.NewCmdRemove(f, nil))
	return cmd
}
