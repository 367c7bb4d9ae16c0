package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
)

func TestReached(t *testing.T) {
	end := event.Position{File: "binlog.000002", Pos: 500}
	tests := []struct {
		name string
		p    event.Position
		want bool
	}{
		{"unknown", event.Position{}, false},
		{"earlier file", event.Position{File: "binlog.000001", Pos: 900}, false},
		{"before", event.Position{File: "binlog.000002", Pos: 499}, false},
		{"at", event.Position{File: "binlog.000002", Pos: 500}, true},
		{"later file", event.Position{File: "binlog.000003", Pos: 4}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reached(tt.p, end); got != tt.want {
				t.Errorf("reached(%v) = %v, want %v", tt.p, got, tt.want)
			}
		})
	}
}

func TestMedianAndRatios(t *testing.T) {
	run := func(l1, cdc, l2msgs float64) runFigures {
		return runFigures{
			L1:       l1Result{Rows: 1000, Elapsed: time.Duration(1e9 * 1000 / l1)},
			CatchUp:  catchUp{Rows: 1000, Elapsed: time.Duration(1e9 * 1000 / cdc)},
			L2:       l2Result{Messages: 2000, Elapsed: time.Duration(1e9 * 2000 / l2msgs)},
			Messages: 2000,
		}
	}
	runs := []figures{newFigures(run(100, 80, 400)), newFigures(run(200, 100, 100)), newFigures(run(300, 90, 1000))}
	// Run 2: L2 in rows is 100 msgs/s × 1000 rows / 2000 msgs = 50 rows/s, below L1.
	if got := runs[1].RatioVsLimit; got < 1.99 || got > 2.01 {
		t.Errorf("run 2 ratio vs limit = %v, want 2 (cdcctl 100 / L2 50 rows/s)", got)
	}
	m := median(runs)
	if m.L1RowsPerS < 199 || m.L1RowsPerS > 201 || m.CdcctlRowsPerS < 89 || m.CdcctlRowsPerS > 91 {
		t.Errorf("medians: L1 %v cdcctl %v, want 200 and 90", m.L1RowsPerS, m.CdcctlRowsPerS)
	}
	if even := median(runs[:2]); even.L1RowsPerS < 149 || even.L1RowsPerS > 151 {
		t.Errorf("median of two = %v, want 150", even.L1RowsPerS)
	}
}

func TestQuantile(t *testing.T) {
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	if got := quantile(lat, 0.50); got != 51*time.Millisecond {
		t.Errorf("p50 = %v", got)
	}
	if got := quantile(lat, 0.99); got != 100*time.Millisecond {
		t.Errorf("p99 = %v", got)
	}
	if got := quantile(nil, 0.99); got != 0 {
		t.Errorf("p99 of nothing = %v", got)
	}
}

func TestReadProcSelf(t *testing.T) {
	s, err := readProc(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if s.PeakRSS <= 0 || s.RSS <= 0 || s.PeakRSS < s.RSS {
		t.Errorf("rss %d, peak %d", s.RSS, s.PeakRSS)
	}
}

// TestReportJSONGateFields checks the fields a CI step gates on are at the
// top level of the JSON.
func TestReportJSONGateFields(t *testing.T) {
	o, err := parseFlags([]string{"-short"})
	if err != nil {
		t.Fatal(err)
	}
	r := newReport(o, workloadResult{}, []runFigures{{L1: l1Result{Rows: 10, Elapsed: time.Second}}})
	var buf bytes.Buffer
	if err := r.print(&buf, "json"); err != nil {
		t.Fatal(err)
	}
	var top map[string]any
	if err := json.Unmarshal(buf.Bytes(), &top); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"l1_rows_per_s", "l2_msgs_per_s", "cdcctl_rows_per_s", "baseline_rows_per_s",
		"lag_p50_ms", "lag_p99_ms", "peak_rss_mib", "rows", "ratio_vs_limit", "ratio_vs_baseline", "targets", "per_run"} {
		if _, ok := top[k]; !ok {
			t.Errorf("JSON has no top-level %q", k)
		}
	}
	if top["rows"].(float64) != 10 {
		t.Errorf("rows = %v, want 10", top["rows"])
	}
	buf.Reset()
	if err := r.print(&buf, "table"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "L1 go-mysql read+parse") || !strings.Contains(buf.String(), "target") {
		t.Errorf("table output:\n%s", buf.String())
	}
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
		check   func(*options) bool
	}{
		{"defaults", nil, "", func(o *options) bool { return o.runs == 3 && o.workload == "tpcc" && o.lagDuration == 30*time.Second }},
		{"short", []string{"-short"}, "", func(o *options) bool { return o.runs == 1 && o.workload == "synthetic" && o.rows == 200_000 }},
		{"bad output", []string{"-o", "yaml"}, "-o", nil},
		{"bad workload", []string{"-workload", "tpch"}, "-workload", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseFlags(tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !tt.check(o) {
				t.Fatalf("options %+v, err %v", o, err)
			}
		})
	}
}
