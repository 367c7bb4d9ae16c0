// Package genall implements `cdcctl snowflake gen-all`.
package genall

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/snowflake/shared"
	"github.com/cdcctl/cdcctl/pkg/gen/snowflake"
)

// NewCmdGenAll returns the gen-all command.
func NewCmdGenAll(f *factory.Factory, runF func(*shared.Options) error) *cobra.Command {
	return shared.NewCommand(f, shared.Spec{
		Use:   "gen-all",
		Short: "Generate every Snowflake object of a replica, in the order to run them",
		Long: `Generate the grants the objects need (as comments), then for each table its replica
table, stream, merge task and purge task.

The purge task runs after each merge and deletes only landing rows the replica has
already applied (or, for a deleted key, every change up to its delete); it never
truncates. With --out-dir the file names sort in the order to run them.`,
		Example: `  cdcctl snowflake gen-all --ddl tpcc.sql --table 'tpcc.*' --warehouse CDC_WH --out-dir snowflake/
  cdcctl snowflake gen-all --from mysql://root@127.0.0.1:3306/tpcc --serverless --soft-delete`,
		Kinds: snowflake.AllKinds(),
		Tasks: true,
	}, runF)
}
