package shared

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/output"
)

// outputFlag is -o/--output whose default (empty) is TiCDC's own output;
// table, json and yaml select cdcctl's views.
type outputFlag struct{ f *output.Format }

func (o outputFlag) String() string     { return string(*o.f) }
func (o outputFlag) Set(s string) error { return o.f.Set(s) }
func (o outputFlag) Type() string       { return "format" }

// AddOutputFlag adds -o/--output; f stays "" unless the user sets it,
// which means TiCDC's output.
func AddOutputFlag(cmd *cobra.Command, f *output.Format) {
	cmd.Flags().VarP(outputFlag{f}, "output", "o",
		"Output format: table, json or yaml (cdcctl's views; default: TiCDC's output)")
	_ = cmd.RegisterFlagCompletionFunc("output", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"table", "json", "yaml"}, cobra.ShellCompDirectiveNoFileComp
	})
}

// WriteTiCDCJSON prints v as TiCDC's CLI does: indented by 2 spaces, HTML
// characters escaped, then a newline.
func WriteTiCDCJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode output: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// CompactJSON is v as TiCDC's "Info:" lines print it (json.Marshal).
func CompactJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode output: %w", err)
	}
	return string(b), nil
}
