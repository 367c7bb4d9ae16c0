// Package app runs the cdcctl command tree and turns its outcome into an
// exit code. It is the only place that decides how errors are shown.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/root"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

// Main runs cdcctl with the process's arguments and streams and returns the
// exit code.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, iostreams.System(), os.Args[1:])
}

// Run executes the command line args with ios and returns the exit code.
func Run(ctx context.Context, ios *iostreams.IOStreams, args []string) int {
	f := factory.New(ios)
	cmd := root.NewCmdRoot(f)
	cmd.SetArgs(args)
	cmd.SetIn(ios.In)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	ran, err := cmd.ExecuteContextC(ctx)
	if err == nil {
		return ExitOK
	}
	if isUnknownCommand(err) {
		err = cmderr.FlagErrorWrap(err)
	}
	if ctx.Err() != nil && !errors.Is(err, cmderr.ErrSilent) {
		err = fmt.Errorf("%w: %w", cmderr.ErrCancelled, err)
	}
	printError(ios.ErrOut, ran, err)
	return ExitCode(err)
}

func printError(w io.Writer, cmd *cobra.Command, err error) {
	if errors.Is(err, cmderr.ErrSilent) {
		return
	}
	fmt.Fprintf(w, "Error: %s\n", err)
	var flagErr *cmderr.FlagError
	if cmd != nil && errors.As(err, &flagErr) {
		fmt.Fprintf(w, "\n%s", cmd.UsageString())
	}
}

// isUnknownCommand reports cobra's own "unknown command" error, which it
// returns unwrapped from command lookup.
func isUnknownCommand(err error) bool {
	return strings.HasPrefix(err.Error(), "unknown command ")
}
