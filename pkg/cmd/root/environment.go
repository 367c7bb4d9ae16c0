package root

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/config"
)

// newCmdEnvironment is the help topic `cdcctl help environment`.
func newCmdEnvironment() *cobra.Command {
	return &cobra.Command{
		Use:   "environment",
		Short: "Environment variables that cdcctl reads",
		Long:  EnvironmentHelp(),
	}
}

// EnvironmentHelp renders the list of every variable cdcctl reads.
func EnvironmentHelp() string {
	var b strings.Builder
	b.WriteString("Every setting can come from a flag, a CDCCTL_* environment variable or the\n")
	b.WriteString("config file; a flag you set wins over the environment, which wins over the file.\n")
	b.WriteString("Secret values are never printed: output, logs and errors show ")
	b.WriteString(config.Masked + ".\n\n")
	for _, k := range config.Keys() {
		line := fmt.Sprintf("%s: %s", k.Env(), k.Help)
		if k.Default != "" {
			line += fmt.Sprintf(" (default %q)", k.Default)
		}
		if k.Secret {
			line += " [secret]"
		}
		b.WriteString(line + "\n\n")
	}
	for _, k := range config.EnvVars() {
		fmt.Fprintf(&b, "%s: %s\n\n", k.Name, k.Help)
	}
	return strings.TrimRight(b.String(), "\n")
}
