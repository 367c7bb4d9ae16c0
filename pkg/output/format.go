// Package output prints a command's data as a table (or text), JSON or YAML
// from one view struct, so that every format shows the same fields.
package output

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// Format is the value of the -o/--output flag.
type Format string

// Output formats.
const (
	Table Format = "table"
	JSON  Format = "json"
	YAML  Format = "yaml"
)

// Formats lists the accepted values in the order help shows them.
func Formats() []Format { return []Format{Table, JSON, YAML} }

// String implements pflag.Value.
func (f *Format) String() string {
	if *f == "" {
		return string(Table)
	}
	return string(*f)
}

// Set implements pflag.Value; it rejects anything but table, json or yaml.
func (f *Format) Set(s string) error {
	for _, v := range Formats() {
		if strings.EqualFold(s, string(v)) {
			*f = v
			return nil
		}
	}
	return fmt.Errorf("want one of table, json, yaml, got %q", s)
}

// Type implements pflag.Value.
func (f *Format) Type() string { return "format" }

// AddFlag adds -o/--output to cmd, storing the choice in f (default table).
func AddFlag(cmd *cobra.Command, f *Format) {
	if *f == "" {
		*f = Table
	}
	cmd.Flags().VarP(f, "output", "o", "Output format: table, json or yaml")
	_ = cmd.RegisterFlagCompletionFunc("output", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"table", "json", "yaml"}, cobra.ShellCompDirectiveNoFileComp
	})
}
