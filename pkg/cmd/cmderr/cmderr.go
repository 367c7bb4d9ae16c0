// Package cmderr defines the error classes that commands return and that the
// application maps to exit codes (see pkg/app).
package cmderr

import (
	"errors"
	"fmt"
)

// FlagError is a usage error: a bad flag, argument or flag combination. The
// application prints it with the command's usage and exits 2.
type FlagError struct{ err error }

func (e *FlagError) Error() string { return e.err.Error() }
func (e *FlagError) Unwrap() error { return e.err }

// FlagErrorf returns a *FlagError with a formatted message.
func FlagErrorf(format string, args ...any) error {
	return &FlagError{err: fmt.Errorf(format, args...)}
}

// FlagErrorWrap marks err as a usage error.
func FlagErrorWrap(err error) error {
	if err == nil {
		return nil
	}
	return &FlagError{err: err}
}

// InvalidInputError is bad input that is not a flag: a sink URI, a config
// file, a DDL file. It exits 2 like a usage error but prints no usage.
type InvalidInputError struct{ err error }

func (e *InvalidInputError) Error() string { return e.err.Error() }
func (e *InvalidInputError) Unwrap() error { return e.err }

// InvalidInput marks err as invalid user input.
func InvalidInput(err error) error {
	if err == nil {
		return nil
	}
	return &InvalidInputError{err: err}
}

// NotFoundError says the named object does not exist; exit code 3.
type NotFoundError struct{ err error }

func (e *NotFoundError) Error() string { return e.err.Error() }
func (e *NotFoundError) Unwrap() error { return e.err }

// NotFound marks err as a not-found error.
func NotFound(err error) error {
	if err == nil {
		return nil
	}
	return &NotFoundError{err: err}
}

// ErrCancelled is returned when the user interrupted the command; exit code 4.
var ErrCancelled = errors.New("cancelled")

// SilentError means the command has already reported the failure; the
// application exits 1 without printing anything more.
var ErrSilent = errors.New("silent error")

// NotBuiltError reports a command group whose verbs do not exist yet.
type NotBuiltError struct{ Command string }

func (e *NotBuiltError) Error() string {
	return fmt.Sprintf("%s: not built yet in this version of cdcctl", e.Command)
}
