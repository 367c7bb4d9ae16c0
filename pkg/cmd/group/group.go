// Package group builds noun commands ("cdcctl changefeed") that only hold
// verbs, so that a wrong verb is a usage error rather than a silent help
// page.
package group

import (
	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
)

// New returns a group command. Run without a verb it prints its help; with
// an unknown verb it fails with a usage error naming the verb.
func New(use, short, long string) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Long:  long,
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return cmderr.FlagErrorf("unknown command %q for %q", args[0], cmd.CommandPath())
			}
			return cmd.Help()
		},
	}
}

// NotBuilt returns a command for a group whose verbs do not exist yet in
// this version: whatever it is given, it says so and exits 1.
func NotBuilt(use, short string) *cobra.Command {
	return &cobra.Command{
		Use:                use,
		Short:              short + " (not built yet)",
		Long:               short + ".\n\nThis command group is not built yet in this version of cdcctl.",
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, a := range args {
				if a == "-h" || a == "--help" {
					return cmd.Help()
				}
			}
			return &cmderr.NotBuiltError{Command: cmd.CommandPath()}
		},
	}
}
