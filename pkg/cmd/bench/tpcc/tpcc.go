// Package tpcc implements `cdcctl bench tpcc`, the TPC-C workload of
// github.com/pingcap/go-tpc (what `tiup bench tpcc` runs) driven as a
// library.
package tpcc

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc/cleanup"
	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc/prepare"
	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc/run"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/group"
)

// NewCmdTPCC returns the tpcc command group.
func NewCmdTPCC(f *factory.Factory) *cobra.Command {
	cmd := group.New("tpcc <command>", "Load and run the TPC-C workload of go-tpc",
		`Load and run go-tpc's TPC-C workload, as `+"`tiup bench tpcc`"+` does, against MySQL,
MariaDB or TiDB: prepare creates and loads the tables, run runs the
transaction mix, cleanup drops the tables.

The flags are go-tpc's (-H, -P, -U, -p, -D, --warehouses), except that the
port defaults to 3306 and prepare's --warehouses to 1; --upstream or
CDCCTL_UPSTREAM fills the connection flags not given, and
CDCCTL_MYSQL_PASSWORD the password.`)
	cmd.Example = `  cdcctl bench tpcc prepare --warehouses 4
  cdcctl bench tpcc run --time 300s
  cdcctl bench tpcc cleanup`
	cmd.AddCommand(
		prepare.NewCmdPrepare(f, nil),
		run.NewCmdRun(f, nil),
		cleanup.NewCmdCleanup(f, nil),
	)
	return cmd
}
