// Package connector is the `cdcctl connector` command group.
package connector

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/connector/snowflake"
	"github.com/cdcctl/cdcctl/pkg/cmd/connector/sqlserver"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/group"
)

// NewCmdConnector returns the connector group with its verbs.
func NewCmdConnector(f *factory.Factory) *cobra.Command {
	cmd := group.New("connector <command>", "Generate and apply Confluent Snowflake and SQL Server sink connectors",
		`Generate the Kafka Connect configuration of sink connectors that read the captured
TiCDC Avro topics, for Confluent Cloud (fully-managed) or your own Connect workers,
and optionally create or update them through the Connect API.`)
	cmd.AddCommand(snowflake.NewCmdSnowflake(f, nil), sqlserver.NewCmdSQLServer(f, nil))
	return cmd
}
