package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// eventPrefix marks the protocol lines a child prints on stdout; other
// output (go-tpc prints progress there) is passed to stderr with -v.
const eventPrefix = "@bench "

// event is one protocol line from a child. Fields are set by the roles
// that need them.
type childEvent struct {
	Event    string `json:"event"`
	Error    string `json:"error,omitempty"`
	Broker   string `json:"broker,omitempty"`
	Registry string `json:"registry,omitempty"`
	Rows     int64  `json:"rows,omitempty"`
	RowsRead int64  `json:"rows_read,omitempty"`
	// ElapsedNs is measured by the child from the "go" line it received.
	ElapsedNs int64 `json:"elapsed_ns,omitempty"`
	Capped    bool  `json:"capped,omitempty"`
	// Result carries a role's structured result (the workload's ranges).
	Result json.RawMessage `json:"result,omitempty"`
}

// emit prints ev as a protocol line.
func emit(ev childEvent) {
	b, _ := json.Marshal(ev)
	fmt.Fprintf(os.Stdout, "%s%s\n", eventPrefix, b)
}

// waitGo blocks until the parent sends "go" (or closes stdin, or ctx ends).
func waitGo(ctx context.Context, in *bufio.Scanner) error {
	lines := make(chan bool, 1)
	go func() { lines <- in.Scan() && strings.TrimSpace(in.Text()) == "go" }()
	select {
	case ok := <-lines:
		if !ok {
			return errors.New("parent went away before go")
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// waitEOF blocks until stdin closes or ctx ends.
func waitEOF(ctx context.Context, in *bufio.Scanner) {
	done := make(chan struct{})
	go func() {
		for in.Scan() {
		}
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// child is a running bench child process.
type child struct {
	role   string
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	events chan childEvent
	stderr *tailBuffer
	exited chan struct{}
}

// startChild re-executes this binary as role with spec (marshalled to
// JSON). env entries are added to the child's environment.
func startChild(role string, spec any, env []string, verbose bool) (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("start %s child: %w", role, err)
	}
	specJSON, err := json.Marshal(spec)
	if err != nil {
		return nil, fmt.Errorf("start %s child: %w", role, err)
	}
	cmd := exec.Command(exe, "-role", role, "-spec", string(specJSON))
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	c := &child{role: role, cmd: cmd, events: make(chan childEvent, 64), stderr: &tailBuffer{max: 8 << 10}, exited: make(chan struct{})}
	var passthrough io.Writer = io.Discard
	if verbose {
		passthrough = prefixWriter{prefix: "[" + role + "] ", w: os.Stderr}
	}
	cmd.Stderr = io.MultiWriter(c.stderr, passthrough)
	if c.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s child: %w", role, err)
	}
	go func() {
		defer close(c.events)
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 64<<10), 16<<20)
		for sc.Scan() {
			line := sc.Bytes()
			rest, ok := bytes.CutPrefix(line, []byte(eventPrefix))
			if !ok {
				fmt.Fprintf(passthrough, "%s\n", line)
				continue
			}
			var ev childEvent
			if err := json.Unmarshal(rest, &ev); err != nil {
				ev = childEvent{Event: "error", Error: fmt.Sprintf("bad protocol line %q: %v", line, err)}
			}
			c.events <- ev
		}
	}()
	go func() { _ = cmd.Wait(); close(c.exited) }()
	return c, nil
}

func (c *child) pid() int { return c.cmd.Process.Pid }

// expect reads events until one named name arrives; an error event, the
// child's exit or the timeout fail it.
func (c *child) expect(ctx context.Context, name string, timeout time.Duration) (childEvent, error) {
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		select {
		case ev, ok := <-c.events:
			if !ok {
				<-c.exited
				return childEvent{}, fmt.Errorf("%s child exited (%v) before %q; stderr:\n%s", c.role, c.cmd.ProcessState, name, c.stderr)
			}
			if ev.Event == "error" {
				return ev, fmt.Errorf("%s child: %s", c.role, ev.Error)
			}
			if ev.Event == name {
				return ev, nil
			}
		case <-t.C:
			return childEvent{}, fmt.Errorf("%s child: no %q within %s; stderr:\n%s", c.role, name, timeout, c.stderr)
		case <-ctx.Done():
			return childEvent{}, ctx.Err()
		}
	}
}

// send writes one line to the child's stdin.
func (c *child) send(line string) error {
	_, err := io.WriteString(c.stdin, line+"\n")
	return err
}

// stop closes the child's stdin (its signal to finish) and waits for it to
// exit, killing it after a grace period.
func (c *child) stop() {
	_ = c.stdin.Close()
	select {
	case <-c.exited:
	case <-time.After(20 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.exited
	}
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append(t.b[:0], t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}

// prefixWriter prefixes every write (lines, as the children write them).
type prefixWriter struct {
	prefix string
	w      io.Writer
}

func (p prefixWriter) Write(b []byte) (int, error) {
	_, err := fmt.Fprintf(p.w, "%s%s", p.prefix, b)
	return len(b), err
}
