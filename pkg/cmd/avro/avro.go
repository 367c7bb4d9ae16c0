// Package avro implements the `cdcctl avro` command group.
package avro

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/avro/schema"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/group"
)

// NewCmdAvro returns `cdcctl avro` with its verbs.
func NewCmdAvro(f *factory.Factory) *cobra.Command {
	cmd := group.New("avro <command>", "Show the Avro key and value schemas of a table",
		`Work with the TiCDC Avro protocol that cdcctl writes: preview the key and value
schemas a table gets, exactly as they are registered in the Schema Registry.`)
	cmd.AddCommand(schema.NewCmdSchema(f, nil))
	return cmd
}
