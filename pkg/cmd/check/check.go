// Package check implements `cdcctl check`.
package check

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/check/upstream"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/group"
)

// NewCmdCheck returns the check command group.
func NewCmdCheck(f *factory.Factory) *cobra.Command {
	cmd := group.New("check <subcommand>", "Check that an upstream database is ready for capture",
		"Check the systems cdcctl works with before creating a changefeed.")
	cmd.AddCommand(upstream.NewCmdUpstream(f, nil))
	return cmd
}
