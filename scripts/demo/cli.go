package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// cli runs the cdcctl binary as a user would, one subprocess per command.
type cli struct {
	bin string
	// log receives the commands' stderr (progress) as they run.
	log io.Writer
}

// stopGrace is how long a command may take to stop after SIGTERM before it
// is killed.
const stopGrace = 15 * time.Second

// command builds a cdcctl subprocess. It runs in its own process group,
// so that a Ctrl-C on the terminal reaches the demo only and the demo
// stops its children in order; cancelling ctx sends SIGTERM (cdcctl's
// graceful stop), then SIGKILL after stopGrace.
func (c *cli) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, c.bin, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = stopGrace
	cmd.Env = append(cmd.Environ(), "NO_COLOR=1")
	return cmd
}

// output runs cdcctl and returns its stdout. Its stderr goes to the log
// as it comes; the end of it is quoted in the error when the command
// fails.
func (c *cli) output(ctx context.Context, args ...string) ([]byte, error) {
	cmd := c.command(ctx, args...)
	var stdout bytes.Buffer
	tail := &tailBuffer{max: 2048}
	cmd.Stdout = &stdout
	cmd.Stderr = io.MultiWriter(c.log, tail)
	if err := cmd.Run(); err != nil {
		return stdout.Bytes(), fmt.Errorf("%s: %w%s", commandLine(args), err, tail.quote())
	}
	return stdout.Bytes(), nil
}

// commandLine renders a cdcctl command for display, quoting arguments
// that a shell would split or expand.
func commandLine(args []string) string {
	parts := []string{"cdcctl"}
	for _, a := range args {
		if strings.ContainsAny(a, " &?*'\"{}$;|<>") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	max int
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = t.buf[over:]
	}
	return len(p), nil
}

// quote returns the kept output as an error suffix ("" when empty).
func (t *tailBuffer) quote() string {
	s := strings.TrimSpace(string(t.buf))
	if s == "" {
		return ""
	}
	return "; its stderr ended with:\n" + s
}
