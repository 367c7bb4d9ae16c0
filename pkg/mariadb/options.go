package mariadb

import (
	"fmt"
	"log/slog"
	"net"
	"time"
)

// Options configure a sandbox server.
type Options struct {
	// Dir holds the data directory, socket, pid file and error log. It is
	// created when missing; a directory that already holds a data
	// directory is reused (the server restarts on its old data).
	Dir string
	// Port is the TCP port on 127.0.0.1; 0 picks a free one (never 3306).
	Port int
	// ServerID is the server_id (default 1).
	ServerID int
	// StartTimeout bounds the wait for the server to accept connections
	// (default 90s).
	StartTimeout time.Duration
	// Detach lets the server outlive this process (scripts); by default it
	// is killed when the process that started it dies.
	Detach bool
	// ExtraArgs are passed to mariadbd after the sandbox's own options.
	ExtraArgs []string
	// Logger receives progress messages; nil discards them.
	Logger *slog.Logger
}

func (o *Options) withDefaults() error {
	if o.ServerID == 0 {
		o.ServerID = 1
	}
	if o.StartTimeout == 0 {
		o.StartTimeout = 90 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Port == 0 {
		p, err := FreePort()
		if err != nil {
			return err
		}
		o.Port = p
	}
	if o.Port == 3306 {
		return fmt.Errorf("mariadb sandbox: port 3306 is reserved for a real server; pick another")
	}
	return nil
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago,
// never 3306.
func FreePort() (int, error) {
	for i := 0; i < 10; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, fmt.Errorf("find a free port: %w", err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		_ = l.Close()
		if port != 3306 {
			return port, nil
		}
	}
	return 0, fmt.Errorf("find a free port: no port other than 3306 was free")
}
