package server

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/engine"
)

// engineFlags are the engine's tuning knobs. Their defaults are TiCDC's
// (retry backoff, stuck duration) and the engine's own; tests and chaos
// runs shorten them.
type engineFlags struct {
	checkpointInterval time.Duration
	retryBackoff       time.Duration
	retryBackoffMax    time.Duration
	stuckDuration      time.Duration
	memoryLimit        string
	fl                 *pflag.FlagSet
}

func (e *engineFlags) add(fl *pflag.FlagSet) {
	e.fl = fl
	fl.DurationVar(&e.checkpointInterval, "checkpoint-interval", time.Second,
		"How often each changefeed persists its checkpoint (at most this much is re-sent after a crash)")
	fl.DurationVar(&e.retryBackoff, "retry-backoff", engine.DefaultBackoff().Initial,
		"First wait before a failed changefeed is retried; doubled on each retry up to --retry-backoff-max (TiCDC's)")
	fl.DurationVar(&e.retryBackoffMax, "retry-backoff-max", engine.DefaultBackoff().Max,
		"Longest wait between retries of a failed changefeed (TiCDC's)")
	fl.DurationVar(&e.stuckDuration, "stuck-duration", 30*time.Minute,
		"A changefeed that makes no progress for this long while retrying becomes failed (TiCDC's changefeed-error-stuck-duration)")
	fl.StringVar(&e.memoryLimit, "memory-limit", "32MiB",
		"Bytes each changefeed may hold read but not yet acknowledged by Kafka (KiB, MiB and GiB suffixes)")
}

// engineOptions validates the flags and returns the engine options they
// set; a flag left alone leaves the engine's default.
func (e *engineFlags) engineOptions() (engine.Options, error) {
	var o engine.Options
	if e.fl == nil {
		return o, nil
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"--checkpoint-interval", e.checkpointInterval}, {"--retry-backoff", e.retryBackoff},
		{"--retry-backoff-max", e.retryBackoffMax}, {"--stuck-duration", e.stuckDuration}} {
		if d.v <= 0 {
			return o, cmderr.FlagErrorf("%s: want a positive duration, got %s", d.name, d.v)
		}
	}
	limit, err := parseBytes(e.memoryLimit)
	if err != nil {
		return o, cmderr.FlagErrorf("--memory-limit: %v", err)
	}
	if e.fl.Changed("checkpoint-interval") {
		o.CheckpointInterval = e.checkpointInterval
	}
	if e.fl.Changed("retry-backoff") || e.fl.Changed("retry-backoff-max") {
		if e.retryBackoffMax < e.retryBackoff {
			return o, cmderr.FlagErrorf("--retry-backoff-max %s is shorter than --retry-backoff %s", e.retryBackoffMax, e.retryBackoff)
		}
		o.Backoff = engine.DefaultBackoff()
		o.Backoff.Initial, o.Backoff.Max = e.retryBackoff, e.retryBackoffMax
	}
	if e.fl.Changed("stuck-duration") {
		o.StuckDuration = e.stuckDuration
	}
	if e.fl.Changed("memory-limit") {
		o.MemoryLimit = limit
	}
	return o, nil
}

// parseBytes reads a size such as 1048576, 512KiB, 64MiB or 1GiB (KB, MB,
// GB, K, M and G are taken as the same binary units). It must be at least
// 64 KiB.
func parseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	upper := strings.ToUpper(t)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(upper, u.suffix) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<50)/mult {
		return 0, fmt.Errorf("want a size such as 64MiB, got %q", s)
	}
	if n*mult < 64<<10 {
		return 0, fmt.Errorf("want at least 64KiB, got %q", s)
	}
	return n * mult, nil
}
