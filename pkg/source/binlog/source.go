package binlog

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	gomysql "github.com/go-mysql-org/go-mysql/mysql"
	"github.com/go-mysql-org/go-mysql/replication"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/schema"
)

// ErrSchema marks errors about table definitions (a DDL that cannot be
// applied, rows that do not fit the tracked definition): retrying from the
// same position repeats them.
var ErrSchema = errors.New("schema error")

// Source reads batches from the binlog. It is used by one goroutine.
type Source struct {
	cfg      Config
	syncer   *replication.BinlogSyncer
	streamer *replication.BinlogStreamer
	clock    tsoClock
	gtid     *gtidTracker
	file     string
	txn      txn
	// committed is the position after the last commit handed out, and
	// committedTs that commit's ts.
	committed   event.Position
	committedTs uint64
	// raw holds the undecoded rows of captured tables' events between
	// go-mysql's parser and rows; dec decodes them.
	raw   rawStash
	dec   imageDecoder
	stall stallWatch
	// unpacked holds the events of a MySQL compressed transaction
	// (binlog_transaction_compression) not handled yet.
	unpacked []*replication.BinlogEvent
	idle     atomic.Pointer[IdlePoint]
	// xa holds the prepared XA transactions, oldest first (xa.go).
	xa []xaTxn
}

// IdlePoint records a heartbeat the upstream sent while no transaction was
// open: when it arrived, the binlog held nothing after Pos.
type IdlePoint struct {
	Pos event.Position
	At  time.Time
}

// Idle returns the last IdlePoint; false before the first heartbeat. Safe
// to call from any goroutine.
func (s *Source) Idle() (IdlePoint, bool) {
	if p := s.idle.Load(); p != nil {
		return *p, true
	}
	return IdlePoint{}, false
}

// txn is the transaction being assembled.
type txn struct {
	open bool
	ts   uint64
	time time.Time
	rows []event.RowChange
	// xa marks an XA transaction, never split; xaKey is its XID once
	// XA END is read.
	xa    bool
	xaKey string
}

// Open connects to the upstream and starts streaming from cfg.Start.
func Open(ctx context.Context, cfg Config) (*Source, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	gt, err := newGTIDTracker(cfg.Flavor, cfg.Start.GTID)
	if err != nil {
		return nil, err
	}
	host, port, _ := cfg.hostPort()
	s := &Source{cfg: cfg, gtid: gt, file: cfg.Start.File, committed: cfg.Start, committedTs: cfg.StartTs}
	s.clock.seed(cfg.StartTs)
	s.syncer = replication.NewBinlogSyncer(replication.BinlogSyncerConfig{
		ServerID:                cfg.ServerID,
		Flavor:                  cfg.Flavor,
		Host:                    host,
		Port:                    port,
		User:                    cfg.User,
		Password:                cfg.Password,
		TLSConfig:               cfg.TLS,
		ParseTime:               false,
		RenderJSONAsMySQLText:   true, // JSON text as MySQL (and TiDB) print it: {"k": [1, 2]}
		TimestampStringLocation: time.UTC,
		HeartbeatPeriod:         min(5*time.Second, cfg.StallTimeout/6),
		// No ReadTimeout: go-mysql would re-arm the socket deadline before
		// every packet; stallWatch detects a dead connection instead.
		DisableRetrySync:    true, // the engine restarts from its checkpoint
		DiscardGTIDSet:      true, // positions come from gtidTracker, not a set cloned per commit
		Logger:              cfg.Logger.With("component", "go-mysql"),
		RowsEventDecodeFunc: s.decodeRows,
		// Events wait here undecoded; the pipeline's own queues, bounded by
		// bytes, hold the rest (go-mysql's default of 10,240 events of up
		// to the server's rows event size kept hundreds of MiB alive).
		EventCacheCount: eventCacheCount,
	})
	// Resume by file:pos whenever a file is known: a GTID set built from
	// what this reader has seen is not the server's full executed set, and
	// MySQL would resend every transaction missing from it.
	if cfg.Start.File == "" {
		set, err := gomysql.ParseGTIDSet(cfg.Flavor, cfg.Start.GTID)
		if err != nil {
			s.syncer.Close()
			return nil, fmt.Errorf("binlog source: GTID set %q: %w", cfg.Start.GTID, err)
		}
		s.streamer, err = s.syncer.StartSyncGTID(set)
	} else {
		s.streamer, err = s.syncer.StartSync(gomysql.Position{Name: cfg.Start.File, Pos: cfg.Start.Pos})
	}
	if err != nil {
		s.syncer.Close()
		return nil, fmt.Errorf("binlog source: start replication from %s at %s: %w", cfg.Start, cfg.Addr, err)
	}
	s.stall.start(cfg.StallTimeout/6, 6, s.syncer.Close)
	return s, nil
}

// Close stops streaming. The Source is used by one goroutine, Close
// included.
func (s *Source) Close() {
	s.stall.stop()
	s.syncer.Close()
}

// Tracker returns the schema tracker as of the last batch returned.
func (s *Source) Tracker() *schema.Tracker { return s.cfg.Tracker }

// decodeRows runs on go-mysql's reading goroutine. It decodes the header
// of every rows event; the row images of captured tables are kept for
// rows, which decodes them knowing the event type (imageDecoder), and
// those of other tables are never decoded.
func (s *Source) decodeRows(e *replication.RowsEvent, data []byte) error {
	pos, err := e.DecodeHeader(data)
	if err != nil {
		return err
	}
	if e.Table == nil || !s.cfg.Match(string(e.Table.Schema), string(e.Table.Table)) {
		return nil
	}
	if s.raw.put(e, data, pos) {
		return nil
	}
	return e.DecodeData(pos, data)
}

// ReadBatch returns the next transaction (or part of a large one, or a
// DDL). It blocks until one is complete or ctx ends.
func (s *Source) ReadBatch(ctx context.Context) (*event.Batch, error) {
	for {
		if b, err := s.handleUnpacked(); b != nil || err != nil {
			return b, err
		}
		s.stall.waiting.Store(true)
		ev, err := s.streamer.GetEvent(ctx)
		s.stall.waiting.Store(false)
		s.stall.events.Add(1)
		if err != nil {
			if s.stall.stalled.Load() {
				return nil, fmt.Errorf("binlog source: read from %s: no event, not even a heartbeat, for %s: %w", s.cfg.Addr, s.cfg.StallTimeout, err)
			}
			return nil, fmt.Errorf("binlog source: read from %s: %w", s.cfg.Addr, err)
		}
		b, err := s.handle(ev)
		if err != nil {
			return nil, err
		}
		if b != nil {
			return b, nil
		}
	}
}

// handleUnpacked handles the events left of a compressed transaction, in
// order, up to the first that completes a batch.
func (s *Source) handleUnpacked() (*event.Batch, error) {
	for len(s.unpacked) > 0 {
		ev := s.unpacked[0]
		s.unpacked[0] = nil
		s.unpacked = s.unpacked[1:]
		if b, err := s.handle(ev); b != nil || err != nil {
			return b, err
		}
	}
	return nil, nil
}

func (s *Source) handle(ev *replication.BinlogEvent) (*event.Batch, error) {
	h := ev.Header
	switch e := ev.Event.(type) {
	case *replication.TransactionPayloadEvent:
		// MySQL 8's compressed transaction: go-mysql decompressed it into
		// the events it holds (table maps, rows, XID), their positions
		// stamped so that only the last one moves past the transaction.
		// The GTID event before it opened the transaction.
		s.unpacked = append(s.unpacked[:0], e.Events...)
	case *replication.HeartbeatEvent:
		if !s.txn.open && len(s.xa) == 0 {
			s.idle.Store(&IdlePoint{Pos: s.committed, At: time.Now()})
		}
	case *replication.RotateEvent:
		s.file = string(e.NextLogName)
	case *replication.MariadbGTIDEvent:
		s.begin(int64(h.Timestamp)*1000, h.Timestamp)
		s.txn.xa = e.Flags&mariadbPreparedXA != 0
		s.gtid.beginMariaDB(e.GTID)
	case *replication.GTIDEvent:
		ms := int64(h.Timestamp) * 1000
		if e.ImmediateCommitTimestamp > 0 {
			ms = int64(e.ImmediateCommitTimestamp / 1000)
		}
		s.begin(ms, h.Timestamp)
		if e.GNO > 0 {
			gtid, err := gtidString(e)
			if err != nil {
				return nil, err
			}
			s.gtid.begin(gtid)
		}
	case *replication.QueryEvent:
		return s.query(h, e)
	case *replication.RowsEvent:
		return s.rows(h, e)
	case *replication.XIDEvent:
		return s.commit(h)
	}
	if h.EventType == replication.XA_PREPARE_LOG_EVENT {
		return nil, s.xaPrepare(h)
	}
	return nil, nil
}

// begin opens a transaction (a GTID event, or BEGIN without GTIDs).
func (s *Source) begin(physicalMs int64, sec uint32) {
	// rows start empty: the previous batch owns its slice.
	s.txn = txn{open: true, ts: s.clock.next(physicalMs), time: time.Unix(int64(sec), 0).UTC()}
}

func (s *Source) query(h *replication.EventHeader, e *replication.QueryEvent) (*event.Batch, error) {
	q := string(e.Query)
	switch q {
	case "BEGIN":
		if !s.txn.open {
			s.begin(int64(h.Timestamp)*1000, h.Timestamp)
		}
		return nil, nil
	case "COMMIT": // non-transactional engines end with a COMMIT query
		return s.commit(h)
	}
	if verb, key, ok := xaStatement(q); ok {
		return s.xaQuery(h, verb, key)
	}
	if !s.txn.open {
		s.begin(int64(h.Timestamp)*1000, h.Timestamp)
	}
	ddl, err := s.cfg.Tracker.Apply(string(e.Schema), q)
	if err != nil {
		if !s.mentionsCaptured(q) {
			s.cfg.Logger.Warn("skipping a statement that touches no captured table", "error", err)
			ddl, err = nil, nil
		} else {
			return nil, fmt.Errorf("%w: %w", ErrSchema, err)
		}
	}
	b, err := s.commit(h)
	if err != nil {
		return nil, err
	}
	if b.DDL = s.capturedPart(ddl); b.DDL != nil {
		b.DDL.CommitTs = s.committedTs
	}
	return b, nil
}

// commit closes the open transaction and returns it as a batch.
func (s *Source) commit(h *replication.EventHeader) (*event.Batch, error) {
	if err := s.gtid.commit(); err != nil {
		return nil, err
	}
	s.committed = event.Position{File: s.file, Pos: h.LogPos, GTID: s.gtid.String()}
	s.committedTs = s.txn.ts
	pos, ts := s.emitted()
	b := &event.Batch{Rows: s.txn.rows, Pos: pos, CommitTs: ts, CommitTime: s.txn.time}
	s.txn = txn{}
	return b, nil
}
