package main

import (
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
)

// figures are one run's numbers (or the medians over runs), as the JSON
// output names them.
type figures struct {
	Rows             float64 `json:"rows"`
	Messages         float64 `json:"messages"`
	MessageMiB       float64 `json:"message_mib"`
	L1RowsPerS       float64 `json:"l1_rows_per_s"`
	L2MsgsPerS       float64 `json:"l2_msgs_per_s"`
	L2RowsPerS       float64 `json:"l2_rows_per_s"` // L2 in rows: msgs/s × rows/messages
	CdcctlRowsPerS   float64 `json:"cdcctl_rows_per_s"`
	CdcctlSeconds    float64 `json:"cdcctl_seconds"`
	CPUSeconds       float64 `json:"cpu_seconds"`
	CPUMicrosPerRow  float64 `json:"cpu_us_per_row"`
	PeakRSSMiB       float64 `json:"peak_rss_mib"`
	BrokerCPUSeconds float64 `json:"broker_cpu_seconds"`
	MariaDBCPUSecs   float64 `json:"upstream_cpu_seconds"`
	BaselineRowsPerS float64 `json:"baseline_rows_per_s"`
	BaselineCapped   float64 `json:"baseline_capped"` // 1 when the run hit -baseline-cap
	BaselineCPUSecs  float64 `json:"baseline_cpu_seconds"`
	BaselineRSSMiB   float64 `json:"baseline_peak_rss_mib"`
	TunedRowsPerS    float64 `json:"baseline_tuned_rows_per_s"`
	TunedCapped      float64 `json:"baseline_tuned_capped"`
	RatioVsLimit     float64 `json:"ratio_vs_limit"`          // cdcctl / min(L1, L2 in rows)
	RatioVsBaseline  float64 `json:"ratio_vs_baseline"`       // cdcctl / baseline
	RatioVsTuned     float64 `json:"ratio_vs_baseline_tuned"` // cdcctl / tuned baseline
	SingleRows       float64 `json:"single_rows"`
	SingleL1RowsPerS float64 `json:"single_l1_rows_per_s"`
	SingleRowsPerS   float64 `json:"single_cdcctl_rows_per_s"`
	SingleRatioVsL1  float64 `json:"single_ratio_vs_l1"`
	SinglePeakRSSMiB float64 `json:"single_peak_rss_mib"`
	SingleCPUSeconds float64 `json:"single_cpu_seconds"`
	LagRowsPerS      float64 `json:"lag_rows_per_s"` // achieved upstream rate
	LagP50Ms         float64 `json:"lag_p50_ms"`
	LagP99Ms         float64 `json:"lag_p99_ms"`
	LagMaxMs         float64 `json:"lag_max_ms"`
	LagEngineCPUPct  float64 `json:"lag_engine_cpu_percent"`
	// LoadAvg is the machine's 1-minute load average when the run began:
	// other work on a shared machine shows up here (2 cores: above 2 the
	// run competed for CPU).
	LoadAvg float64 `json:"load_avg_1m"`
}

// fields lists every figure, for taking medians field by field.
func (f *figures) fields() []*float64 {
	return []*float64{&f.Rows, &f.Messages, &f.MessageMiB, &f.L1RowsPerS, &f.L2MsgsPerS, &f.L2RowsPerS,
		&f.CdcctlRowsPerS, &f.CdcctlSeconds, &f.CPUSeconds, &f.CPUMicrosPerRow, &f.PeakRSSMiB, &f.BrokerCPUSeconds,
		&f.MariaDBCPUSecs, &f.BaselineRowsPerS, &f.BaselineCapped, &f.BaselineCPUSecs, &f.BaselineRSSMiB,
		&f.TunedRowsPerS, &f.TunedCapped, &f.RatioVsLimit, &f.RatioVsBaseline, &f.RatioVsTuned, &f.SingleRows,
		&f.SingleL1RowsPerS, &f.SingleRowsPerS, &f.SingleRatioVsL1, &f.SinglePeakRSSMiB, &f.SingleCPUSeconds, &f.LagRowsPerS,
		&f.LagP50Ms, &f.LagP99Ms, &f.LagMaxMs, &f.LagEngineCPUPct, &f.LoadAvg}
}

const mib = 1 << 20

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func ms(d interface{ Seconds() float64 }) float64 { return d.Seconds() * 1000 }

func flag01(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// newFigures flattens one run.
func newFigures(r runFigures) figures {
	f := figures{
		Rows: float64(r.L1.Rows), Messages: float64(r.Messages), MessageMiB: float64(r.Bytes) / mib,
		L1RowsPerS: r.L1.rate(), L2MsgsPerS: r.L2.rate(),
		CdcctlRowsPerS: r.CatchUp.rate(), CdcctlSeconds: r.CatchUp.Elapsed.Seconds(), CPUSeconds: r.CatchUp.CPU,
		PeakRSSMiB: float64(r.CatchUp.PeakRSS) / mib, BrokerCPUSeconds: r.CatchUp.BrokerCPU, MariaDBCPUSecs: r.CatchUp.UpstreamCPU,
		BaselineRowsPerS: r.Baseline.rate(), BaselineCapped: flag01(r.Baseline.Capped), BaselineCPUSecs: r.Baseline.CPU,
		BaselineRSSMiB: float64(r.Baseline.PeakRSS) / mib, TunedRowsPerS: r.BaselineTuned.rate(), TunedCapped: flag01(r.BaselineTuned.Capped),
		SingleRows: float64(r.SingleL1.Rows), SingleL1RowsPerS: r.SingleL1.rate(), SingleRowsPerS: r.SingleCatchUp.rate(),
		SinglePeakRSSMiB: float64(r.SingleCatchUp.PeakRSS) / mib, SingleCPUSeconds: r.SingleCatchUp.CPU,
		LagRowsPerS: r.Lag.Rate, LagP50Ms: ms(r.Lag.P50), LagP99Ms: ms(r.Lag.P99), LagMaxMs: ms(r.Lag.Max),
		LagEngineCPUPct: r.Lag.EngineCPU * 100, LoadAvg: r.LoadAvg,
	}
	if f.Rows == 0 {
		f.Rows = float64(r.CatchUp.Rows)
	}
	if r.CatchUp.Rows > 0 {
		f.CPUMicrosPerRow = r.CatchUp.CPU * 1e6 / float64(r.CatchUp.Rows)
	}
	if r.Messages > 0 {
		f.L2RowsPerS = f.L2MsgsPerS * float64(r.CatchUp.Rows) / float64(r.Messages)
	}
	limit := f.L1RowsPerS
	if f.L2RowsPerS > 0 && (limit == 0 || f.L2RowsPerS < limit) {
		limit = f.L2RowsPerS
	}
	f.RatioVsLimit = ratio(f.CdcctlRowsPerS, limit)
	f.RatioVsBaseline = ratio(f.CdcctlRowsPerS, f.BaselineRowsPerS)
	f.RatioVsTuned = ratio(f.CdcctlRowsPerS, f.TunedRowsPerS)
	f.SingleRatioVsL1 = ratio(f.SingleRowsPerS, f.SingleL1RowsPerS)
	for _, p := range f.fields() {
		if math.IsNaN(*p) || math.IsInf(*p, 0) {
			*p = 0
		}
	}
	return f
}

// median takes the median of every figure over the runs.
func median(runs []figures) figures {
	var m figures
	out := m.fields()
	for i := range out {
		vals := make([]float64, len(runs))
		for r := range runs {
			vals[r] = *runs[r].fields()[i]
		}
		slices.Sort(vals)
		n := len(vals)
		if n%2 == 1 {
			*out[i] = vals[n/2]
		} else {
			*out[i] = (vals[n/2-1] + vals[n/2]) / 2
		}
	}
	return m
}

// report is the bench's output: medians at the top level, every run below.
type report struct {
	Command   string `json:"command"`
	Machine   string `json:"machine"`
	GoVersion string `json:"go_version"`
	Workload  string `json:"workload"`
	Runs      int    `json:"runs"`
	figures
	Targets []target  `json:"targets"`
	PerRun  []figures `json:"per_run"`
	// LagRate is the requested rate of the lag workload.
	LagRate int `json:"lag_target_rows_per_s"`
}

func newReport(o *options, wl workloadResult, runs []runFigures) *report {
	r := &report{Command: "go run ./scripts/bench " + strings.Join(os.Args[1:], " "), Machine: machine(),
		GoVersion: runtime.Version(), Workload: describeWorkload(o, wl), Runs: len(runs), LagRate: o.lagRate}
	for _, run := range runs {
		r.PerRun = append(r.PerRun, newFigures(run))
	}
	r.figures = median(r.PerRun)
	r.Targets = targets(&r.figures, o)
	return r
}

func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	return model + ", " + itoa(runtime.NumCPU()) + " CPUs, " + runtime.GOOS + "/" + runtime.GOARCH
}
