package sharedtest

import (
	"context"
	"errors"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
)

// ExitCode is the exit code pkg/app gives err (the verbs' tests cannot
// import pkg/app, which imports them).
func ExitCode(err error) int {
	var (
		flagErr  *cmderr.FlagError
		inputErr *cmderr.InvalidInputError
		notFound *cmderr.NotFoundError
	)
	switch {
	case err == nil:
		return 0
	case errors.As(err, &flagErr), errors.As(err, &inputErr):
		return 2
	case errors.As(err, &notFound):
		return 3
	case errors.Is(err, cmderr.ErrCancelled), errors.Is(err, context.Canceled):
		return 4
	}
	return 1
}
