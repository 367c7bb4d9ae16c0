// Package snowflake is the `cdcctl snowflake` command group.
package snowflake

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/group"
	"github.com/cdcctl/cdcctl/pkg/cmd/snowflake/genall"
	"github.com/cdcctl/cdcctl/pkg/cmd/snowflake/genmerge"
	"github.com/cdcctl/cdcctl/pkg/cmd/snowflake/genstream"
	"github.com/cdcctl/cdcctl/pkg/cmd/snowflake/gentable"
	"github.com/cdcctl/cdcctl/pkg/cmd/snowflake/gentask"
)

// NewCmdSnowflake returns the snowflake group with its verbs.
func NewCmdSnowflake(f *factory.Factory) *cobra.Command {
	cmd := group.New("snowflake <command>", "Generate the Snowflake replica SQL for captured tables",
		`Generate the Snowflake SQL that keeps a replica of each MySQL table up to date from
the landing table the Snowflake Kafka connector fills: replica table, append-only
stream, MERGE, tasks and grants. Table definitions come from the upstream
(--from), the Schema Registry (--from-registry) or DDL files (--ddl).`)
	cmd.AddCommand(
		gentable.NewCmdGenTable(f, nil),
		genstream.NewCmdGenStream(f, nil),
		genmerge.NewCmdGenMerge(f, nil),
		gentask.NewCmdGenTask(f, nil),
		genall.NewCmdGenAll(f, nil),
	)
	return cmd
}
