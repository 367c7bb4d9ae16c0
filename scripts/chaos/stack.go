package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	_ "github.com/go-sql-driver/mysql" // the workload's and checker's driver
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/sr/srfake"

	"github.com/cdcctl/cdcctl/pkg/faultproxy"
	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/playground"
)

// partitions is the partition count of every topic.
const partitions = 3

// stack is what the server under test talks to: MariaDB (a process of its
// own, stopped and started), a Kafka broker with its log on disk behind a
// fault proxy that it advertises (restarted on the same log), a Schema
// Registry behind a fault proxy, and a second broker behind a proxy of its
// own for changefeed B, which is cut off to be stuck.
type stack struct {
	dir string
	db  *mariadb.Server
	sql *sql.DB

	kafkaProxy *faultproxy.Proxy
	brokerMu   sync.Mutex
	broker     *kfake.Cluster // nil while restarting

	kafkaProxyB *faultproxy.Proxy
	brokerB     *kfake.Cluster

	registry *http.Server
	regAddr  string
	regProxy *faultproxy.Proxy // changefeed A's path to the registry
}

func startStack(ctx context.Context, dir string) (s *stack, err error) {
	s = &stack{dir: dir}
	defer func() {
		if err != nil {
			s.close()
		}
	}()
	if s.db, err = mariadb.Start(ctx, mariadb.Options{Dir: filepath.Join(dir, "mysql")}); err != nil {
		return nil, fmt.Errorf("start MariaDB: %w", err)
	}
	if s.sql, err = sql.Open("mysql", s.db.DSN("")); err != nil {
		return nil, err
	}
	s.sql.SetMaxOpenConns(32)
	if s.kafkaProxy, err = faultproxy.Start("127.0.0.1:0", ""); err != nil {
		return nil, err
	}
	if err = s.startBroker(); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("registry listener: %w", err)
	}
	s.regAddr = ln.Addr().String()
	s.registry = &http.Server{Handler: playground.RegistryHandler(srfake.NewRegistry()), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.registry.Serve(ln) }() // ends at close (Shutdown)
	if s.regProxy, err = faultproxy.Start("127.0.0.1:0", s.regAddr); err != nil {
		return nil, err
	}
	if s.kafkaProxyB, err = faultproxy.Start("127.0.0.1:0", ""); err != nil {
		return nil, err
	}
	if s.brokerB, err = kfake.NewCluster(kfake.NumBrokers(1), kfake.ListenFn(s.kafkaProxyB.ListenBehind),
		kfake.DefaultNumPartitions(partitions), kfake.AllowAutoTopicCreation()); err != nil {
		return nil, fmt.Errorf("start broker B: %w", err)
	}
	return s, nil
}

// startBroker starts kfake on the broker log, behind the Kafka proxy.
func (s *stack) startBroker() error {
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.ListenFn(s.kafkaProxy.ListenBehind),
		kfake.DataDir(filepath.Join(s.dir, "kafka")), kfake.DefaultNumPartitions(partitions), kfake.AllowAutoTopicCreation())
	if err != nil {
		return fmt.Errorf("start the broker: %w", err)
	}
	s.brokerMu.Lock()
	s.broker = c
	s.brokerMu.Unlock()
	return nil
}

// stopBroker closes the broker; its log stays on disk.
func (s *stack) stopBroker() {
	s.brokerMu.Lock()
	c := s.broker
	s.broker = nil
	s.brokerMu.Unlock()
	if c != nil {
		c.Close()
	}
}

// watermarks reads the high watermark of every partition of the topics
// from the broker itself (not over the network, which may be cut); ok is
// false while the broker restarts.
func (s *stack) watermarks(topics []string) (map[string][]int64, bool) {
	s.brokerMu.Lock()
	defer s.brokerMu.Unlock()
	if s.broker == nil {
		return nil, false
	}
	out := make(map[string][]int64, len(topics))
	for _, t := range topics {
		infos := s.broker.PartitionInfos(t)
		if len(infos) == 0 {
			continue
		}
		wms := make([]int64, len(infos))
		for i, pi := range infos {
			wms[i] = pi.HighWatermark
		}
		out[t] = wms
	}
	return out, true
}

// brokerAddr is the address clients use: the proxy, which the broker
// advertises.
func (s *stack) brokerAddr() string { return s.kafkaProxy.Addr() }

func (s *stack) close() {
	var errs []error
	for _, p := range []*faultproxy.Proxy{s.regProxy, s.kafkaProxy, s.kafkaProxyB} {
		if p != nil {
			errs = append(errs, p.Close())
		}
	}
	if s.registry != nil {
		errs = append(errs, s.registry.Close())
	}
	s.stopBroker()
	if s.brokerB != nil {
		s.brokerB.Close()
	}
	if s.sql != nil {
		errs = append(errs, s.sql.Close())
	}
	if s.db != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		errs = append(errs, s.db.Stop(ctx))
	}
	_ = errors.Join(errs...) // the run's outcome is already decided
}

// cutMode maps a CutSpec mode to the proxy's.
func cutMode(m string) faultproxy.Mode {
	if m == "blackhole" {
		return faultproxy.Blackhole
	}
	return faultproxy.Refuse
}
