package snapshot

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// Config configures a snapshot.
type Config struct {
	DB     *sql.DB
	Flavor string // "mysql" or "mariadb"
	// ChunkRows is the number of rows per batch (default 4096).
	ChunkRows int
	Logger    *slog.Logger
}

// Snapshot reads the captured tables inside one consistent-snapshot
// transaction. It is used by one goroutine.
type Snapshot struct {
	cfg    Config
	conn   *sql.Conn
	pos    event.Position
	ts     uint64
	tables []*tableReader
	cur    int
	done   int64
	total  int64
}

// Begin opens a consistent snapshot and returns it with the binlog position
// it corresponds to.
func Begin(ctx context.Context, cfg Config) (*Snapshot, event.Position, error) {
	if cfg.ChunkRows <= 0 {
		cfg.ChunkRows = 4096
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	conn, err := cfg.DB.Conn(ctx)
	if err != nil {
		return nil, event.Position{}, fmt.Errorf("snapshot: connect: %w", err)
	}
	s := &Snapshot{cfg: cfg, conn: conn}
	if err := s.begin(ctx); err != nil {
		_ = conn.Close()
		return nil, event.Position{}, err
	}
	s.ts = event.ComposeTS(time.Now().UnixMilli(), 0)
	return s, s.pos, nil
}

func (s *Snapshot) begin(ctx context.Context) error {
	// TIMESTAMP values arrive as UTC text, the form event.Value expects.
	if _, err := s.conn.ExecContext(ctx, "SET SESSION time_zone = '+00:00'"); err != nil {
		return fmt.Errorf("snapshot: set time zone: %w", err)
	}
	if _, err := s.conn.ExecContext(ctx, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ"); err != nil {
		return fmt.Errorf("snapshot: set isolation: %w", err)
	}
	if s.cfg.Flavor == "mariadb" {
		return s.beginMariaDB(ctx)
	}
	return s.beginMySQL(ctx)
}

func (s *Snapshot) beginMariaDB(ctx context.Context) error {
	if _, err := s.conn.ExecContext(ctx, "START TRANSACTION WITH CONSISTENT SNAPSHOT"); err != nil {
		return fmt.Errorf("snapshot: start consistent snapshot: %w", err)
	}
	rows, err := s.conn.QueryContext(ctx, "SHOW STATUS LIKE 'binlog_snapshot_%'")
	if err != nil {
		return fmt.Errorf("snapshot: read snapshot position: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return fmt.Errorf("snapshot: read snapshot position: %w", err)
		}
		switch k {
		case "Binlog_snapshot_file", "binlog_snapshot_file":
			s.pos.File = v
		case "Binlog_snapshot_position", "binlog_snapshot_position":
			p, err := strconv.ParseUint(v, 10, 32)
			if err != nil {
				return fmt.Errorf("snapshot: bad snapshot position %q", v)
			}
			s.pos.Pos = uint32(p)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("snapshot: read snapshot position: %w", err)
	}
	if s.pos.File == "" {
		return errors.New("snapshot: the server reported no binlog_snapshot_file; is log_bin on?")
	}
	return nil
}

func (s *Snapshot) beginMySQL(ctx context.Context) error {
	if _, err := s.conn.ExecContext(ctx, "FLUSH TABLES WITH READ LOCK"); err != nil {
		return fmt.Errorf("snapshot: FLUSH TABLES WITH READ LOCK (needs the RELOAD privilege): %w", err)
	}
	unlock := func() { _, _ = s.conn.ExecContext(context.Background(), "UNLOCK TABLES") }
	if _, err := s.conn.ExecContext(ctx, "START TRANSACTION WITH CONSISTENT SNAPSHOT"); err != nil {
		unlock()
		return fmt.Errorf("snapshot: start consistent snapshot: %w", err)
	}
	var f, p string
	var skip1, skip2, gtid sql.NullString
	err := s.conn.QueryRowContext(ctx, "SHOW MASTER STATUS").Scan(&f, &p, &skip1, &skip2, &gtid)
	unlock()
	if err != nil {
		return fmt.Errorf("snapshot: read binlog position: %w", err)
	}
	pos, err := strconv.ParseUint(p, 10, 32)
	if err != nil {
		return fmt.Errorf("snapshot: bad binlog position %q", p)
	}
	s.pos = event.Position{File: f, Pos: uint32(pos), GTID: gtid.String}
	return nil
}

// AddTable queues t to be copied; call after Begin, with the definitions
// that hold at the snapshot position. Tables are copied in the order added.
func (s *Snapshot) AddTable(ctx context.Context, t *event.Table) error {
	if !t.Eligible() {
		return fmt.Errorf("snapshot: table %s has no primary or not-null unique key", t.QualifiedName())
	}
	r := newTableReader(t, s.cfg.ChunkRows)
	var est sql.NullInt64
	err := s.conn.QueryRowContext(ctx,
		"SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
		t.Schema, t.Name).Scan(&est)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("snapshot: estimate rows of %s: %w", t.QualifiedName(), err)
	}
	s.total += est.Int64
	s.tables = append(s.tables, r)
	return nil
}

// Progress returns the rows copied so far and the estimated total (from
// table statistics, so it may be below done).
func (s *Snapshot) Progress() (done, estimated int64) {
	if s.total < s.done {
		return s.done, s.done
	}
	return s.done, s.total
}

// Tables returns how many of the queued tables are copied, how many are
// queued, and the qualified name of the table being copied (the next one
// before the first read; "" once every table is copied).
func (s *Snapshot) Tables() (done, total int, current string) {
	if s.cur < len(s.tables) {
		current = s.tables[s.cur].name
	}
	return s.cur, len(s.tables), current
}

// ReadBatch returns the next chunk of rows as inserts, or io.EOF when every
// table is copied. Batches carry the snapshot position but are marked
// Snapshot: the position is only reached once all of them are delivered.
func (s *Snapshot) ReadBatch(ctx context.Context) (*event.Batch, error) {
	for s.cur < len(s.tables) {
		r := s.tables[s.cur]
		rows, err := r.next(ctx, s.conn)
		if err != nil {
			return nil, fmt.Errorf("snapshot: %w", err)
		}
		if len(rows) == 0 {
			s.cfg.Logger.Info("snapshot: table copied", "table", r.name, "rows", r.copied)
			s.cur++
			continue
		}
		for i := range rows {
			rows[i].CommitTs = s.ts
		}
		s.done += int64(len(rows))
		return &event.Batch{Rows: rows, Pos: s.pos, CommitTs: s.ts, CommitTime: event.TSOTime(s.ts), Snapshot: true}, nil
	}
	return nil, io.EOF
}

// Close ends the snapshot transaction.
func (s *Snapshot) Close() error {
	_, _ = s.conn.ExecContext(context.Background(), "COMMIT")
	return s.conn.Close()
}
