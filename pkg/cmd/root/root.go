// Package root builds the cdcctl command tree.
package root

import (
	"github.com/spf13/cobra"

	avrocmd "github.com/cdcctl/cdcctl/pkg/cmd/avro"
	benchcmd "github.com/cdcctl/cdcctl/pkg/cmd/bench"
	changefeedcmd "github.com/cdcctl/cdcctl/pkg/cmd/changefeed"
	checkcmd "github.com/cdcctl/cdcctl/pkg/cmd/check"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	connectorcmd "github.com/cdcctl/cdcctl/pkg/cmd/connector"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	ksqldbcmd "github.com/cdcctl/cdcctl/pkg/cmd/ksqldb"
	playgroundcmd "github.com/cdcctl/cdcctl/pkg/cmd/playground"
	servercmd "github.com/cdcctl/cdcctl/pkg/cmd/server"
	snowflakecmd "github.com/cdcctl/cdcctl/pkg/cmd/snowflake"
	tailcmd "github.com/cdcctl/cdcctl/pkg/cmd/tail"
	versioncmd "github.com/cdcctl/cdcctl/pkg/cmd/version"
)

// NewCmdRoot returns the root command with every command group attached.
func NewCmdRoot(f *factory.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cdcctl <command> <subcommand> [flags]",
		Short: "Stream MySQL-family changes into Kafka as TiCDC Avro, and wire up what reads them",
		Long: `cdcctl captures row changes from TiDB, MySQL or MariaDB, writes them to Kafka as
TiCDC-compatible Avro registered in a Confluent Schema Registry, and generates the
Snowflake, ksqlDB and connector configuration that reads them.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.NoArgs,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			path, _ := cmd.Root().PersistentFlags().GetString("config")
			f.SetConfigSource(cmd.Flags(), path)
			if _, err := f.Config(); err != nil {
				return cmderr.InvalidInput(err)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return cmderr.FlagErrorWrap(err) })
	pf := cmd.PersistentFlags()
	pf.String("config", "", "Config file (default $XDG_CONFIG_HOME/cdcctl/config.yaml)")
	pf.String("log-level", "info", "Log level on stderr: debug, info, warn or error")
	pf.String("log-format", "text", "Log format on stderr: text or json")

	cmd.AddGroup(
		&cobra.Group{ID: "engine", Title: "Capture engine:"},
		&cobra.Group{ID: "downstream", Title: "Downstream generators:"},
		&cobra.Group{ID: "local", Title: "Local stack and tools:"},
	)
	add := func(groupID string, cmds ...*cobra.Command) {
		for _, c := range cmds {
			c.GroupID = groupID
			cmd.AddCommand(c)
		}
	}
	add("engine",
		servercmd.NewCmdServer(f, nil),
		changefeedcmd.NewCmdChangefeed(f),
		checkcmd.NewCmdCheck(f),
	)
	add("downstream",
		avrocmd.NewCmdAvro(f),
		snowflakecmd.NewCmdSnowflake(f),
		ksqldbcmd.NewCmdKsqldb(f),
		connectorcmd.NewCmdConnector(f),
	)
	add("local",
		playgroundcmd.NewCmdPlayground(f, nil),
		benchcmd.NewCmdBench(f),
		tailcmd.NewCmdTail(f, nil),
	)
	cmd.AddCommand(versioncmd.NewCmdVersion(f, nil))
	cmd.AddCommand(newCmdEnvironment())
	cmd.InitDefaultCompletionCmd()
	return cmd
}
