package shared

import (
	"io"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

// Status writes a progress line to stderr while work runs: on a terminal it
// redraws one line in place every TTYEvery; elsewhere it appends a line
// every PlainEvery, for logs.
type Status struct {
	Out        io.Writer
	TTY        bool
	TTYEvery   time.Duration
	PlainEvery time.Duration
	// Line renders the status; final is true for the last call.
	Line func(final bool) string
}

// Start begins writing and returns the function that writes the final
// line and stops.
func (s Status) Start() (stop func()) {
	every := s.PlainEvery
	if s.TTY {
		every = s.TTYEvery
	}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				s.write(true)
				return
			case <-t.C:
				s.write(false)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

func (s Status) write(final bool) {
	line := s.Line(final)
	if s.TTY {
		// Carriage return, the line, clear to the end of the terminal line.
		line = "\r" + line + "\x1b[K"
		if final {
			line += "\n"
		}
	} else {
		line += "\n"
	}
	_, _ = io.WriteString(s.Out, line)
}

// StderrRenderer returns a lipgloss renderer for ios.ErrOut, colouring only
// when stderr is a terminal and the environment allows (NO_COLOR,
// CLICOLOR_FORCE, TERM=dumb).
func StderrRenderer(ios *iostreams.IOStreams, env iostreams.Env) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(ios.ErrOut)
	if env == nil || !iostreams.ColorWanted(ios.IsStderrTTY(), env) {
		r.SetColorProfile(termenv.Ascii)
	} else {
		r.SetColorProfile(termenv.ANSI256)
	}
	return r
}
