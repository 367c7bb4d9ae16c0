package main

import (
	"fmt"
	"time"
)

// Config is one chaos run: the load, the server's settings and the
// faults. Short and Full are the two presets.
type Config struct {
	Name string `json:"name"` // "ci" or "full"
	Seed int64  `json:"seed"`
	// Bin is the cdcctl binary under test; "" builds one.
	Bin string `json:"-"`
	// Dir holds the run's state (databases, broker log, server data and
	// log); "" uses a temporary directory, removed after a passing run.
	Dir  string `json:"-"`
	Keep bool   `json:"-"`

	Rate    float64 `json:"rate_txns_per_s"` // the steady workload
	Workers int     `json:"workers"`
	// Burst runs an unthrottled second workload for this long while the
	// broker is stalled, so that the backlog exceeds the memory limit.
	Burst time.Duration `json:"burst"`

	// The server's flags.
	CheckpointInterval time.Duration `json:"checkpoint_interval"`
	RetryBackoff       time.Duration `json:"retry_backoff"`
	RetryBackoffMax    time.Duration `json:"retry_backoff_max"`
	StuckDuration      time.Duration `json:"stuck_duration"`
	MemoryLimit        int64         `json:"memory_limit"`
	// SinkTimeouts are the sink URI's dial, read and write timeouts.
	SinkTimeout time.Duration `json:"sink_timeout"`

	Kills        int              `json:"kills"`    // SIGKILLs of the server
	KillGap      [2]time.Duration `json:"kill_gap"` // random wait before a kill
	BrokerCuts   []CutSpec        `json:"broker_cuts"`
	RegistryCut  CutSpec          `json:"registry_cut"`
	UpstreamDown time.Duration    `json:"upstream_down"` // mariadbd stopped this long
	BrokerDown   time.Duration    `json:"broker_down"`   // broker restarted on its log after this long
	// KnownIssues are the ids of known product bugs (see knownIssues)
	// whose symptoms are reported but do not fail the run.
	KnownIssues []string `json:"known_issues,omitempty"`
	// Recovery bounds the wait for the changefeed to be normal and caught
	// up after a fault.
	Recovery time.Duration `json:"recovery"`
}

// CutSpec is one cut of a path through a fault proxy.
type CutSpec struct {
	Mode     string        `json:"mode"` // refuse or blackhole
	Duration time.Duration `json:"duration"`
}

// Short is the CI run: every kind of fault once or more, about 90 s.
func Short(seed int64) Config {
	return Config{
		Name: "ci", Seed: seed, Rate: 80, Workers: 2, Burst: 2 * time.Second,
		CheckpointInterval: time.Second, RetryBackoff: 500 * time.Millisecond, RetryBackoffMax: 2 * time.Second,
		StuckDuration: 20 * time.Second, MemoryLimit: 4 << 20, SinkTimeout: 3 * time.Second,
		Kills: 6, KillGap: [2]time.Duration{time.Second, 3 * time.Second},
		BrokerCuts:   []CutSpec{{Mode: "refuse", Duration: 10 * time.Second}},
		RegistryCut:  CutSpec{Mode: "refuse", Duration: 6 * time.Second},
		UpstreamDown: 5 * time.Second, BrokerDown: 8 * time.Second, Recovery: time.Minute,
	}
}

// Full is `go run ./scripts/chaos`: longer cuts in both modes, more kills
// and a heavier load.
func Full(seed int64) Config {
	return Config{
		Name: "full", Seed: seed, Rate: 200, Workers: 4, Burst: 5 * time.Second,
		CheckpointInterval: time.Second, RetryBackoff: time.Second, RetryBackoffMax: 5 * time.Second,
		StuckDuration: 60 * time.Second, MemoryLimit: 8 << 20, SinkTimeout: 5 * time.Second,
		Kills: 12, KillGap: [2]time.Duration{time.Second, 8 * time.Second},
		BrokerCuts:   []CutSpec{{Mode: "refuse", Duration: 30 * time.Second}, {Mode: "blackhole", Duration: 30 * time.Second}},
		RegistryCut:  CutSpec{Mode: "blackhole", Duration: 20 * time.Second},
		UpstreamDown: 15 * time.Second, BrokerDown: 20 * time.Second, Recovery: 120 * time.Second,
	}
}

// nominal is about how long a preset runs; Scale stretches it.
func (c *Config) nominal() time.Duration {
	if c.Name == "ci" {
		return 75 * time.Second
	}
	return 215 * time.Second
}

// Scale stretches or shrinks the run to about d: the cuts, the times
// things stay down, the pauses before kills, the burst, the stuck
// duration and the number of kills (at least 5) scale together.
func (c *Config) Scale(d time.Duration) {
	f := float64(d) / float64(c.nominal())
	scale := func(p *time.Duration) { *p = time.Duration(float64(*p) * f).Round(100 * time.Millisecond) }
	for i := range c.BrokerCuts {
		scale(&c.BrokerCuts[i].Duration)
	}
	for _, p := range []*time.Duration{&c.RegistryCut.Duration, &c.UpstreamDown, &c.BrokerDown, &c.KillGap[0], &c.KillGap[1],
		&c.Burst, &c.StuckDuration} {
		scale(p)
	}
	c.Kills = max(5, int(float64(c.Kills)*f+0.5))
}

// KnownIssues describes the product bugs chaos runs have found that are
// not fixed yet, by id; -known lists those a run tolerates.
func KnownIssues() map[string]string {
	return map[string]string{
		"registry-state": "a changefeed cut off from the schema registry stays normal: pkg/registry retries inside " +
			"the encode stage (backoff up to 30 s, bounded only by the run's context) and the engine's watcher only " +
			"knows Kafka stalls, so there is no warning with the cause and never a failure after the stuck duration",
		"resume-failed": "resuming a changefeed that failed after the stuck duration does nothing: its supervisor has " +
			"returned but feed.cancel is still set, so Engine.Resume takes it for running and answers 200",
	}
}

func (c *Config) validate() error {
	for _, k := range c.KnownIssues {
		if _, ok := KnownIssues()[k]; !ok {
			return fmt.Errorf("unknown known issue %q", k)
		}
	}
	switch {
	case c.Rate <= 0 || c.Workers <= 0:
		return fmt.Errorf("rate %v and workers %d must be positive", c.Rate, c.Workers)
	case c.Kills < 0 || c.KillGap[0] <= 0 || c.KillGap[1] < c.KillGap[0]:
		return fmt.Errorf("kills %d, kill gap %v: want kills ≥ 0 and 0 < min ≤ max", c.Kills, c.KillGap)
	case c.StuckDuration <= 0:
		return fmt.Errorf("stuck duration %s must be positive", c.StuckDuration)
	}
	for _, d := range append([]time.Duration{c.BrokerDown}, cutDurations(c.BrokerCuts)...) {
		if d < stallWarningWindow+2*time.Second {
			return fmt.Errorf("a broker outage of %s is too short to show the engine's warning (after %s of silence)", d, stallWarningWindow)
		}
	}
	for _, cut := range append([]CutSpec{c.RegistryCut}, c.BrokerCuts...) {
		if cut.Mode != "refuse" && cut.Mode != "blackhole" {
			return fmt.Errorf("cut mode %q: want refuse or blackhole", cut.Mode)
		}
		if cut.Duration >= c.StuckDuration {
			return fmt.Errorf("a %s cut of %s would outlast the stuck duration %s", cut.Mode, cut.Duration, c.StuckDuration)
		}
	}
	return nil
}

func cutDurations(cuts []CutSpec) []time.Duration {
	out := make([]time.Duration, len(cuts))
	for i, c := range cuts {
		out[i] = c.Duration
	}
	return out
}
