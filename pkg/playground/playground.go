// Package playground runs the local stack of `cdcctl playground`: a
// throwaway MariaDB with the binlog on, an in-process Kafka broker (kfake,
// with its log on disk when a data directory is kept), an in-process Schema
// Registry (srfake, its schemas saved with the data directory) and the
// cdcctl server, each optional, on fixed loopback ports.
package playground

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/sr/srfake"

	"github.com/cdcctl/cdcctl/pkg/mariadb"
)

// Component names for Options.Components.
const (
	MySQL    = "mysql"
	Kafka    = "kafka"
	Registry = "registry"
	Server   = "server"
)

// Default ports: away from the real services' 3306, 9092, 8081 and 8300.
const (
	DefaultMySQLPort    = 13306
	DefaultKafkaPort    = 19092
	DefaultRegistryPort = 18081
	DefaultServerPort   = 18300
)

// ServerFunc starts the cdcctl server on addr with the given upstream and
// data directory and returns a stop function that drains it.
type ServerFunc func(ctx context.Context, addr, dataDir, upstream string) (stop func(context.Context) error, err error)

// Options configure Start.
type Options struct {
	Components []string // default: all four
	// DataDir keeps the stack's state (database files, broker log,
	// registry schemas, server metadata); "" uses a temporary directory.
	DataDir string
	// Keep leaves the data directory in place on Close.
	Keep                                           bool
	MySQLPort, KafkaPort, RegistryPort, ServerPort int
	// StartServer runs the cdcctl server component.
	StartServer ServerFunc
	Logger      *slog.Logger
}

// Endpoints are the addresses of the running components ("" when not
// started).
type Endpoints struct {
	MySQL    string `json:"mysql,omitempty"`    // mysql://root@127.0.0.1:port
	Kafka    string `json:"kafka,omitempty"`    // 127.0.0.1:port
	Registry string `json:"registry,omitempty"` // http://127.0.0.1:port
	Server   string `json:"server,omitempty"`   // http://127.0.0.1:port
	DataDir  string `json:"data_dir"`
}

// Stack is a running playground.
type Stack struct {
	opts      Options
	endpoints Endpoints
	tempDir   bool
	db        *mariadb.Server
	kafka     *kfake.Cluster
	reg       *srfake.Registry
	regSrv    *http.Server
	stopSrv   func(context.Context) error
}

// Endpoints returns the component addresses.
func (s *Stack) Endpoints() Endpoints { return s.endpoints }

// Has reports whether a component was asked for.
func (o *Options) Has(c string) bool {
	if len(o.Components) == 0 {
		return true
	}
	for _, x := range o.Components {
		if x == c {
			return true
		}
	}
	return false
}

// ParseComponents validates a comma-separated component list.
func ParseComponents(s string) ([]string, error) {
	var out []string
	for _, c := range strings.Split(s, ",") {
		c = strings.TrimSpace(c)
		switch c {
		case MySQL, Kafka, Registry, Server:
			out = append(out, c)
		case "":
		default:
			return nil, fmt.Errorf("unknown component %q: want mysql, kafka, registry or server", c)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no components given: want mysql, kafka, registry and/or server")
	}
	return out, nil
}

// Start starts the asked-for components in dependency order. On error,
// whatever started is stopped again.
func Start(ctx context.Context, o Options) (_ *Stack, err error) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	setDefault(&o.MySQLPort, DefaultMySQLPort)
	setDefault(&o.KafkaPort, DefaultKafkaPort)
	setDefault(&o.RegistryPort, DefaultRegistryPort)
	setDefault(&o.ServerPort, DefaultServerPort)
	s := &Stack{opts: o}
	if o.DataDir == "" {
		if o.DataDir, err = os.MkdirTemp("", "cdcctl-playground-"); err != nil {
			return nil, fmt.Errorf("playground: %w", err)
		}
		s.tempDir = true
		s.opts.DataDir = o.DataDir
	} else if err := os.MkdirAll(o.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("playground: data dir: %w", err)
	}
	s.endpoints.DataDir = o.DataDir
	defer func() {
		if err != nil {
			_ = s.Close(context.Background())
		}
	}()
	if o.Has(MySQL) {
		if err := s.startMySQL(ctx); err != nil {
			return nil, err
		}
	}
	if o.Has(Kafka) {
		if err := s.startKafka(); err != nil {
			return nil, err
		}
	}
	if o.Has(Registry) {
		if err := s.startRegistry(); err != nil {
			return nil, err
		}
	}
	if o.Has(Server) {
		if err := s.startServer(ctx); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func setDefault(p *int, v int) {
	if *p == 0 {
		*p = v
	}
}

func (s *Stack) startMySQL(ctx context.Context) error {
	db, err := mariadb.Start(ctx, mariadb.Options{Dir: filepath.Join(s.opts.DataDir, "mysql"), Port: s.opts.MySQLPort, Logger: s.opts.Logger})
	if err != nil {
		return fmt.Errorf("playground: mysql: %w", err)
	}
	s.db = db
	s.endpoints.MySQL = db.URL()
	return nil
}

func (s *Stack) startKafka() error {
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.Ports(s.opts.KafkaPort),
		kfake.DataDir(filepath.Join(s.opts.DataDir, "kafka")), kfake.DefaultNumPartitions(3), kfake.AllowAutoTopicCreation())
	if err != nil {
		return fmt.Errorf("playground: kafka on port %d: %w", s.opts.KafkaPort, err)
	}
	s.kafka = c
	s.endpoints.Kafka = c.ListenAddrs()[0]
	return nil
}

func (s *Stack) startRegistry() error {
	s.reg = srfake.NewRegistry()
	n, err := loadRegistry(s.reg, s.registryFile())
	if err != nil {
		return err
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(s.opts.RegistryPort))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("playground: schema registry on %s: %w", addr, err)
	}
	s.regSrv = &http.Server{Handler: RegistryHandler(s.reg), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.regSrv.Serve(ln) }() // stopped by Close (Shutdown)
	s.endpoints.Registry = "http://" + addr
	s.opts.Logger.Info("schema registry started", "addr", addr, "restored_schemas", n)
	return nil
}

func (s *Stack) registryFile() string { return filepath.Join(s.opts.DataDir, "registry.json") }

func (s *Stack) startServer(ctx context.Context) error {
	if s.opts.StartServer == nil {
		return errors.New("playground: the server component needs a server runner")
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(s.opts.ServerPort))
	stop, err := s.opts.StartServer(ctx, addr, filepath.Join(s.opts.DataDir, "server"), s.endpoints.MySQL)
	if err != nil {
		return fmt.Errorf("playground: server on %s: %w", addr, err)
	}
	s.stopSrv = stop
	s.endpoints.Server = "http://" + addr
	return nil
}

// Close stops every component in reverse order, saves the registry's
// schemas, and removes the data directory unless it is kept.
func (s *Stack) Close(ctx context.Context) error {
	var errs []error
	if s.stopSrv != nil {
		errs = append(errs, s.stopSrv(ctx))
	}
	if s.regSrv != nil {
		errs = append(errs, s.regSrv.Shutdown(ctx))
		if s.opts.Keep || !s.tempDir {
			errs = append(errs, saveRegistry(s.reg, s.registryFile()))
		}
	}
	if s.kafka != nil {
		s.kafka.Close()
	}
	if s.db != nil {
		errs = append(errs, s.db.Stop(ctx))
	}
	if s.tempDir && !s.opts.Keep {
		errs = append(errs, os.RemoveAll(s.opts.DataDir))
	}
	return errors.Join(errs...)
}
