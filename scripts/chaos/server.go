package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server runs `cdcctl server` as a child process, kills it and starts it
// again on the same data directory and address.
type server struct {
	bin, addr, dataDir, logPath string
	args                        []string

	mu    sync.Mutex
	cmd   *exec.Cmd
	done  chan struct{} // closed when cmd has exited
	log   *os.File
	runs  int
	kills int
}

func newServer(bin, dir, addr, upstream string, cfg Config) *server {
	return &server{bin: bin, addr: addr, dataDir: filepath.Join(dir, "server"), logPath: filepath.Join(dir, "server.log"),
		args: []string{"--log-level", "debug", "server", "--addr", addr, "--data-dir", filepath.Join(dir, "server"),
			"--upstream", upstream, "--tz", "UTC",
			"--checkpoint-interval", cfg.CheckpointInterval.String(),
			"--retry-backoff", cfg.RetryBackoff.String(), "--retry-backoff-max", cfg.RetryBackoffMax.String(),
			"--stuck-duration", cfg.StuckDuration.String(), "--memory-limit", strconv.FormatInt(cfg.MemoryLimit, 10)}}
}

// start starts the server and waits until its API answers.
func (s *server) start(ctx context.Context) error {
	s.mu.Lock()
	if s.cmd != nil {
		s.mu.Unlock()
		return fmt.Errorf("server: already running")
	}
	if s.log == nil {
		f, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			s.mu.Unlock()
			return fmt.Errorf("server log: %w", err)
		}
		s.log = f
	}
	s.runs++
	fmt.Fprintf(s.log, "=== chaos: start %d at %s\n", s.runs, time.Now().Format(time.RFC3339Nano))
	cmd := exec.Command(s.bin, s.args...)
	cmd.Env = cleanEnv(filepath.Dir(s.dataDir))
	cmd.Stdout, cmd.Stderr = s.log, s.log
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // dies with the driver
	if err := cmd.Start(); err != nil {
		s.mu.Unlock()
		return fmt.Errorf("start %s server: %w", s.bin, err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }() // ends when the process exits
	s.cmd, s.done = cmd, done
	s.mu.Unlock()
	return s.waitHealthy(ctx, done)
}

func (s *server) waitHealthy(ctx context.Context, done <-chan struct{}) error {
	deadline := time.Now().Add(60 * time.Second)
	hc := &http.Client{Timeout: time.Second}
	for {
		resp, err := hc.Get("http://" + s.addr + "/api/v2/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-done:
			return fmt.Errorf("server exited while starting; see %s", s.logPath)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("server not healthy within 60s (last: %v); see %s", err, s.logPath)
		}
	}
}

// kill sends SIGKILL and waits for the process to be gone.
func (s *server) kill() error {
	s.mu.Lock()
	cmd, done := s.cmd, s.done
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return fmt.Errorf("server: not running")
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		return fmt.Errorf("kill server: %w", err)
	}
	<-done
	s.mu.Lock()
	s.kills++
	fmt.Fprintf(s.log, "=== chaos: SIGKILL %d at %s\n", s.kills, time.Now().Format(time.RFC3339Nano))
	s.mu.Unlock()
	return nil
}

// stop drains the server with SIGTERM (SIGKILL after a minute).
func (s *server) stop() {
	s.mu.Lock()
	cmd, done := s.cmd, s.done
	s.cmd = nil
	s.mu.Unlock()
	if cmd != nil {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(time.Minute):
			_ = cmd.Process.Kill()
			<-done
		}
	}
	s.mu.Lock()
	if s.log != nil {
		_ = s.log.Close()
		s.log = nil
	}
	s.mu.Unlock()
}

// pid is the running server's process id, 0 when none.
func (s *server) pid() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// cleanEnv is the environment of every cdcctl process: the driver's,
// without CDCCTL_* settings or the user's config file.
func cleanEnv(dir string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CDCCTL_") && !strings.HasPrefix(kv, "XDG_CONFIG_HOME=") {
			env = append(env, kv)
		}
	}
	return append(env, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "NO_COLOR=1")
}

// rss reads a process's resident set size in bytes from /proc.
func rss(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("process %d: VmRSS %q: %w", pid, v, err)
			}
			return kb << 10, nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("process %d: no VmRSS", pid)
}
