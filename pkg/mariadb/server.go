// Package mariadb runs a throwaway MariaDB server from the system's
// binaries: its own data directory, a loopback port, the binlog on in ROW
// format with full row images and metadata. It never touches a system
// service, its files or port 3306. Tests, the playground and scripts share
// it.
package mariadb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/go-sql-driver/mysql"
)

// Server is a running (or stopped) sandbox.
type Server struct {
	opts Options
	bins Binaries

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{} // closed when cmd has exited
}

// Start initialises the data directory when needed and starts the server,
// returning once it accepts connections.
func Start(ctx context.Context, opts Options) (*Server, error) {
	bins, err := FindBinaries()
	if err != nil {
		return nil, err
	}
	if err := opts.withDefaults(); err != nil {
		return nil, err
	}
	if opts.Dir == "" {
		dir, err := os.MkdirTemp("", "cdcctl-mariadb-")
		if err != nil {
			return nil, fmt.Errorf("mariadb sandbox: create temp dir: %w", err)
		}
		opts.Dir = dir
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("mariadb sandbox: create %s: %w", opts.Dir, err)
	}
	s := &Server{opts: opts, bins: bins}
	if err := s.install(ctx); err != nil {
		return nil, err
	}
	if err := s.Start(ctx); err != nil {
		return nil, err
	}
	if err := s.grant(ctx); err != nil {
		_ = s.Stop(context.Background())
		return nil, err
	}
	return s, nil
}

// Dir is the sandbox directory.
func (s *Server) Dir() string { return s.opts.Dir }

// Port is the server's TCP port on 127.0.0.1.
func (s *Server) Port() int { return s.opts.Port }

// ServerID is the server's server_id.
func (s *Server) ServerID() int { return s.opts.ServerID }

// Addr is "127.0.0.1:port".
func (s *Server) Addr() string { return "127.0.0.1:" + strconv.Itoa(s.opts.Port) }

// User and Password are the administrative account reachable over TCP.
const (
	User     = "root"
	Password = ""
)

// DSN returns a go-sql-driver/mysql DSN for database db ("" for none).
func (s *Server) DSN(db string) string {
	c := mysql.NewConfig()
	c.User, c.Passwd = User, Password
	c.Net, c.Addr, c.DBName = "tcp", s.Addr(), db
	c.Params = map[string]string{"charset": "utf8mb4"}
	return c.FormatDSN()
}

// URL returns the upstream as a mysql:// URL, as cdcctl's --upstream takes it.
func (s *Server) URL() string {
	return fmt.Sprintf("mysql://%s@%s", User, s.Addr())
}

func (s *Server) socket() string  { return filepath.Join(s.opts.Dir, "mysqld.sock") }
func (s *Server) dataDir() string { return filepath.Join(s.opts.Dir, "data") }
func (s *Server) errLog() string  { return filepath.Join(s.opts.Dir, "error.log") }
func (s *Server) pidFile() string { return filepath.Join(s.opts.Dir, "mysqld.pid") }

// tmpDir is the server's own tmpdir. mariadbd deletes every "#sql*" file
// in its tmpdir when it starts, so with the shared /tmp one server's
// start breaks the queries another runs on on-disk temporary tables
// ("Error on delete of '/tmp/#sql-temptable-…'").
func (s *Server) tmpDir() string { return filepath.Join(s.opts.Dir, "tmp") }

// Start starts a stopped server on its existing data directory.
func (s *Server) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		return fmt.Errorf("mariadb sandbox %s: already running", s.opts.Dir)
	}
	if err := os.MkdirAll(s.tmpDir(), 0o700); err != nil {
		return fmt.Errorf("mariadb sandbox: %w", err)
	}
	cmd := exec.Command(s.bins.Server, s.serverArgs()...)
	logFile, err := os.OpenFile(filepath.Join(s.opts.Dir, "stdout.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("mariadb sandbox: open log: %w", err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if !s.opts.Detach {
		cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	}
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return fmt.Errorf("mariadb sandbox: start %s: %w", s.bins.Server, err)
	}
	done := make(chan struct{})
	go func() { // owned by the Server: ends when the process exits
		_ = cmd.Wait()
		_ = logFile.Close()
		close(done)
	}()
	s.cmd, s.done = cmd, done
	s.opts.Logger.Info("mariadb sandbox starting", "dir", s.opts.Dir, "port", s.opts.Port, "pid", cmd.Process.Pid)
	if err := s.waitReady(ctx, done); err != nil {
		s.killLocked()
		return err
	}
	return nil
}

func (s *Server) serverArgs() []string {
	args := []string{
		"--no-defaults",
		"--datadir=" + s.dataDir(),
		"--socket=" + s.socket(),
		"--pid-file=" + s.pidFile(),
		"--log-error=" + s.errLog(),
		"--tmpdir=" + s.tmpDir(),
		"--port=" + strconv.Itoa(s.opts.Port),
		"--bind-address=127.0.0.1",
		"--skip-name-resolve",
		"--server-id=" + strconv.Itoa(s.opts.ServerID),
		"--log-bin=" + filepath.Join(s.dataDir(), "binlog"),
		"--binlog-format=ROW",
		"--binlog-row-image=FULL",
		"--binlog-row-metadata=FULL",
		"--character-set-server=utf8mb4",
		"--collation-server=utf8mb4_general_ci",
		"--innodb-buffer-pool-size=128M",
		"--max-connections=500",
	}
	if os.Geteuid() == 0 {
		args = append(args, "--user=root")
	}
	return append(args, s.opts.ExtraArgs...)
}

func (s *Server) waitReady(ctx context.Context, exited <-chan struct{}) error {
	ctx, cancel := context.WithTimeout(ctx, s.opts.StartTimeout)
	defer cancel()
	db, err := sql.Open("mysql", s.socketDSN())
	if err != nil {
		return fmt.Errorf("mariadb sandbox: %w", err)
	}
	defer db.Close()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		if err := db.PingContext(ctx); err == nil {
			return nil
		}
		select {
		case <-exited:
			return fmt.Errorf("mariadb sandbox: mariadbd exited during start-up; last lines of %s:\n%s", s.errLog(), tail(s.errLog(), 15))
		case <-ctx.Done():
			return fmt.Errorf("mariadb sandbox: not ready after %s: %w; last lines of %s:\n%s",
				s.opts.StartTimeout, ctx.Err(), s.errLog(), tail(s.errLog(), 15))
		case <-tick.C:
		}
	}
}

func (s *Server) socketDSN() string {
	c := mysql.NewConfig()
	c.User, c.Net, c.Addr = User, "unix", s.socket()
	return c.FormatDSN()
}

// Stop shuts the server down cleanly, keeping its data; Start resumes it.
func (s *Server) Stop(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return nil
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(60 * time.Second):
		s.killLocked()
		return fmt.Errorf("mariadb sandbox %s: did not stop within 60s; killed", s.opts.Dir)
	case <-ctx.Done():
		s.killLocked()
		return fmt.Errorf("mariadb sandbox %s: stop: %w; killed", s.opts.Dir, ctx.Err())
	}
	s.cmd = nil
	return nil
}

// Kill stops the server with SIGKILL, as a crash would.
func (s *Server) Kill() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.killLocked()
}

func (s *Server) killLocked() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	<-s.done
	s.cmd = nil
}

// Remove stops the server and deletes its directory.
func (s *Server) Remove(ctx context.Context) error {
	err := s.Stop(ctx)
	if rmErr := os.RemoveAll(s.opts.Dir); rmErr != nil {
		err = errors.Join(err, fmt.Errorf("mariadb sandbox: remove %s: %w", s.opts.Dir, rmErr))
	}
	return err
}
