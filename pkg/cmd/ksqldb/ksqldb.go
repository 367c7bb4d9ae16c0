// Package ksqldb is the `cdcctl ksqldb` command group.
package ksqldb

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/group"
	gencmd "github.com/cdcctl/cdcctl/pkg/cmd/ksqldb/gen"
)

// NewCmdKsqldb returns the ksqldb group with its verbs.
func NewCmdKsqldb(f *factory.Factory) *cobra.Command {
	cmd := group.New("ksqldb <command>", "Generate ksqlDB streams and tables for captured topics",
		`Generate ksqlDB statements over the Avro topics TiCDC (or cdcctl) writes.`)
	cmd.AddCommand(gencmd.NewCmdGen(f, nil))
	return cmd
}
