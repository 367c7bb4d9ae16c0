// Package version implements `cdcctl version`.
package version

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
	buildinfo "github.com/cdcctl/cdcctl/pkg/version"
)

// Options are the parsed flags of `cdcctl version`.
type Options struct {
	IO     *iostreams.IOStreams
	Format output.Format
	Info   func() buildinfo.Info
}

// NewCmdVersion returns the version command. runF, when non-nil, replaces
// the run function (tests capture the options with it).
func NewCmdVersion(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Info: buildinfo.Get}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version of cdcctl",
		Args:  cobra.NoArgs,
		Example: `  cdcctl version
  cdcctl version -o json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	output.AddFlag(cmd, &opts.Format)
	return cmd
}

// view is what `cdcctl version` prints.
type view buildinfo.Info

// WriteText prints one human line.
func (v view) WriteText(w io.Writer) error {
	_, err := fmt.Fprintf(w, "cdcctl %s (commit %s, built %s, %s)\n", v.Version, v.Commit, v.Date, v.Go)
	return err
}

func run(opts *Options) error {
	return output.Print(opts.IO, opts.Format, view(opts.Info()))
}
