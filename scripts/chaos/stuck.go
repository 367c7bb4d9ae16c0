package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cdcctl/cdcctl/pkg/faultproxy"
)

// stuckResult is what changefeed B showed while it could not reach its
// broker: warning, then failed once stuck for the stuck duration, then
// normal after `cdcctl changefeed resume`.
type stuckResult struct {
	Start       time.Time `json:"start"`
	FirstTrying time.Time `json:"first_retrying,omitzero"` // first warning/pending seen
	Failed      time.Time `json:"failed,omitzero"`
	Resumed     time.Time `json:"resumed,omitzero"`
	Normal      time.Time `json:"normal,omitzero"` // after the resume
	States      []string  `json:"states"`
	Error       string    `json:"error,omitempty"` // the error shown when failed
	Expect      string    `json:"expect"`
	Problem     string    `json:"problem,omitempty"`
	// Known is a known issue seen (Config.KnownIssues); the run worked
	// around it with pause and resume.
	Known string `json:"known_issue,omitempty"`
}

// startStuck cuts changefeed B off from its broker and writes rows; a
// goroutine watches B until it fails.
func (r *runner) startStuck(ctx context.Context) (<-chan struct{}, error) {
	// A row first, acknowledged before the cut, so that B's running
	// writer knows its topic and the cut stalls its writes (a topic it
	// has not met yet would fail its lookup instead). B's checkpoint also
	// moves over the workload's transactions, which it filters out, so
	// wait until it passes the second after the row's.
	if err := r.writeB(ctx, 1); err != nil {
		return nil, err
	}
	if err := r.waitCheckpoint(ctx, feedB, time.Now().Add(time.Second)); err != nil {
		return nil, err
	}
	r.stuck = &stuckResult{Start: time.Now(), Expect: fmt.Sprintf("warning or pending, then failed once stuck for %s, normal after resume", r.cfg.StuckDuration)}
	r.st.kafkaProxyB.Cut(faultproxy.Refuse)
	if err := r.writeB(ctx, 20); err != nil {
		return nil, err
	}
	r.logf("changefeed %s cut off from its broker with rows to write", feedB)
	done := make(chan struct{})
	go func() { // ends when B fails or the deadline passes
		defer close(done)
		deadline := r.stuck.Start.Add(r.cfg.StuckDuration + 3*r.cfg.RetryBackoffMax + 30*time.Second)
		for time.Now().Before(deadline) && ctx.Err() == nil {
			if o, ok := r.obs.last(feedB); ok && o.State == "failed" {
				return
			}
			_ = sleep(ctx, sampleEvery)
		}
	}()
	return done, nil
}

// endStuck waits for B to fail, restores its path, resumes it with the
// CLI and waits for it to be normal.
func (r *runner) endStuck(ctx context.Context, done <-chan struct{}) error {
	<-done
	s := r.stuck
	for _, o := range r.obs.between(feedB, s.Start, time.Now()) {
		if !slices.Contains(s.States, o.State) {
			s.States = append(s.States, o.State)
		}
		if (o.State == "warning" || o.State == "pending") && s.FirstTrying.IsZero() {
			s.FirstTrying = o.At
		}
		if o.State == "failed" && s.Failed.IsZero() {
			s.Failed, s.Error = o.At, o.Err
		}
	}
	r.st.kafkaProxyB.Restore()
	if err := r.resumeB(ctx); err != nil {
		return err
	}
	deadline := s.Resumed.Add(r.cfg.Recovery)
	for time.Now().Before(deadline) {
		if o, ok := r.obs.last(feedB); ok && o.At.After(s.Resumed) && o.State == "normal" {
			s.Normal = o.At
			break
		}
		if err := sleep(ctx, sampleEvery); err != nil {
			return err
		}
	}
	s.judge(r.cfg)
	r.logf("changefeed %s: states %v, failed %s after it began retrying (%s); normal %s after resume; %s",
		feedB, s.States, seconds(s.Failed.Sub(s.FirstTrying)), s.Error, seconds(s.Normal.Sub(s.Resumed)), orOK(s.Problem))
	return nil
}

// resumeB resumes changefeed B with the CLI. When B stays failed (the
// known issue resume-failed) and the run tolerates it, B is paused and
// resumed instead, so that the run can go on.
func (r *runner) resumeB(ctx context.Context) error {
	s := r.stuck
	if _, err := r.cli.run(ctx, "changefeed", "resume", "-c", feedB, "--no-confirm"); err != nil {
		return err
	}
	s.Resumed = time.Now()
	for time.Since(s.Resumed) < 10*time.Second {
		if o, ok := r.obs.last(feedB); ok && o.At.After(s.Resumed) && o.State != "failed" {
			return nil
		}
		if err := sleep(ctx, sampleEvery); err != nil {
			return err
		}
	}
	s.Known = "resume-failed"
	if !slices.Contains(r.cfg.KnownIssues, s.Known) {
		return nil // judged below: not normal after resume
	}
	r.logf("changefeed %s still failed 10s after resume (known issue %s): pausing and resuming it", feedB, s.Known)
	for _, args := range [][]string{{"pause", "-c", feedB}, {"resume", "-c", feedB, "--no-confirm"}} {
		if _, err := r.cli.run(ctx, append([]string{"changefeed"}, args...)...); err != nil {
			return err
		}
	}
	s.Resumed = time.Now()
	return nil
}

func (s *stuckResult) judge(cfg Config) {
	switch {
	case s.FirstTrying.IsZero():
		s.Problem = "no warning or pending state before failing"
	case s.Failed.IsZero():
		s.Problem = "never failed"
	case !strings.Contains(strings.ToLower(s.Error), "kafka"):
		s.Problem = fmt.Sprintf("failed with %q, which does not name Kafka", s.Error)
	case s.Failed.Sub(s.FirstTrying) < cfg.StuckDuration-time.Second:
		s.Problem = fmt.Sprintf("failed %s after it began retrying, before the stuck duration %s", seconds(s.Failed.Sub(s.FirstTrying)), cfg.StuckDuration)
	case s.Failed.Sub(s.FirstTrying) > cfg.StuckDuration+2*cfg.RetryBackoffMax+5*time.Second:
		s.Problem = fmt.Sprintf("failed only %s after it began retrying (stuck duration %s)", seconds(s.Failed.Sub(s.FirstTrying)), cfg.StuckDuration)
	case s.Normal.IsZero():
		s.Problem = "not normal after resume"
	case s.Known != "" && !slices.Contains(cfg.KnownIssues, s.Known):
		s.Problem = "still failed 10s after resume"
	}
}

func orOK(problem string) string {
	if problem == "" {
		return "ok"
	}
	return "PROBLEM: " + problem
}
