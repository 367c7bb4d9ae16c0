package engine

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/meta"
)

// Options configure an Engine.
type Options struct {
	Store meta.Store // required
	// DefaultUpstream is used by changefeeds created without one.
	DefaultUpstream string
	// TimeZone renders TIMESTAMP values ("" = the system zone).
	TimeZone string
	Backoff  Backoff
	// StuckDuration fails a changefeed that cannot make progress for this
	// long (TiCDC's changefeed-error-stuck-duration, default 30m).
	StuckDuration time.Duration
	// StallWarning puts a changefeed in warning when Kafka has not
	// acknowledged a write for this long (default 5s).
	StallWarning       time.Duration
	WatchInterval      time.Duration // default 500ms
	CheckpointInterval time.Duration // default 1s
	// MemoryLimit bounds the bytes of a changefeed in flight (default
	// 32 MiB: on scripts/bench's 1M-row catch-up it keeps the peak RSS near
	// 150 MiB where 64 MiB gave 210-230 MiB, at the same throughput).
	MemoryLimit int64
	// DrainTimeout bounds how long a stopping changefeed keeps writing what
	// it has read (default 10s); the rest is re-read after a restart.
	DrainTimeout time.Duration
	Logger       *slog.Logger
	Now          func() time.Time
}

func (o *Options) withDefaults() {
	if o.Backoff.Initial == 0 {
		o.Backoff = DefaultBackoff()
	}
	if o.StuckDuration == 0 {
		o.StuckDuration = 30 * time.Minute
	}
	if o.StallWarning == 0 {
		o.StallWarning = 5 * time.Second
	}
	if o.WatchInterval == 0 {
		o.WatchInterval = 500 * time.Millisecond
	}
	if o.CheckpointInterval == 0 {
		o.CheckpointInterval = time.Second
	}
	if o.DrainTimeout == 0 {
		o.DrainTimeout = 10 * time.Second
	}
	if o.MemoryLimit == 0 {
		o.MemoryLimit = 32 << 20
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Engine owns the changefeeds of a server.
type Engine struct {
	opts Options

	mu      sync.Mutex
	feeds   map[meta.Key]*feed
	ctx     context.Context // ends at Close
	cancel  context.CancelFunc
	closed  bool
	metrics *Metrics
}

// Metrics returns the engine's Prometheus collector.
func (e *Engine) Metrics() *Metrics { return e.metrics }

// storedStatus is the status blob kept in the metadata store.
type storedStatus struct {
	State       State     `json:"state"`
	LastError   *RunError `json:"last_error,omitempty"`
	LastWarning *RunError `json:"last_warning,omitempty"`
}

// New loads the stored changefeeds and starts the ones that were running.
func New(ctx context.Context, opts Options) (*Engine, error) {
	opts.withDefaults()
	if opts.Store == nil {
		return nil, errors.New("engine: no metadata store")
	}
	e := &Engine{opts: opts, feeds: map[meta.Key]*feed{}}
	e.metrics = newMetrics(e)
	e.ctx, e.cancel = context.WithCancel(context.Background())
	stored, err := opts.Store.ListChangefeeds(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("engine: load changefeeds: %w", err)
	}
	for _, c := range stored {
		var def Definition
		if err := json.Unmarshal(c.Info, &def); err != nil {
			return nil, fmt.Errorf("engine: changefeed %s: stored definition: %w", c.Key, err)
		}
		f := e.newFeed(def)
		if len(c.Status) > 0 {
			var st storedStatus
			if err := json.Unmarshal(c.Status, &st); err == nil {
				f.lc.state, f.lc.lastError, f.lc.lastWarning = st.State, st.LastError, st.LastWarning
			}
		}
		if cp, err := opts.Store.GetCheckpoint(ctx, c.Key); err == nil {
			f.checkpoint, _ = checkpoint.Decode(cp)
		}
		if f.lc.state == StatePending || f.lc.state == StateWarning {
			f.lc.state = StateNormal // a restart is a fresh attempt
		}
		e.feeds[c.Key] = f
		if f.lc.running() {
			e.startLocked(f)
		}
	}
	return e, nil
}

func (e *Engine) newFeed(def Definition) *feed {
	key := meta.Key{Namespace: def.Namespace, ID: def.ID}
	return &feed{
		key: key, def: def,
		log: e.opts.Logger.With("changefeed", key.String()),
		lc:  newLifecycle(e.opts.Backoff, e.opts.StuckDuration),
	}
}

// startLocked starts f's supervisor; e.mu is held.
func (e *Engine) startLocked(f *feed) {
	ctx, cancel := context.WithCancel(e.ctx)
	f.mu.Lock()
	f.cancel, f.done = cancel, make(chan struct{})
	f.mu.Unlock()
	go e.supervise(ctx, f)
}

// stopFeed stops f's supervisor and waits for its run to drain.
func stopFeed(ctx context.Context, f *feed) error {
	f.mu.Lock()
	cancel, done := f.cancel, f.done
	f.cancel = nil
	f.mu.Unlock()
	if cancel == nil {
		return nil
	}
	cancel()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("changefeed %s: did not stop in time: %w", f.key, ctx.Err())
	}
}

// Close stops every changefeed, letting each write its final checkpoint.
func (e *Engine) Close(ctx context.Context) error {
	e.mu.Lock()
	e.closed = true
	feeds := make([]*feed, 0, len(e.feeds))
	for _, f := range e.feeds {
		feeds = append(feeds, f)
	}
	e.mu.Unlock()
	var errs []error
	for _, f := range feeds {
		errs = append(errs, stopFeed(ctx, f))
	}
	e.cancel()
	return errors.Join(errs...)
}

func (e *Engine) saveStatus(f *feed) {
	f.mu.Lock()
	st := storedStatus{State: f.lc.state, LastError: f.lc.lastError, LastWarning: f.lc.lastWarning}
	f.mu.Unlock()
	b, _ := json.Marshal(st)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := e.opts.Store.PutStatus(ctx, f.key, b); err != nil && !errors.Is(err, meta.ErrNotFound) {
		f.log.Warn("save changefeed status", "error", err)
	}
}

func (e *Engine) lookup(ns, id string) (*feed, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	f, ok := e.feeds[meta.Key{Namespace: ns, ID: id}]
	if !ok {
		return nil, &NotFoundError{ID: id}
	}
	return f, nil
}

// Get returns the status of one changefeed.
func (e *Engine) Get(ns, id string) (Status, error) {
	f, err := e.lookup(ns, id)
	if err != nil {
		return Status{}, err
	}
	return f.status(), nil
}

// List returns the changefeeds of namespace ns ("" for all), by ID.
func (e *Engine) List(ns string) []Status {
	e.mu.Lock()
	feeds := make([]*feed, 0, len(e.feeds))
	for k, f := range e.feeds {
		if ns == "" || k.Namespace == ns {
			feeds = append(feeds, f)
		}
	}
	e.mu.Unlock()
	out := make([]Status, 0, len(feeds))
	for _, f := range feeds {
		out = append(out, f.status())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Definition.ID < out[j].Definition.ID })
	return out
}

func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
