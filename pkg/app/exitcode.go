package app

import (
	"context"
	"errors"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
)

// Exit codes, one per class of outcome.
const (
	ExitOK        = 0
	ExitError     = 1
	ExitUsage     = 2
	ExitNotFound  = 3
	ExitCancelled = 4
)

// ExitCode maps an error returned by a command to the process exit code.
func ExitCode(err error) int {
	var (
		flagErr     *cmderr.FlagError
		inputErr    *cmderr.InvalidInputError
		notFoundErr *cmderr.NotFoundError
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &flagErr), errors.As(err, &inputErr):
		return ExitUsage
	case errors.As(err, &notFoundErr):
		return ExitNotFound
	case errors.Is(err, cmderr.ErrCancelled), errors.Is(err, context.Canceled):
		return ExitCancelled
	}
	return ExitError
}
