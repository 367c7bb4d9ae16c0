// Package iostreams holds the standard streams a command reads and writes,
// with terminal and colour detection done once, so that no command probes
// the terminal itself.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are a command's input and outputs. Data goes to Out; progress,
// hints and "created X" messages go to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY  bool
	stdoutTTY bool
	stderrTTY bool
	color     bool
}

// Env reads an environment variable; os.LookupEnv in production.
type Env func(key string) (string, bool)

// System returns the process's streams, detecting terminals and honouring
// NO_COLOR, CLICOLOR_FORCE and TERM=dumb.
func System() *IOStreams {
	s := &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		stdinTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		stdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		stderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
	s.color = ColorWanted(s.stdoutTTY, os.LookupEnv)
	return s
}

// ColorWanted decides whether to colour output written to a stream, from
// whether it is a terminal and the environment: NO_COLOR (any value) turns
// colour off, CLICOLOR_FORCE (non-zero) turns it on even off a terminal,
// TERM=dumb turns it off.
func ColorWanted(isTTY bool, env Env) bool {
	if _, ok := env("NO_COLOR"); ok {
		return false
	}
	if v, ok := env("CLICOLOR_FORCE"); ok && v != "" && v != "0" {
		return true
	}
	if v, _ := env("TERM"); v == "dumb" {
		return false
	}
	return isTTY
}

// Test returns streams backed by buffers: stdin, stdout, stderr.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// IsStdinTTY reports whether standard input is a terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether standard output is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether standard error is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// ColorEnabled reports whether output to Out may use colour.
func (s *IOStreams) ColorEnabled() bool { return s.color }

// SetStdoutTTY overrides terminal detection (tests).
func (s *IOStreams) SetStdoutTTY(v bool) { s.stdoutTTY = v }

// SetStderrTTY overrides terminal detection (tests).
func (s *IOStreams) SetStderrTTY(v bool) { s.stderrTTY = v }

// SetStdinTTY overrides terminal detection (tests).
func (s *IOStreams) SetStdinTTY(v bool) { s.stdinTTY = v }

// SetColorEnabled overrides colour detection (tests).
func (s *IOStreams) SetColorEnabled(v bool) { s.color = v }
