// Package gentable implements `cdcctl snowflake gen-table`.
package gentable

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/snowflake/shared"
	"github.com/cdcctl/cdcctl/pkg/gen/snowflake"
)

// NewCmdGenTable returns the gen-table command.
func NewCmdGenTable(f *factory.Factory, runF func(*shared.Options) error) *cobra.Command {
	return shared.NewCommand(f, shared.Spec{
		Use:   "gen-table",
		Short: "Generate the replica table DDL with the MySQL-to-Snowflake type mapping",
		Long: `Generate, for each table, CREATE TABLE IF NOT EXISTS for its Snowflake replica:
the MySQL columns with their Snowflake types, the key, and the _KAFKA_PARTITION and
_KAFKA_OFFSET columns the MERGE keeps.`,
		Example: `  cdcctl snowflake gen-table --ddl tpcc.sql --table tpcc.item`,
		Kinds:   []snowflake.Kind{snowflake.KindTable},
	}, runF)
}
