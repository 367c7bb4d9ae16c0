package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	gomysql "github.com/go-mysql-org/go-mysql/mysql"
	"github.com/go-mysql-org/go-mysql/replication"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// upstream is how the bench reaches the sandbox.
type upstream struct {
	host     string
	port     uint16
	user     string
	dsn      string // go-sql-driver DSN, no database
	url      string // mysql:// URL for changefeeds
	pidFile  string
	serverID uint32 // next replica server_id to hand out
}

// nextServerID returns a replica server_id not used before in this run,
// so a new reader never takes over the dump thread of an old one.
func (u *upstream) nextServerID() uint32 {
	u.serverID++
	return u.serverID
}

// l1Result is one L1 measurement.
type l1Result struct {
	Rows    int64
	Events  int64
	Elapsed time.Duration
}

func (r l1Result) rate() float64 { return float64(r.Rows) / r.Elapsed.Seconds() }

// measureL1 reads rng from the server with go-mysql's BinlogSyncer alone
// (the decoding options cdcctl uses: no time or decimal parsing) and counts
// row changes: one per inserted or deleted row, one per before/after pair
// of an update.
func measureL1(ctx context.Context, up *upstream, rng binlogRange) (l1Result, error) {
	syncer := replication.NewBinlogSyncer(replication.BinlogSyncerConfig{
		ServerID: up.nextServerID(), Flavor: gomysql.MariaDBFlavor, Host: up.host, Port: up.port, User: up.user,
		ParseTime: false, UseDecimal: false, DisableRetrySync: true, Logger: slog.New(slog.DiscardHandler),
	})
	defer syncer.Close()
	var res l1Result
	start := time.Now()
	streamer, err := syncer.StartSync(gomysql.Position{Name: rng.Start.File, Pos: rng.Start.Pos})
	if err != nil {
		return res, fmt.Errorf("L1: start sync at %s: %w", rng.Start, err)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	file := rng.Start.File
	for {
		ev, err := streamer.GetEvent(ctx)
		if err != nil {
			return res, fmt.Errorf("L1: read binlog: %w", err)
		}
		res.Events++
		switch e := ev.Event.(type) {
		case *replication.RotateEvent:
			file = string(e.NextLogName)
			continue
		case *replication.RowsEvent:
			n := int64(len(e.Rows))
			if isUpdate(ev.Header.EventType) {
				n /= 2
			}
			res.Rows += n
		}
		if ev.Header.LogPos > 0 && reached(event.Position{File: file, Pos: ev.Header.LogPos}, rng.End) {
			break
		}
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

func isUpdate(t replication.EventType) bool {
	switch t {
	case replication.UPDATE_ROWS_EVENTv0, replication.UPDATE_ROWS_EVENTv1, replication.UPDATE_ROWS_EVENTv2,
		replication.MARIADB_UPDATE_ROWS_COMPRESSED_EVENT_V1, replication.PARTIAL_UPDATE_ROWS_EVENT:
		return true
	}
	return false
}

// reached reports whether position p is at or after end (binlog file names
// of one server sort in write order).
func reached(p, end event.Position) bool {
	if p.File == "" {
		return false
	}
	if p.File != end.File {
		return p.File > end.File
	}
	return p.Pos >= end.Pos
}
