package checkpoint

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/cdcctl/cdcctl/pkg/meta"
)

// DefaultInterval is how often a Persister writes a moved checkpoint.
const DefaultInterval = time.Second

// Saver is the part of meta.Store a Persister writes to.
type Saver interface {
	PutCheckpoint(ctx context.Context, key meta.Key, cp meta.Checkpoint) error
}

// PersisterOptions configure StartPersister.
type PersisterOptions struct {
	Store Saver    // required
	Key   meta.Key // the changefeed whose checkpoint is written
	// Interval between writes; DefaultInterval when zero.
	Interval time.Duration
	// History returns the schema-history blob to store with p, the state
	// that decodes every row after p. Nil stores no history.
	History func(ctx context.Context, p Point) ([]byte, error)
	// Logger receives write failures of the periodic loop; nil discards.
	Logger *slog.Logger
}

// Persister periodically writes a Tracker's resolved position to the
// metadata store. Its goroutine stops when the context given to
// StartPersister ends or Close is called; Close writes once more.
type Persister struct {
	t    *Tracker
	opts PersisterOptions

	mu        sync.Mutex // serialises writes and guards persisted
	persisted Point

	stop chan struct{}
	done chan struct{}
	once sync.Once
}

// StartPersister starts the periodic writer. start is the position
// already stored (the one the changefeed resumed from), so it is not
// written again.
func StartPersister(ctx context.Context, t *Tracker, start Point, opts PersisterOptions) *Persister {
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	p := &Persister{t: t, opts: opts, persisted: start, stop: make(chan struct{}), done: make(chan struct{})}
	go p.loop(ctx)
	return p
}

func (p *Persister) loop(ctx context.Context) {
	defer close(p.done)
	tick := time.NewTicker(p.opts.Interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.stop:
			return
		case <-tick.C:
			if err := p.Flush(ctx); err != nil && ctx.Err() == nil {
				// The next tick retries: the persisted point did not move.
				p.opts.Logger.Warn("checkpoint write failed", "changefeed", p.opts.Key.String(), "err", err)
			}
		}
	}
}

// Flush writes the tracker's resolved position now if it moved since the
// last successful write.
func (p *Persister) Flush(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	point := p.t.Resolved()
	if point == p.persisted {
		return nil
	}
	cp, err := p.encode(ctx, point)
	if err != nil {
		return err
	}
	if err := p.opts.Store.PutCheckpoint(ctx, p.opts.Key, cp); err != nil {
		return fmt.Errorf("persist checkpoint %s of changefeed %s: %w", point.Pos, p.opts.Key, err)
	}
	p.persisted = point
	return nil
}

func (p *Persister) encode(ctx context.Context, point Point) (meta.Checkpoint, error) {
	pos, err := json.Marshal(point.Pos)
	if err != nil {
		return meta.Checkpoint{}, fmt.Errorf("encode checkpoint %s: %w", point.Pos, err)
	}
	cp := meta.Checkpoint{Position: pos, CommitTs: point.CommitTs}
	if p.opts.History != nil {
		if cp.SchemaHistory, err = p.opts.History(ctx, point); err != nil {
			return meta.Checkpoint{}, fmt.Errorf("schema history at checkpoint %s: %w", point.Pos, err)
		}
	}
	return cp, nil
}

// Persisted returns the last position written (or given as start).
func (p *Persister) Persisted() Point {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.persisted
}

// Close stops the periodic writer, waits for it, and writes the resolved
// position one last time with ctx.
func (p *Persister) Close(ctx context.Context) error {
	p.once.Do(func() { close(p.stop) })
	select {
	case <-p.done:
	case <-ctx.Done():
		return ctx.Err()
	}
	return p.Flush(ctx)
}

// Decode turns a stored checkpoint back into a Point.
func Decode(cp meta.Checkpoint) (Point, error) {
	var point Point
	if err := json.Unmarshal(cp.Position, &point.Pos); err != nil {
		return Point{}, fmt.Errorf("decode checkpoint position %q: %w", cp.Position, err)
	}
	point.CommitTs = cp.CommitTs
	return point, nil
}
