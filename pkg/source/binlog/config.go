package binlog

import (
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/schema"
)

// Flavors of upstream server.
const (
	FlavorMySQL   = "mysql"
	FlavorMariaDB = "mariadb"
)

// Config configures a Source.
type Config struct {
	Addr     string // host:port
	User     string
	Password string // used to connect; never logged
	// ServerID is the server_id this reader presents as a replica; it must
	// differ from every server and replica in the topology.
	ServerID uint32
	Flavor   string // FlavorMySQL or FlavorMariaDB
	TLS      *tls.Config
	// Start is where reading begins: file:pos when File is set (its GTID,
	// if any, seeds the executed set reported in positions), else the
	// GTID set.
	Start event.Position
	// StartTs seeds the commit-ts clock (the checkpoint's commit ts), so
	// timestamps keep increasing across restarts.
	StartTs uint64
	// Tracker holds the table definitions at Start; the source advances it.
	Tracker *schema.Tracker
	// Match selects the captured tables; rows of others are not decoded.
	Match func(db, table string) bool
	// MaxBatchRows splits larger transactions into several batches
	// (default 4096).
	MaxBatchRows int
	// StallTimeout is how long the connection may stay silent, heartbeats
	// included, before it is taken for dead (default 30s; the server sends
	// a heartbeat every StallTimeout/6, at most every 5s, when idle).
	StallTimeout time.Duration
	Logger       *slog.Logger
}

func (c *Config) validate() error {
	if c.Addr == "" {
		return fmt.Errorf("binlog source: no upstream address")
	}
	if _, _, err := c.hostPort(); err != nil {
		return err
	}
	if c.ServerID == 0 {
		return fmt.Errorf("binlog source: server id must be non-zero")
	}
	if c.Flavor != FlavorMySQL && c.Flavor != FlavorMariaDB {
		return fmt.Errorf("binlog source: flavor must be %q or %q, got %q", FlavorMySQL, FlavorMariaDB, c.Flavor)
	}
	if c.Start.IsZero() {
		return fmt.Errorf("binlog source: no start position")
	}
	if c.Tracker == nil {
		return fmt.Errorf("binlog source: no schema tracker")
	}
	if c.Match == nil {
		c.Match = func(string, string) bool { return true }
	}
	if c.MaxBatchRows <= 0 {
		c.MaxBatchRows = 4096
	}
	if c.StallTimeout <= 0 {
		c.StallTimeout = 30 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

func (c *Config) hostPort() (string, uint16, error) {
	host, p, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return "", 0, fmt.Errorf("binlog source: address %q: %w", c.Addr, err)
	}
	port, err := strconv.ParseUint(p, 10, 16)
	if err != nil {
		return "", 0, fmt.Errorf("binlog source: address %q: bad port", c.Addr)
	}
	return host, uint16(port), nil
}
