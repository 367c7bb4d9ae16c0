// Package genstream implements `cdcctl snowflake gen-stream`.
package genstream

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/snowflake/shared"
	"github.com/cdcctl/cdcctl/pkg/gen/snowflake"
)

// NewCmdGenStream returns the gen-stream command.
func NewCmdGenStream(f *factory.Factory, runF func(*shared.Options) error) *cobra.Command {
	return shared.NewCommand(f, shared.Spec{
		Use:     "gen-stream",
		Short:   "Generate the append-only STREAM on a landing table",
		Long:    `Generate, for each table, an APPEND_ONLY stream on the landing table the connector fills.`,
		Example: `  cdcctl snowflake gen-stream --ddl tpcc.sql --table tpcc.item`,
		Kinds:   []snowflake.Kind{snowflake.KindStream},
	}, runF)
}
