package run

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"
	"time"
)

// view is the summary run prints.
type view struct {
	Target         string     `json:"target" yaml:"target"`
	Warehouses     int        `json:"warehouses" yaml:"warehouses"`
	Threads        int        `json:"threads" yaml:"threads"`
	ElapsedSeconds float64    `json:"elapsed_seconds" yaml:"elapsed_seconds"`
	Interrupted    bool       `json:"interrupted" yaml:"interrupted"`
	TpmC           float64    `json:"tpmC" yaml:"tpmC"`
	TpmTotal       float64    `json:"tpmTotal" yaml:"tpmTotal"`
	Efficiency     float64    `json:"efficiency_percent" yaml:"efficiency_percent"`
	Transactions   int64      `json:"transactions" yaml:"transactions"`
	Errors         int64      `json:"errors" yaml:"errors"`
	Types          []TxnStats `json:"per_type" yaml:"per_type"`
	Total          TxnStats   `json:"total" yaml:"total"`
}

func newView(o *Options, warehouses int, s snapshot, elapsed time.Duration, interrupted bool) view {
	tpmC, tpmTotal, eff := s.rates(elapsed, warehouses)
	types := s.types
	if types == nil {
		types = []TxnStats{}
	}
	return view{
		Target: o.Target.String(), Warehouses: warehouses, Threads: o.Threads,
		ElapsedSeconds: math.Round(elapsed.Seconds()*1000) / 1000, Interrupted: interrupted,
		TpmC: tpmC, TpmTotal: tpmTotal, Efficiency: eff,
		Transactions: s.total.Count, Errors: s.total.Errors, Types: types, Total: s.total,
	}
}

// WriteText implements output.TextView: go-tpc's headline, then a table
// of the transaction types.
func (v view) WriteText(w io.Writer) error {
	state := ""
	if v.Interrupted {
		state = " (interrupted)"
	}
	if _, err := fmt.Fprintf(w, "tpmC: %.1f, efficiency: %.1f%%, tpmTotal: %.1f, %d transactions, %d errors in %.1fs on %d warehouse(s), %d thread(s)%s\n",
		v.TpmC, v.Efficiency, v.TpmTotal, v.Transactions, v.Errors, v.ElapsedSeconds, v.Warehouses, v.Threads, state); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tCOUNT\tERRORS\tAVG(ms)\tP50(ms)\tP95(ms)\tP99(ms)\tMAX(ms)")
	for _, t := range append(v.Types, v.Total) {
		fmt.Fprintln(tw, t.Type+"\t"+strconv.FormatInt(t.Count, 10)+"\t"+strconv.FormatInt(t.Errors, 10)+"\t"+
			ms(t.AvgMs)+"\t"+ms(t.P50Ms)+"\t"+ms(t.P95Ms)+"\t"+ms(t.P99Ms)+"\t"+ms(t.MaxMs))
	}
	return tw.Flush()
}

func ms(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
