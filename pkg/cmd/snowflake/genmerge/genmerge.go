// Package genmerge implements `cdcctl snowflake gen-merge`.
package genmerge

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/snowflake/shared"
	"github.com/cdcctl/cdcctl/pkg/gen/snowflake"
)

// NewCmdGenMerge returns the gen-merge command.
func NewCmdGenMerge(f *factory.Factory, runF func(*shared.Options) error) *cobra.Command {
	return shared.NewCommand(f, shared.Spec{
		Use:   "gen-merge",
		Short: "Generate the MERGE that applies a landing table's stream to its replica",
		Long: `Generate, for each table, the MERGE statement that applies the changes the Snowflake
connector landed (through the table's append-only stream) to the replica table.

Per key only the change with the highest Kafka offset counts (QUALIFY ROW_NUMBER()),
key fields come from RECORD_METADATA:key, a tombstone ({} from connector v3, NULL
from v4) deletes the row, every column is extracted by its exact Avro field name and
cast to its Snowflake type, and changes at or below the offset already applied are
ignored.`,
		Example: `  cdcctl snowflake gen-merge --ddl tpcc.sql --table tpcc.item
  cdcctl snowflake gen-merge --from mysql://root@127.0.0.1:3306/tpcc --table item --database CDC_DB
  cdcctl snowflake gen-merge --from-registry http://127.0.0.1:8081 --topic tidb_tpcc_item`,
		Kinds: []snowflake.Kind{snowflake.KindMerge},
	}, runF)
}
