package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/cdcctl/cdcctl/pkg/mariadb"
)

// Endpoints are what `cdcctl playground -o json` prints once it is ready.
type Endpoints struct {
	MySQL    string `json:"mysql"`
	Kafka    string `json:"kafka"`
	Registry string `json:"registry"`
	Server   string `json:"server"`
	DataDir  string `json:"data_dir"`
}

// playground is a running `cdcctl playground` subprocess.
type playground struct {
	cmd  *exec.Cmd
	dir  string // the temporary --data-dir, removed by stop
	logf *os.File
	done chan struct{}
	err  error // the exit status, set before done closes
	Ends Endpoints

	stopOnce sync.Once
	stopErr  error
}

// startPlayground starts the playground on free ports with a temporary
// data directory and waits for its endpoints. Its stderr is kept in
// playground.log in that directory (quoted when it fails).
func startPlayground(ctx context.Context, c *cli, timeout time.Duration) (*playground, error) {
	ports, err := freePorts(4)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "cdcctl-demo-")
	if err != nil {
		return nil, fmt.Errorf("playground: %w", err)
	}
	p := &playground{dir: dir, done: make(chan struct{})}
	if p.logf, err = os.Create(filepath.Join(dir, "playground.log")); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("playground: %w", err)
	}
	args := []string{"playground", "--components", "mysql,kafka,registry,server",
		"--data-dir", filepath.Join(dir, "data"),
		"--mysql-port", strconv.Itoa(ports[0]), "--kafka-port", strconv.Itoa(ports[1]),
		"--registry-port", strconv.Itoa(ports[2]), "--server-port", strconv.Itoa(ports[3]), "-o", "json"}
	// Not tied to ctx: the playground is stopped by stop, in order, even
	// when the demo is interrupted.
	p.cmd = c.command(context.WithoutCancel(ctx), args...)
	p.cmd.Stderr = p.logf
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		p.cleanup()
		return nil, fmt.Errorf("playground: %w", err)
	}
	if err := p.cmd.Start(); err != nil {
		p.cleanup()
		return nil, fmt.Errorf("playground: %w", err)
	}
	ready := make(chan error, 1)
	go func() { // ends when the playground prints its endpoints or exits
		err := json.NewDecoder(out).Decode(&p.Ends)
		ready <- err
		_, _ = io.Copy(io.Discard, out)
	}()
	go func() { // owned by p: ends when the process exits
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	wait := time.NewTimer(timeout)
	defer wait.Stop()
	select {
	case err = <-ready:
		if err == nil && (p.Ends.MySQL == "" || p.Ends.Kafka == "" || p.Ends.Registry == "" || p.Ends.Server == "") {
			err = fmt.Errorf("incomplete endpoints %+v", p.Ends)
		}
	case <-wait.C:
		err = fmt.Errorf("not ready after %s", timeout)
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		tail := p.logTail()
		return nil, fmt.Errorf("%s: %w%s", commandLine(args), errors.Join(err, p.stop()), tail)
	}
	return p, nil
}

// stop sends SIGTERM, waits for the playground to stop its components and
// removes the data directory. A playground that does not stop within a
// minute is killed (its MariaDB dies with it).
func (p *playground) stop() error {
	p.stopOnce.Do(func() { p.stopErr = p.doStop() })
	return p.stopErr
}

func (p *playground) doStop() error {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	var err error
	select {
	case <-p.done:
		err = p.err
	case <-time.After(time.Minute):
		_ = p.cmd.Process.Kill()
		<-p.done
		err = errors.New("did not stop within a minute after SIGTERM; killed")
	}
	if err != nil {
		err = fmt.Errorf("stop playground: %w%s", err, p.logTail())
	}
	return errors.Join(err, p.cleanup())
}

func (p *playground) cleanup() error {
	if p.logf != nil {
		p.logf.Close()
	}
	if err := os.RemoveAll(p.dir); err != nil {
		return fmt.Errorf("remove %s: %w", p.dir, err)
	}
	return nil
}

// logTail quotes the end of the playground's stderr for an error.
func (p *playground) logTail() string {
	b, err := os.ReadFile(p.logf.Name())
	if err != nil {
		return ""
	}
	t := &tailBuffer{max: 2048}
	_, _ = t.Write(b)
	return t.quote()
}

// freePorts returns n distinct free loopback ports.
func freePorts(n int) ([]int, error) {
	seen := map[int]bool{}
	var ports []int
	for len(ports) < n {
		p, err := mariadb.FreePort()
		if err != nil {
			return nil, err
		}
		if !seen[p] {
			seen[p] = true
			ports = append(ports, p)
		}
	}
	return ports, nil
}
