package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/cdcctl/cdcctl/pkg/verify"
	"github.com/cdcctl/cdcctl/pkg/workload"
)

// Result is the outcome of a chaos run.
type Result struct {
	Config   Config         `json:"config"`
	Dir      string         `json:"dir,omitempty"` // kept after a failure or -keep
	Duration time.Duration  `json:"duration"`
	Workload workload.Stats `json:"workload"`
	Burst    workload.Stats `json:"burst"`

	Faults        []*fault       `json:"faults"`
	Kills         int            `json:"kills"`
	Memory        []memoryResult `json:"memory"`
	Stuck         *stuckResult   `json:"stuck"`
	MaxRSS        int64          `json:"max_rss"`
	MessageRate   float64        `json:"messages_per_second"` // of the steady workload
	ReplayBound   int64          `json:"replay_bound"`        // most duplicates one fault may cause
	DupBound      int64          `json:"duplicate_bound"`
	Verify        *verify.Report `json:"verify"`   // changefeed A
	VerifyB       *verify.Report `json:"verify_b"` // changefeed B
	Known         []string       `json:"known_issues,omitempty"`
	FaultsWithout int            `json:"faults_survived"` // faults without a problem (DDL not counted)
	Passed        bool           `json:"passed"`
	Failures      []string       `json:"failures,omitempty"`
}

// verify reads every topic of a changefeed from the beginning and
// compares it with the upstream (the server has drained by then);
// changefeed A's is also judged against its sampled checkpoints.
func (r *runner) verify(ctx context.Context, id string) (*verify.Report, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cfg := verify.Config{Brokers: []string{r.st.brokerAddr()}, RegistryURL: "http://" + r.st.regAddr,
		TopicRule: topicFmt, DB: r.st.sql, Tables: r.tablesA(), TimeZone: time.UTC, MaxSamples: 20}
	if id == feedA {
		r.obs.mu.Lock()
		cfg.Checkpoints = r.obs.samples
		r.obs.mu.Unlock()
	} else {
		cfg.Brokers, cfg.Tables = []string{r.st.kafkaProxyB.Addr()}, verify.Tables(dbB+".t", dbB+".marker")
	}
	start := time.Now()
	rep, err := verify.Check(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("check changefeed %s: %w", id, err)
	}
	r.logf("changefeed %s: checked %d messages, %d rows in %s", id, rep.Messages, rep.RowsCompared, seconds(time.Since(start)))
	return rep, nil
}

// result judges the run.
func (r *runner) result(load workload.Stats, loadSecs float64, rep, repB *verify.Report) *Result {
	res := &Result{Config: r.cfg, Duration: time.Since(r.began), Workload: load, Burst: r.burst.Stats(),
		Faults: r.faults, Kills: r.srv.kills, Memory: r.memory, Stuck: r.stuck, Verify: rep, VerifyB: repB}
	for _, p := range r.obs.rss {
		res.MaxRSS = max(res.MaxRSS, p.RSS)
	}
	fail := func(format string, args ...any) { res.Failures = append(res.Failures, fmt.Sprintf(format, args...)) }
	// A key change is two messages (a tombstone and an insert).
	msgs := float64(rowChanges(load) + load.KeyUpdates)
	res.MessageRate = msgs / loadSecs
	res.ReplayBound = int64(math.Ceil(res.MessageRate * (r.cfg.CheckpointInterval + time.Second).Seconds()))
	nonDDL := 0
	for _, f := range r.faults {
		if f.Kind == kindDDL || f.Kind == "warm-up" {
			continue
		}
		nonDDL++
		switch {
		case f.Problem == "":
			res.FaultsWithout++
		case f.known != "" && slices.Contains(r.cfg.KnownIssues, f.known):
			res.Known = append(res.Known, fmt.Sprintf("%s (%s %s): %s", f.known, f.Kind, f.Detail, f.Problem))
		default:
			fail("%s %s: %s", f.Kind, f.Detail, f.Problem)
		}
	}
	nonDDL++ // changefeed B's stuck phase and resume
	switch {
	case r.stuck != nil && r.stuck.Problem != "":
		fail("stuck changefeed %s: %s", feedB, r.stuck.Problem)
	case r.stuck != nil && r.stuck.Known != "":
		res.Known = append(res.Known, fmt.Sprintf("%s (changefeed %s): still failed 10s after `cdcctl changefeed resume`; pause and resume worked", r.stuck.Known, feedB))
	default:
		res.FaultsWithout++
	}
	res.DupBound = res.ReplayBound * int64(nonDDL)
	for _, v := range []struct {
		id  string
		rep *verify.Report
	}{{feedA, rep}, {feedB, repB}} {
		switch {
		case !v.rep.OK():
			fail("check of %s: %d missing, %d extra, %d differing rows, %d order violations, %d checkpoint violations, %d problems",
				v.id, v.rep.Missing, v.rep.Extra, v.rep.Differing, v.rep.OrderViolations, v.rep.CheckpointViolations, v.rep.Problems)
		case !v.rep.OrderChecked:
			fail("check of %s: order not checked (no commit ts in the messages)", v.id)
		case v.rep.RowsCompared == 0:
			fail("check of %s: no rows compared", v.id)
		}
	}
	if rep.LargestReplay > res.ReplayBound {
		fail("largest replay %d messages exceeds one checkpoint interval's worth plus 1 s (%d)", rep.LargestReplay, res.ReplayBound)
	}
	if rep.Duplicates > res.DupBound {
		fail("%d duplicates exceed %d (%d per fault × %d faults)", rep.Duplicates, res.DupBound, res.ReplayBound, nonDDL)
	}
	if res.Kills < 5 {
		fail("only %d kills", res.Kills)
	}
	for _, m := range r.memory {
		if bound := m.BaselineRSS + 2*m.Limit + rssHeadroom; m.StalledRSS > bound {
			fail("RSS %d MiB during the broker cut exceeds %d MiB before it + 2 × the %d MiB memory limit + %d MiB",
				m.StalledRSS>>20, m.BaselineRSS>>20, m.Limit>>20, rssHeadroom>>20)
		}
		if m.RowsRead >= 0 && !m.HeldBack {
			fail("the reader was not held back during the broker cut: %d rows read of %d written", m.RowsRead, m.RowsWritten)
		}
	}
	res.Passed = len(res.Failures) == 0
	return res
}

// rssHeadroom is what the server's RSS may grow during a broker stall
// beyond twice the in-flight limit (the limit counts decoded values and
// encoded messages by estimate; the Go heap may reach twice its live
// size before a collection): buffers of the clients and the runtime.
const rssHeadroom = 16 << 20
