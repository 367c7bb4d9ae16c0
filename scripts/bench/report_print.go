package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// target is one of issue 9's goals and whether the run met it.
type target struct {
	Name string  `json:"name"`
	Want string  `json:"want"`
	Got  float64 `json:"got"`
	Met  bool    `json:"met"`
	Note string  `json:"note,omitempty"`
}

func targets(f *figures, o *options) []target {
	t := []target{
		{Name: "catch-up vs min(L1, L2)", Want: ">= 0.75", Got: f.RatioVsLimit, Met: f.RatioVsLimit >= 0.75},
		{Name: "catch-up vs naive baseline", Want: ">= 3", Got: f.RatioVsBaseline, Met: f.RatioVsBaseline >= 3},
		{Name: "catch-up vs tuned baseline", Want: ">= 3", Got: f.RatioVsTuned, Met: f.RatioVsTuned >= 3},
		{Name: "catch-up, batched transactions (rows/s)", Want: ">= 250000", Got: f.CdcctlRowsPerS, Met: f.CdcctlRowsPerS >= 250_000},
		{Name: "catch-up, one-row transactions (rows/s)", Want: ">= 100000", Got: f.SingleRowsPerS, Met: f.SingleRowsPerS >= 100_000},
		{Name: fmt.Sprintf("lag p99 at %d rows/s (ms)", o.lagRate), Want: "< 100", Got: f.LagP99Ms, Met: f.LagP99Ms > 0 && f.LagP99Ms < 100},
		{Name: "peak RSS of the catch-up (MiB)", Want: "< 256", Got: f.PeakRSSMiB, Met: f.PeakRSSMiB > 0 && f.PeakRSSMiB < 256},
	}
	if f.Rows < 1_000_000 {
		t[6].Note = "the target is for a 1M-row catch-up; this range is smaller"
	}
	if f.BaselineCapped > 0 {
		t[1].Note = "the baseline hit -baseline-cap; its rate is over the rows it wrote by then"
	}
	if f.TunedCapped > 0 {
		t[2].Note = "the tuned baseline hit -baseline-cap; its rate is over the rows it wrote by then"
	}
	return t
}

func describeWorkload(o *options, wl workloadResult) string {
	kind := fmt.Sprintf("go-tpc TPC-C prepare, %d warehouses, + update/delete mix", o.warehouses)
	if o.workload == "synthetic" {
		kind = fmt.Sprintf("synthetic TPC-C order_line, %d rows in 1,000-row transactions, + 20%% updates, 5%% deletes", o.rows)
	}
	return fmt.Sprintf("%s (upstream wrote it in %.1fs); then %d one-row transactions (%.1fs)",
		kind, wl.Batched.Seconds, o.single, wl.Single.Seconds)
}

func itoa(n int) string { return strconv.Itoa(n) }

// group formats n with thousands separators.
func group(n float64) string {
	s := strconv.FormatInt(int64(n+0.5), 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (r *report) print(w io.Writer, format string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	f := &r.figures
	fmt.Fprintf(w, "cdcctl bench: %s\n%s, %s; median of %d run(s); load average %.2f\n\n",
		r.Workload, r.Machine, r.GoVersion, r.Runs, f.LoadAvg)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	row := func(cells ...string) { fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t") }
	row("batched range", "rows/s", "seconds", "CPU s", "peak RSS MiB", "cdcctl ÷ this")
	secs := func(rate float64) string { return fmt.Sprintf("%.2f", ratio(f.Rows, rate)) }
	row("L1 go-mysql read+parse", group(f.L1RowsPerS), secs(f.L1RowsPerS), "", "", fmt.Sprintf("%.2f", ratio(f.CdcctlRowsPerS, f.L1RowsPerS)))
	row(fmt.Sprintf("L2 kafka-go produce (%s msgs/s)", group(f.L2MsgsPerS)), group(f.L2RowsPerS), secs(f.L2RowsPerS), "", "",
		fmt.Sprintf("%.2f", ratio(f.CdcctlRowsPerS, f.L2RowsPerS)))
	row("cdcctl catch-up", group(f.CdcctlRowsPerS), fmt.Sprintf("%.2f", f.CdcctlSeconds), fmt.Sprintf("%.2f", f.CPUSeconds),
		fmt.Sprintf("%.0f", f.PeakRSSMiB), "1.00")
	row("naive baseline (kafka-go defaults)"+capMark(f.BaselineCapped), group(f.BaselineRowsPerS), "",
		fmt.Sprintf("%.2f", f.BaselineCPUSecs), fmt.Sprintf("%.0f", f.BaselineRSSMiB), fmt.Sprintf("%.1f", f.RatioVsBaseline))
	row("naive baseline (BatchTimeout 10ms, acks=all)"+capMark(f.TunedCapped), group(f.TunedRowsPerS), "", "", "",
		fmt.Sprintf("%.1f", f.RatioVsTuned))
	row("", "", "", "", "", "")
	row("one-row transactions", "rows/s", "", "CPU s", "peak RSS MiB", "cdcctl ÷ L1")
	row("L1 go-mysql read+parse", group(f.SingleL1RowsPerS), "", "", "", "")
	row("cdcctl catch-up", group(f.SingleRowsPerS), "", fmt.Sprintf("%.2f", f.SingleCPUSeconds),
		fmt.Sprintf("%.0f", f.SinglePeakRSSMiB), fmt.Sprintf("%.2f", f.SingleRatioVsL1))
	row("", "", "", "", "", "")
	row(fmt.Sprintf("lag at %s rows/s", group(f.LagRowsPerS)), "p50 ms", "p99 ms", "max ms", "engine CPU %", "")
	row("commit → consumer", fmt.Sprintf("%.1f", f.LagP50Ms), fmt.Sprintf("%.1f", f.LagP99Ms), fmt.Sprintf("%.1f", f.LagMaxMs),
		fmt.Sprintf("%.0f", f.LagEngineCPUPct), "")
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nrows %s, messages %s (%.0f MiB), engine %.2f µs CPU/row, broker %.2f s and MariaDB %.2f s CPU during the catch-up\n\n",
		group(f.Rows), group(f.Messages), f.MessageMiB, f.CPUMicrosPerRow, f.BrokerCPUSeconds, f.MariaDBCPUSecs)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "target\twant\tgot\tmet\t")
	for _, t := range r.Targets {
		met := "yes"
		if !t.Met {
			met = "NO"
		}
		if t.Note != "" {
			met += " (" + t.Note + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", t.Name, t.Want, strconv.FormatFloat(t.Got, 'f', 2, 64), met)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s\n", r.Command)
	return err
}

func capMark(capped float64) string {
	if capped > 0 {
		return " [capped]"
	}
	return ""
}
