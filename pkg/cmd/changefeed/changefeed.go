// Package changefeed implements the `cdcctl changefeed` command group.
package changefeed

import (
	"github.com/spf13/cobra"

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
	return cmd
}
