package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText prints the faults, the memory figures and the check as
// tables, and the verdict.
func (res *Result) WriteText(w io.Writer) error {
	p := &printer{w: w}
	p.f("cdcctl chaos run %q, seed %d: %s, workload %.0f txn/s × %d workers (%d txns, %d row changes, %d DDL, %d failed txns)\n",
		res.Config.Name, res.Config.Seed, seconds(res.Duration), res.Config.Rate, res.Config.Workers,
		res.Workload.Txns, rowChanges(res.Workload), res.Workload.DDLs, res.Workload.Errors)
	p.f("server flags: --checkpoint-interval %s --retry-backoff %s --retry-backoff-max %s --stuck-duration %s --memory-limit %dMiB\n\n",
		res.Config.CheckpointInterval, res.Config.RetryBackoff, res.Config.RetryBackoffMax, res.Config.StuckDuration, res.Config.MemoryLimit>>20)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FAULT\tDETAIL\tSTATES (A)\tCAUSES\tRECOVERED\tRESULT")
	for _, f := range res.Faults {
		rec := "-"
		if !f.Recovered.IsZero() {
			rec = seconds(f.Recovered.Sub(f.End))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", f.Kind, f.Detail, strings.Join(f.States, ">"), strings.Join(f.Causes, ","), rec, orOK(f.Problem))
	}
	if s := res.Stuck; s != nil {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", kindStuck, fmt.Sprintf("changefeed B cut off from its broker: failed %s after retrying began",
			seconds(s.Failed.Sub(s.FirstTrying))), strings.Join(s.States, ">"), codeOf(s.Error), seconds(s.Normal.Sub(s.Resumed))+" after resume", orOK(s.Problem))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	p.f("\n")
	for _, m := range res.Memory {
		read := "unknown"
		if m.RowsRead >= 0 {
			read = fmt.Sprint(m.RowsRead)
		}
		p.f("memory (broker cut %s): server RSS %d MiB before, %d MiB peak while stalled (bound: before + 2 × %d MiB limit + %d MiB); rows read %s of %d written upstream; checkpoint frozen: %v\n",
			m.Cut, m.BaselineRSS>>20, m.StalledRSS>>20, m.Limit>>20, rssHeadroom>>20, read, m.RowsWritten, m.CheckpointOK)
	}
	p.f("server RSS max over the run: %d MiB\n\n", res.MaxRSS>>20)
	if v := res.Verify; v != nil {
		p.f("changefeed A: ")
		if err := v.WriteText(w); err != nil {
			return err
		}
		if res.VerifyB != nil {
			p.f("changefeed B: ")
			if err := res.VerifyB.WriteText(w); err != nil {
				return err
			}
		}
		p.f("duplicates: %d (bound %d = %d per fault × faults), largest replay %d (bound %d = %.0f msg/s × (checkpoint interval + 1 s))\n",
			v.Duplicates, res.DupBound, res.ReplayBound, v.LargestReplay, res.ReplayBound, res.MessageRate)
	}
	p.f("\nsummary: %d kills; %d of %d faults survived with the right states; %d messages checked, %d rows compared, %d differences, %d order violations, %d checkpoint violations, %d duplicates (largest replay %d); RSS max %d MiB\n",
		res.Kills, res.FaultsWithout, res.faultCount(), res.verifyInt(func() int64 { return res.Verify.Messages }),
		res.verifyInt(func() int64 { return res.Verify.RowsCompared }), res.verifyInt(func() int64 { return res.Verify.Mismatches() }),
		res.verifyInt(func() int64 { return res.Verify.OrderViolations }), res.verifyInt(func() int64 { return res.Verify.CheckpointViolations }),
		res.verifyInt(func() int64 { return res.Verify.Duplicates }), res.verifyInt(func() int64 { return res.Verify.LargestReplay }), res.MaxRSS>>20)
	for _, k := range res.Known {
		p.f("KNOWN ISSUE (tolerated by -known): %s\n", k)
	}
	if res.Passed {
		p.f("PASSED\n")
	} else {
		p.f("FAILED:\n")
		for _, f := range res.Failures {
			p.f("  - %s\n", f)
		}
	}
	if res.Dir != "" {
		p.f("state and logs in %s\n", res.Dir)
	}
	return p.err
}

func (res *Result) faultCount() int {
	n := 1 // changefeed B's stuck phase
	for _, f := range res.Faults {
		if f.Kind != kindDDL && f.Kind != "warm-up" {
			n++
		}
	}
	return n
}

func (res *Result) verifyInt(f func() int64) int64 {
	if res.Verify == nil {
		return 0
	}
	return f()
}

// printer remembers the first write error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}
