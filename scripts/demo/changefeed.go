package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// feedStatus is the part of `cdcctl changefeed query -o json` the demo
// reads.
type feedStatus struct {
	State              string  `json:"state"`
	CheckpointPosition string  `json:"checkpoint_position"`
	CheckpointTime     string  `json:"checkpoint_time"`
	LagSeconds         float64 `json:"lag_seconds"`
	Error              *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (s feedStatus) failed() error {
	if s.State == "failed" || s.State == "error" {
		msg := ""
		if s.Error != nil {
			msg = ": " + s.Error.Code + " " + s.Error.Message
		}
		return fmt.Errorf("changefeed is %s%s", s.State, msg)
	}
	return nil
}

func queryFeed(ctx context.Context, c *cli, server, id string) (feedStatus, error) {
	out, err := c.output(ctx, "changefeed", "query", "--server", server, "-c", id, "-o", "json")
	if err != nil {
		return feedStatus{}, err
	}
	var s feedStatus
	if err := json.Unmarshal(out, &s); err != nil {
		return feedStatus{}, fmt.Errorf("changefeed query: %w", err)
	}
	return s, nil
}

// binlogPos is a binlog file and offset.
type binlogPos struct {
	File string `json:"file"`
	Pos  uint64 `json:"pos"`
}

func (p binlogPos) String() string { return p.File + ":" + strconv.FormatUint(p.Pos, 10) }

// parsePos reads "binlog.000001:1234" as the API shows checkpoints.
func parsePos(s string) (binlogPos, bool) {
	file, pos, ok := strings.Cut(s, ":")
	n, err := strconv.ParseUint(pos, 10, 64)
	if !ok || err != nil || file == "" {
		return binlogPos{}, false
	}
	return binlogPos{File: file, Pos: n}, true
}

// reached reports whether p is at or past q. Binlog file names share a
// base name and end in a fixed-width sequence number, so they sort as
// strings.
func (p binlogPos) reached(q binlogPos) bool {
	if p.File != q.File {
		return p.File > q.File
	}
	return p.Pos >= q.Pos
}

// waitFeed polls the changefeed every 200 ms until done accepts its
// status, failing when the changefeed fails or timeout passes.
func waitFeed(ctx context.Context, c *cli, server, id string, timeout time.Duration, what string, done func(feedStatus) bool) (feedStatus, error) {
	deadline := time.Now().Add(timeout)
	for {
		s, err := queryFeed(ctx, c, server, id)
		if err != nil {
			return s, err
		}
		if err := s.failed(); err != nil {
			return s, err
		}
		if done(s) {
			return s, nil
		}
		if time.Now().After(deadline) {
			return s, fmt.Errorf("changefeed %s: not %s after %s (state %s, checkpoint %q)", id, what, timeout, s.State, s.CheckpointPosition)
		}
		select {
		case <-ctx.Done():
			return s, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// upstreamCheck is the part of `cdcctl check upstream -o json` the demo
// reads: the binlog position now and the tables without a usable key.
type upstreamCheck struct {
	Server struct {
		Position binlogPos `json:"position"`
	} `json:"server"`
	Ineligible []string `json:"ineligible_tables"`
}

func checkUpstream(ctx context.Context, c *cli, mysqlURL string) (upstreamCheck, error) {
	var u upstreamCheck
	out, err := c.output(ctx, "check", "upstream", "--upstream", mysqlURL, "-o", "json")
	if err != nil {
		return u, err
	}
	if err := json.Unmarshal(out, &u); err != nil {
		return u, fmt.Errorf("check upstream: %w", err)
	}
	if u.Server.Position.File == "" {
		return u, fmt.Errorf("check upstream: no binlog position in %s", out)
	}
	return u, nil
}
