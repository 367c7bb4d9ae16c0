package engine

import (
	"math"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
)

// tick is one observation of a rate meter: the time since the start and
// the count then.
type tick struct {
	at    time.Duration
	count int64
}

// every returns n ticks spaced by step, the count growing by perTick.
func every(step time.Duration, n int, from tick, perTick int64) []tick {
	out := make([]tick, n)
	for i := range out {
		from = tick{at: from.at + step, count: from.count + perTick}
		out[i] = from
	}
	return out
}

func TestRateMeter(t *testing.T) {
	const window = 5 * time.Second
	half := 500 * time.Millisecond
	steady := every(half, 40, tick{}, 500) // 1000 rows/s for 20s
	tests := []struct {
		name   string
		ticks  []tick
		want   float64
		wantOK bool
		tol    float64
	}{
		{"no interval measured yet", []tick{{0, 0}}, 0, false, 0},
		{"first interval is the plain rate", []tick{{half, 1000}}, 2000, true, 1e-9},
		{"a clock that does not move changes nothing", []tick{{half, 1000}, {half, 5000}}, 2000, true, 1e-9},
		{"a steady rate stays", steady, 1000, true, 1e-6},
		{"a step reaches 1-1/e of its height after one window", append(every(half, 10, tick{}, 0),
			every(half, int(window/half), tick{at: 10 * half}, 500)...), 1000 * (1 - 1/math.E), true, 1e-6},
		{"an idle feed decays to exactly zero", append(steady, every(time.Second, 120, steady[len(steady)-1], 0)...), 0, true, 0},
		{"one long tick weighs as the short ones it spans", append(every(half, 10, tick{}, 0),
			tick{at: 5*time.Second + window, count: 5000}), 1000 * (1 - 1/math.E), true, 1e-6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Unix(1_700_000_000, 0)
			m := newRateMeter(window, start, 0)
			var got float64
			var ok bool
			for _, tk := range tt.ticks {
				got, ok = m.observe(start.Add(tk.at), tk.count)
			}
			if ok != tt.wantOK || math.Abs(got-tt.want) > tt.tol {
				t.Errorf("rate = %v (ok %v), want %v (ok %v)", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestAtomicRateUnsetUntilStored(t *testing.T) {
	var r atomicRate
	if got := r.Load(); got != nil {
		t.Fatalf("Load before Store = %v, want nil", *got)
	}
	r.Store(0)
	if got := r.Load(); got == nil || *got != 0 {
		t.Fatalf("Load after Store(0) = %v, want 0", got)
	}
	r.Store(12.5)
	if got := r.Load(); got == nil || *got != 12.5 {
		t.Fatalf("Load after Store(12.5) = %v, want 12.5", got)
	}
}

func TestSnapshotProgressInAPI(t *testing.T) {
	tests := []struct {
		name string
		in   *SnapshotProgress
		want *api.SnapshotProgress
	}{
		{"no copy", nil, nil},
		{"copying", &SnapshotProgress{TablesTotal: 3, TablesDone: 1, CurrentTable: "shop.big", RowsCopied: 4096, RowsEstimated: 90000},
			&api.SnapshotProgress{State: "running", TablesTotal: 3, TablesDone: 1, CurrentTable: "shop.big", RowsCopied: 4096}},
		{"done", &SnapshotProgress{Done: true, TablesTotal: 3, TablesDone: 3, RowsCopied: 90210, RowsEstimated: 90000},
			&api.SnapshotProgress{State: "done", TablesTotal: 3, TablesDone: 3, RowsCopied: 90210}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := snapshotProgress(Status{Snapshot: tt.in})
			if (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
				t.Errorf("snapshotProgress = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRowsPerSecondInAPI(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name string
		in   *float64
		want *float64
	}{
		{"not measured", nil, nil},
		{"rounded to a tenth", f(734197.8839280497), f(734197.9)},
		{"idle", f(0), f(0)},
		{"below a twentieth shows as zero", f(0.04), f(0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rowsPerSecond(Status{RowsPerSecond: tt.in})
			if (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
				t.Errorf("rowsPerSecond = %v, want %v", got, tt.want)
			}
		})
	}
}
