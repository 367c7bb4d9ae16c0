// Package bench implements `cdcctl bench`: workloads that write to the
// upstream so that there are changes to capture.
package bench

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/group"
)

// NewCmdBench returns the bench command group.
func NewCmdBench(f *factory.Factory) *cobra.Command {
	cmd := group.New("bench <workload>", "Run the TPC-C workload against the upstream",
		"Generate load on the upstream database, as the guide's `tiup bench` step does.")
	cmd.AddCommand(tpcc.NewCmdTPCC(f))
	return cmd
}
