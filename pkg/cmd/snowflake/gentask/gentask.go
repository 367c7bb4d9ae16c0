// Package gentask implements `cdcctl snowflake gen-task`.
package gentask

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/snowflake/shared"
	"github.com/cdcctl/cdcctl/pkg/gen/snowflake"
)

// NewCmdGenTask returns the gen-task command.
func NewCmdGenTask(f *factory.Factory, runF func(*shared.Options) error) *cobra.Command {
	return shared.NewCommand(f, shared.Spec{
		Use:   "gen-task",
		Short: "Generate the TASK that runs the MERGE while the stream has data",
		Long: `Generate, for each table, a TASK that runs its MERGE on a schedule when
SYSTEM$STREAM_HAS_DATA reports changes on the table's stream, followed by the
ALTER TASK ... RESUME that starts it.`,
		Example: `  cdcctl snowflake gen-task --ddl tpcc.sql --table tpcc.item --warehouse CDC_WH
  cdcctl snowflake gen-task --ddl tpcc.sql --table 'tpcc.*' --serverless --schedule 5m`,
		Kinds: []snowflake.Kind{snowflake.KindTask},
		Tasks: true,
	}, runF)
}
