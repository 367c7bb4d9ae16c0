package engine

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/filter"
	"github.com/cdcctl/cdcctl/pkg/meta"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
	"github.com/cdcctl/cdcctl/pkg/source/snapshot"
)

// startPlan is where a run begins and with which table definitions.
type startPlan struct {
	point   checkpoint.Point
	tracker *schema.Tracker
	snap    *snapshot.Snapshot // non-nil: copy existing rows first
	flavor  string
	// fromCheckpoint says the plan resumes a stored checkpoint.
	fromCheckpoint bool
}

// planStart decides where a run starts: at the stored checkpoint (with the
// schema history stored with it), else at the definition's start position,
// else after an initial snapshot, else at the current end of the binlog.
func planStart(ctx context.Context, r *resolved, db *sql.DB, store meta.Store, flt *filter.Filter, log *slog.Logger) (*startPlan, error) {
	info, err := binlog.Inspect(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("upstream %s: %w", r.upstream, err)
	}
	if err := checkBinlog(info); err != nil {
		return nil, err
	}
	plan := &startPlan{flavor: info.Flavor}
	key := meta.Key{Namespace: r.def.Namespace, ID: r.def.ID}
	cp, err := store.GetCheckpoint(ctx, key)
	switch {
	case err == nil:
		if plan.point, err = checkpoint.Decode(cp); err != nil {
			return nil, fmt.Errorf("stored checkpoint: %w", err)
		}
		plan.tracker = schema.NewTracker()
		if err := json.Unmarshal(cp.SchemaHistory, plan.tracker); err != nil {
			return nil, fmt.Errorf("stored schema history: %w", err)
		}
		plan.fromCheckpoint = true
		log.Info("resuming from checkpoint", "position", plan.point.Pos.String(), "commit_ts", plan.point.CommitTs)
		return plan, nil
	case !errors.Is(err, meta.ErrNotFound):
		return nil, fmt.Errorf("read checkpoint: %w", err)
	}
	switch {
	case !r.def.StartPosition.IsZero():
		plan.point = checkpoint.Point{Pos: r.def.StartPosition}
	case r.def.Snapshot == SnapshotInitial:
		snap, pos, err := snapshot.Begin(ctx, snapshot.Config{DB: db, Flavor: info.Flavor, Logger: log})
		if err != nil {
			return nil, err
		}
		plan.snap = snap
		plan.point = checkpoint.Point{Pos: pos, CommitTs: event.ComposeTS(time.Now().UnixMilli(), 0)}
	default:
		if info.PositionError != "" {
			return nil, fmt.Errorf("read the upstream's binlog position: %s", info.PositionError)
		}
		plan.point = checkpoint.Point{Pos: info.Position, CommitTs: event.ComposeTS(time.Now().UnixMilli(), 0)}
	}
	tables, err := loadCaptured(ctx, db, flt, log)
	if err != nil {
		if plan.snap != nil {
			_ = plan.snap.Close()
		}
		return nil, err
	}
	plan.tracker = schema.NewTracker(tables...)
	if plan.snap != nil {
		for _, t := range tables {
			if !t.Eligible() {
				continue
			}
			if err := plan.snap.AddTable(ctx, t); err != nil {
				_ = plan.snap.Close()
				return nil, err
			}
		}
	}
	return plan, nil
}

// loadCaptured reads the definitions of the tables the filter captures.
// Tables without a usable key are returned too (the binlog source must
// know them to skip their rows: TiCDC's ignore-ineligible-table), with a
// warning naming them; the snapshot leaves them out.
func loadCaptured(ctx context.Context, db *sql.DB, flt *filter.Filter, log *slog.Logger) ([]*event.Table, error) {
	all, err := schema.LoadTables(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("load table definitions: %w", err)
	}
	var out []*event.Table
	var skipped []string
	for _, t := range all {
		if !flt.MatchTable(t.Schema, t.Name) {
			continue
		}
		if !t.Eligible() {
			skipped = append(skipped, t.QualifiedName())
		}
		out = append(out, t)
	}
	if len(skipped) > 0 {
		log.Warn("skipping tables without a primary key or NOT NULL unique key", "tables", skipped)
	}
	return out, nil
}

// serverIDFor derives a stable replica server_id for a changefeed.
func serverIDFor(namespace, id string) uint32 {
	return 1_000_000 + crc32.ChecksumIEEE([]byte(namespace+"/"+id))%1_000_000_000
}

// SnapshotProgress is how far a run's initial copy is. RowsCopied counts
// the rows read from the snapshot; RowsEstimated comes from the tables'
// statistics.
type SnapshotProgress struct {
	Done                    bool
	TablesTotal, TablesDone int
	CurrentTable            string // "" once done
	RowsCopied              int64
	RowsEstimated           int64
}

// chainedSource reads the snapshot (if any), sends the end-of-snapshot
// marker, then streams the binlog from the snapshot's position.
// It is read by one goroutine; progress may be read from any.
type chainedSource struct {
	snap   *snapshot.Snapshot
	point  checkpoint.Point
	open   func(ctx context.Context) (*binlog.Source, error)
	stream *binlog.Source

	progress atomic.Pointer[SnapshotProgress] // nil without a snapshot
	live     atomic.Pointer[binlog.Source]    // stream, for readers on other goroutines
}

// newChainedSource returns a source that copies snap first when it is
// not nil, publishing the copy's progress from the start.
func newChainedSource(snap *snapshot.Snapshot, point checkpoint.Point, open func(ctx context.Context) (*binlog.Source, error)) *chainedSource {
	c := &chainedSource{snap: snap, point: point, open: open}
	if snap != nil {
		c.publish(false)
	}
	return c
}

// publish stores the snapshot's progress (one value per batch of rows).
func (c *chainedSource) publish(done bool) {
	p := &SnapshotProgress{Done: done}
	p.RowsCopied, p.RowsEstimated = c.snap.Progress()
	p.TablesDone, p.TablesTotal, p.CurrentTable = c.snap.Tables()
	c.progress.Store(p)
}

func (c *chainedSource) ReadBatch(ctx context.Context) (*event.Batch, error) {
	if c.snap != nil {
		b, err := c.snap.ReadBatch(ctx)
		c.publish(errors.Is(err, io.EOF))
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, io.EOF) {
			return nil, err
		}
		_ = c.snap.Close()
		c.snap = nil
		return &event.Batch{Pos: c.point.Pos, CommitTs: c.point.CommitTs}, nil
	}
	if c.stream == nil {
		s, err := c.open(ctx)
		if err != nil {
			return nil, err
		}
		c.stream = s
		c.live.Store(s)
	}
	return c.stream.ReadBatch(ctx)
}

// idle reports the binlog stream's last idle heartbeat; false while the
// snapshot is copied or before the first heartbeat.
func (c *chainedSource) idle() (binlog.IdlePoint, bool) {
	if c == nil {
		return binlog.IdlePoint{}, false
	}
	if s := c.live.Load(); s != nil {
		return s.Idle()
	}
	return binlog.IdlePoint{}, false
}

func (c *chainedSource) close() {
	if c.snap != nil {
		_ = c.snap.Close()
	}
	if c.stream != nil {
		c.stream.Close()
	}
}

// snapshotProgress reports the copy's progress (the last published: the
// final one once done); nil when the run copies nothing.
func (c *chainedSource) snapshotProgress() *SnapshotProgress {
	if c == nil {
		return nil
	}
	return c.progress.Load()
}

// checkBinlog fails (for good: retrying cannot help) when the upstream's
// binlog cannot feed a capture, naming the setting and the fix.
func checkBinlog(info binlog.ServerInfo) error {
	switch {
	case !info.LogBin:
		return inputErr(CodeUpstream, fmt.Errorf("upstream: log_bin is OFF; start the server with --log-bin and a --server-id"))
	case info.BinlogFormat != "ROW":
		return inputErr(CodeUpstream, fmt.Errorf("upstream: binlog_format is %s; set binlog_format=ROW", info.BinlogFormat))
	case info.BinlogRowImage != "FULL":
		return inputErr(CodeUpstream, fmt.Errorf("upstream: binlog_row_image is %s; set binlog_row_image=FULL", info.BinlogRowImage))
	}
	return nil
}
