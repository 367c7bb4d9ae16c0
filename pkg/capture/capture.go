// Package capture runs a cdcctl capture server: the metadata store in its
// data directory, the engine with its changefeeds, and the TiCDC-compatible
// HTTP API with /metrics. `cdcctl server` and the playground run it.
package capture

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/cdcctl/cdcctl/pkg/engine"
	"github.com/cdcctl/cdcctl/pkg/meta"
	"github.com/cdcctl/cdcctl/pkg/server"
)

// Options configure a capture server.
type Options struct {
	Addr     string // listen address, e.g. 127.0.0.1:8300
	DataDir  string // holds meta.db
	Upstream string // default upstream DSN for changefeeds without one
	TimeZone string // "" = system zone
	// AuthToken, when set, is required on mutating API calls.
	AuthToken string
	// TLSCert/TLSKey serve the API over HTTPS; TLSCA additionally requires
	// client certificates signed by it.
	TLSCert, TLSKey, TLSCA string
	// DrainTimeout bounds the drain on shutdown (default 30s).
	DrainTimeout time.Duration
	// Engine overrides engine options (tests); Store and Logger are set here.
	Engine engine.Options
	Logger *slog.Logger
}

// Server is a running capture server.
type Server struct {
	opts   Options
	store  meta.Store
	engine *engine.Engine
	http   *http.Server
	ln     net.Listener
	served chan error
}

// Start opens the data directory, starts the engine (resuming every
// running changefeed) and serves the API. Stop drains it.
func Start(ctx context.Context, o Options) (*Server, error) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.DrainTimeout == 0 {
		o.DrainTimeout = 30 * time.Second
	}
	if o.DataDir == "" {
		return nil, errors.New("capture: no data directory")
	}
	if err := os.MkdirAll(o.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("capture: data dir %s: %w", o.DataDir, err)
	}
	store, err := meta.OpenBolt(filepath.Join(o.DataDir, "meta.db"))
	if err != nil {
		return nil, fmt.Errorf("capture: %w", err)
	}
	s := &Server{opts: o, store: store, served: make(chan error, 1)}
	eo := o.Engine
	eo.Store, eo.Logger, eo.DefaultUpstream, eo.TimeZone = store, o.Logger, o.Upstream, o.TimeZone
	if s.engine, err = engine.New(ctx, eo); err != nil {
		_ = store.Close()
		return nil, err
	}
	if err := s.serve(); err != nil {
		_ = s.engine.Close(context.Background())
		_ = store.Close()
		return nil, err
	}
	o.Logger.Info("cdcctl server listening", "addr", s.Addr(), "data_dir", o.DataDir, "tls", o.TLSCert != "")
	return s, nil
}

func (s *Server) serve() error {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("capture: listen on %s: %w", s.opts.Addr, err)
	}
	s.ln = ln
	reg := prometheus.NewRegistry()
	reg.MustRegister(s.engine.Metrics(), collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	loc, err := location(s.opts.TimeZone)
	if err != nil {
		_ = ln.Close()
		return err
	}
	api := &engine.API{Engine: s.engine, CaptureID: captureID(s.opts.DataDir), Addr: ln.Addr().String()}
	handler := server.New(api, server.Options{Token: s.opts.AuthToken, Location: loc, Logger: s.opts.Logger,
		Metrics: promhttp.HandlerFor(reg, promhttp.HandlerOpts{})})
	s.http = &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	if s.opts.TLSCert != "" {
		cfg, err := serverTLS(s.opts)
		if err != nil {
			_ = ln.Close()
			return err
		}
		s.http.TLSConfig = cfg
		ln = tls.NewListener(ln, cfg)
	}
	go func() { s.served <- s.http.Serve(ln) }() // ends at Shutdown in Stop
	return nil
}

// Addr is the address the API listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Engine is the server's engine.
func (s *Server) Engine() *engine.Engine { return s.engine }

// Done reports the HTTP server failing on its own.
func (s *Server) Done() <-chan error { return s.served }

// Stop stops taking requests, drains every changefeed (final checkpoints
// written), and closes the store. ctx bounds the drain; when it ends first
// the remaining work is abandoned and will be redone from the last
// checkpoint.
func (s *Server) Stop(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, s.opts.DrainTimeout)
	defer cancel()
	var errs []error
	if err := s.http.Shutdown(ctx); err != nil {
		errs = append(errs, fmt.Errorf("stop API: %w", err))
	}
	if err := s.engine.Close(ctx); err != nil {
		errs = append(errs, fmt.Errorf("drain changefeeds: %w", err))
	}
	if err := s.store.Close(); err != nil {
		errs = append(errs, fmt.Errorf("close metadata store: %w", err))
	}
	return errors.Join(errs...)
}

func location(tz string) (*time.Location, error) {
	if tz == "" {
		return time.Local, nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("--tz %q: %w", tz, err)
	}
	return loc, nil
}

// captureID is a stable ID for the server of a data directory.
func captureID(dataDir string) string {
	path := filepath.Join(dataDir, "capture-id")
	if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
		return strings.TrimSpace(string(b))
	}
	id := fmt.Sprintf("%x", time.Now().UnixNano())
	_ = os.WriteFile(path, []byte(id+"\n"), 0o600)
	return id
}

func serverTLS(o Options) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(o.TLSCert, o.TLSKey)
	if err != nil {
		return nil, fmt.Errorf("--tls-cert/--tls-key: %w", err)
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	if o.TLSCA != "" {
		pem, err := os.ReadFile(o.TLSCA)
		if err != nil {
			return nil, fmt.Errorf("--tls-ca: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("--tls-ca %s: no certificate found", o.TLSCA)
		}
		cfg.ClientCAs, cfg.ClientAuth = pool, tls.RequireAndVerifyClientCert
	}
	return cfg, nil
}
