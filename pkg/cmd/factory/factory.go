// Package factory builds the dependencies commands use, lazily, so that a
// command only constructs what it touches (`cdcctl snowflake` never dials
// Kafka). Commands copy the constructors they need into their options.
package factory

import (
	"io"
	"log/slog"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	"github.com/cdcctl/cdcctl/pkg/config"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

// Factory holds the streams and lazy constructors shared by commands.
type Factory struct {
	IOStreams *iostreams.IOStreams
	// Config returns the resolved configuration (flags > env > file >
	// defaults). It is loaded once, after flag parsing.
	Config func() (*config.Config, error)
	// Logger returns the logger on stderr at the configured level.
	Logger func() *slog.Logger

	src configSource
}

type configSource struct {
	mu    sync.Mutex
	flags *pflag.FlagSet
	path  string
	cfg   *config.Config
	err   error
	done  bool
	log   *slog.Logger
}

// New returns a Factory over ios.
func New(ios *iostreams.IOStreams) *Factory {
	f := &Factory{IOStreams: ios}
	f.Config = f.loadConfig
	f.Logger = f.buildLogger
	return f
}

// SetConfigSource tells the factory which parsed flags and config file to
// resolve the configuration from; the root command calls it before a
// command runs.
func (f *Factory) SetConfigSource(flags *pflag.FlagSet, path string) {
	f.src.mu.Lock()
	defer f.src.mu.Unlock()
	f.src.flags, f.src.path = flags, path
	f.src.done, f.src.cfg, f.src.err, f.src.log = false, nil, nil, nil
}

func (f *Factory) loadConfig() (*config.Config, error) {
	f.src.mu.Lock()
	defer f.src.mu.Unlock()
	if !f.src.done {
		f.src.cfg, f.src.err = config.Load(f.src.flags, f.src.path)
		f.src.done = true
	}
	return f.src.cfg, f.src.err
}

func (f *Factory) buildLogger() *slog.Logger {
	cfg, err := f.loadConfig()
	f.src.mu.Lock()
	defer f.src.mu.Unlock()
	if f.src.log != nil {
		return f.src.log
	}
	level, format := "info", "text"
	if err == nil {
		level, format = cfg.LogLevel, cfg.LogFormat
	}
	f.src.log = NewLogger(f.IOStreams.ErrOut, level, format)
	return f.src.log
}

// NewLogger returns a slog logger writing to w at the named level in text
// or json form.
func NewLogger(w io.Writer, level, format string) *slog.Logger {
	var lv slog.Level
	switch strings.ToLower(level) {
	case "debug":
		lv = slog.LevelDebug
	case "warn":
		lv = slog.LevelWarn
	case "error":
		lv = slog.LevelError
	default:
		lv = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lv}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
