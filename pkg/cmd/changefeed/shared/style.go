package shared

import (
	"io"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

// Display is how views render for people: the clock lag is measured
// against, the zone times are shown in, and the terminal's abilities.
type Display struct {
	Now   time.Time
	Loc   *time.Location
	TTY   bool
	Color bool
	out   io.Writer
}

// NewDisplay describes ios's stdout.
func NewDisplay(ios *iostreams.IOStreams, now time.Time, loc *time.Location) Display {
	if loc == nil {
		loc = time.Local
	}
	return Display{Now: now, Loc: loc, TTY: ios.IsStdoutTTY(), Color: ios.ColorEnabled(), out: ios.Out}
}

// renderer binds lipgloss to stdout; without colour it emits plain text.
func (d Display) renderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(d.out)
	if !d.Color {
		r.SetColorProfile(termenv.Ascii)
	} else if r.ColorProfile() == termenv.Ascii {
		r.SetColorProfile(termenv.ANSI)
	}
	return r
}

// stateColor is the colour of a state: green when normal, yellow while
// retrying, red when failed, grey when stopped or finished.
func stateColor(s api.State) lipgloss.Color {
	switch s.Listed() {
	case api.StateNormal:
		return lipgloss.Color("2")
	case api.StateWarning:
		return lipgloss.Color("3")
	case api.StateFailed:
		return lipgloss.Color("1")
	}
	return lipgloss.Color("8")
}

// lag is how far the checkpoint is behind now (never negative).
func lag(now time.Time, checkpointTs uint64) time.Duration {
	if checkpointTs == 0 {
		return 0
	}
	d := now.Sub(api.TSOTime(checkpointTs))
	if d < 0 {
		return 0
	}
	return d
}

// humanLag rounds a lag for people: ms below a second, then 0.1 s, then s.
func humanLag(d time.Duration) string {
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}
