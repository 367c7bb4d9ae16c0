package workload

import (
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"
)

// Mix weighs the kinds of row change; a transaction draws each change
// from it (an insert when the worker owns no row yet, something else when
// all its keys are taken).
type Mix struct {
	Insert, Update, KeyUpdate, Delete int
}

// Config configures a Workload.
type Config struct {
	DB *sql.DB
	// Database is created when missing (default "chaos").
	Database string
	// Tables is the number of tables (default 3, one of each shape).
	Tables int
	// Workers is the number of concurrent writers (default 2).
	Workers int
	// Rate is the target of transactions per second over all workers;
	// 0 runs as fast as the server allows.
	Rate float64
	Seed int64
	// KeySpace bounds the keys each worker uses per table, and so the
	// table sizes (default 500).
	KeySpace int
	// MaxOps is the most row changes in a transaction (default 4).
	MaxOps int
	Mix    Mix
	// TxnsPerWorker stops each worker after this many committed
	// transactions; 0 runs until the context ends.
	TxnsPerWorker int64
	// GiveUpAfter ends Run with an error when no transaction has
	// committed for this long while statements keep failing (default
	// 2 minutes; the server may be down on purpose for a while).
	GiveUpAfter time.Duration
	Logger      *slog.Logger
}

func (c *Config) normalize() error {
	if c.DB == nil {
		return errors.New("workload: no database")
	}
	if c.Database == "" {
		c.Database = "chaos"
	}
	if c.Tables <= 0 {
		c.Tables = 3
	}
	if c.Workers <= 0 {
		c.Workers = 2
	}
	if c.KeySpace <= 0 {
		c.KeySpace = 500
	}
	if c.MaxOps <= 0 {
		c.MaxOps = 4
	}
	if c.Mix == (Mix{}) { // grows the tables slowly while updating most
		c.Mix = Mix{Insert: 40, Update: 35, KeyUpdate: 10, Delete: 15}
	}
	if c.Mix.Insert < 0 || c.Mix.Update < 0 || c.Mix.KeyUpdate < 0 || c.Mix.Delete < 0 || c.Mix.Insert == 0 {
		return fmt.Errorf("workload: mix %+v: weights must be non-negative and inserts positive", c.Mix)
	}
	if c.Rate < 0 {
		return fmt.Errorf("workload: rate %v: must not be negative", c.Rate)
	}
	if c.GiveUpAfter <= 0 {
		c.GiveUpAfter = 2 * time.Minute
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// Stats count what the workload did.
type Stats struct {
	Txns       int64 `json:"txns"`
	Inserts    int64 `json:"inserts"`
	Updates    int64 `json:"updates"`
	KeyUpdates int64 `json:"key_updates"`
	Deletes    int64 `json:"deletes"`
	Errors     int64 `json:"errors"`  // failed transactions (rolled back or of unknown outcome)
	Resyncs    int64 `json:"resyncs"` // re-reads of a worker's keys after an error
	DDLs       int64 `json:"ddls"`
}

type counters struct {
	txns, inserts, updates, keyUpdates, deletes, errors, resyncs, ddls atomic.Int64
}

func (c *counters) snapshot() Stats {
	return Stats{
		Txns: c.txns.Load(), Inserts: c.inserts.Load(), Updates: c.updates.Load(), KeyUpdates: c.keyUpdates.Load(),
		Deletes: c.deletes.Load(), Errors: c.errors.Load(), Resyncs: c.resyncs.Load(), DDLs: c.ddls.Load(),
	}
}
