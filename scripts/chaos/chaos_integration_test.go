//go:build integration

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestChaosShort is the CI version of scripts/chaos: the same run with the
// short configuration (six SIGKILLs of the server, a broker cut, a
// registry cut, a MariaDB restart, a broker restart on its log, the DDL
// cycle and a changefeed held stuck until it fails), against a cdcctl
// binary built without -race: the binary is what is tested.
func TestChaosShort(t *testing.T) {
	seed := time.Now().UnixNano() % 1_000_000
	if s := os.Getenv("CHAOS_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseInt(s, 10, 64); err != nil {
			t.Fatalf("CHAOS_SEED=%q: %v", s, err)
		}
	}
	t.Logf("seed %d (rerun with CHAOS_SEED=%d, or go run ./scripts/chaos -short -seed %d)", seed, seed, seed)
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	dir := t.TempDir()
	bin, err := build(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Short(seed)
	cfg.Bin, cfg.Dir = bin, filepath.Join(dir, "run")
	// Product bugs this run finds today; the test fails once one no
	// longer shows, so that it is taken off this list.
	cfg.KnownIssues = nil
	res, err := Run(ctx, cfg, testLog{t})
	if err != nil {
		logServer(t, cfg.Dir)
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := res.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	t.Logf("results:\n%s", out.String())
	if !res.Passed {
		logServer(t, cfg.Dir)
		t.Fatalf("chaos run failed: %s", strings.Join(res.Failures, "; "))
	}
	for _, known := range cfg.KnownIssues {
		if !slices.ContainsFunc(res.Known, func(k string) bool { return strings.HasPrefix(k, known+" ") }) {
			t.Errorf("known issue %s did not show: if it is fixed, take it off cfg.KnownIssues here", known)
		}
	}
	// The figures the run is judged by, asserted here too.
	kinds := map[string]int{}
	for _, f := range res.Faults {
		kinds[f.Kind]++
	}
	for _, k := range []string{kindKill, kindBrokerCut, kindRegistryCut, kindUpstream, kindBrokerRestart, kindDDL} {
		if kinds[k] == 0 {
			t.Errorf("no %s fault was injected", k)
		}
	}
	if res.Kills < 5 || kinds[kindDDL] < 5 {
		t.Errorf("%d kills and %d DDL statements, want at least 5 of each", res.Kills, kinds[kindDDL])
	}
	v := res.Verify
	if v.RowsCompared == 0 || v.Mismatches() != 0 || v.OrderViolations != 0 || v.CheckpointViolations != 0 || v.CheckpointSamples == 0 {
		t.Errorf("check: %d rows compared, %d mismatches, %d order violations, %d checkpoint violations in %d samples",
			v.RowsCompared, v.Mismatches(), v.OrderViolations, v.CheckpointViolations, v.CheckpointSamples)
	}
	if len(res.Memory) == 0 || !res.Memory[0].HeldBack || !res.Memory[0].CheckpointOK {
		t.Errorf("broker cut: %+v, want the reader held back and the checkpoint frozen", res.Memory)
	}
}

// testLog writes the run's progress lines to the test log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// logServer shows the warnings and errors of the server's log.
func logServer(t *testing.T, dir string) {
	b, err := os.ReadFile(filepath.Join(dir, "server.log"))
	if err != nil {
		t.Logf("server log: %v", err)
		return
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, "level=WARN") || strings.Contains(l, "level=ERROR") || strings.HasPrefix(l, "=== chaos") {
			lines = append(lines, l)
		}
	}
	if len(lines) > 200 {
		lines = lines[len(lines)-200:]
	}
	t.Logf("server log (warnings and errors, last 200):\n%s", strings.Join(lines, "\n"))
}
