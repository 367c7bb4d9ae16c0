package engine

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cdcctl/cdcctl/pkg/meta"
	"github.com/cdcctl/cdcctl/pkg/upstream"
)

// Create validates def, checks that the upstream, the registry and Kafka
// are reachable and fit, stores the changefeed and starts it. Empty fields
// get defaults: namespace "default", a random ID, the server's upstream
// and time zone, an initial snapshot unless a start position is given.
func (e *Engine) Create(ctx context.Context, def Definition) (Status, error) {
	if def.Namespace == "" {
		def.Namespace = "default"
	}
	if def.ID == "" {
		def.ID = newID()
	}
	if def.Upstream == "" {
		def.Upstream = e.opts.DefaultUpstream
	}
	if def.TimeZone == "" {
		def.TimeZone = e.opts.TimeZone
	}
	if def.Snapshot == "" {
		def.Snapshot = SnapshotInitial
	}
	if def.ServerID == 0 {
		def.ServerID = serverIDFor(def.Namespace, def.ID)
	}
	def.CreateTime = e.opts.Now().UTC()
	r, err := def.resolve()
	if err != nil {
		return Status{}, err
	}
	key := meta.Key{Namespace: def.Namespace, ID: def.ID}
	if _, err := e.lookup(def.Namespace, def.ID); err == nil {
		return Status{}, inputErr(CodeAlreadyExists, fmt.Errorf("changefeed %s already exists", def.ID))
	}
	if err := e.verify(ctx, r); err != nil {
		return Status{}, err
	}
	if def.Config, err = json.Marshal(r.cfg); err != nil {
		return Status{}, fmt.Errorf("encode replica config: %w", err)
	}
	info, err := json.Marshal(def)
	if err != nil {
		return Status{}, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return Status{}, inputErr(CodeServerNotRunning, errors.New("the server is shutting down"))
	}
	if err := e.opts.Store.CreateChangefeed(ctx, key, info); err != nil {
		if errors.Is(err, meta.ErrExists) {
			return Status{}, inputErr(CodeAlreadyExists, fmt.Errorf("changefeed %s already exists", def.ID))
		}
		return Status{}, fmt.Errorf("store changefeed %s: %w", def.ID, err)
	}
	f := e.newFeed(def)
	e.feeds[key] = f
	e.startLocked(f)
	f.log.Info("changefeed created", "upstream", r.upstream.String())
	return f.status(), nil
}

// verify checks, before anything is stored, that the changefeed can run:
// the upstream's binlog settings, the registry probe, and the default
// topic. Each failure names the part and why.
func (e *Engine) verify(ctx context.Context, r *resolved) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	db, err := sql.Open("mysql", r.upstream.DriverDSN())
	if err != nil {
		return inputErr(CodeUpstream, fmt.Errorf("upstream %s: %w", r.upstream, err))
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return inputErr(CodeUpstream, fmt.Errorf("cannot reach upstream %s: %w", r.upstream, err))
	}
	report, err := upstream.Run(ctx, db, nil)
	if err != nil {
		return inputErr(CodeUpstream, fmt.Errorf("check upstream %s: %w", r.upstream, err))
	}
	if report.Blocked() {
		return inputErr(CodeUpstream, fmt.Errorf("upstream %s cannot be captured: %s", r.upstream, strings.Join(report.Problems(upstream.Blocker), "; ")))
	}
	parts, err := buildSink(r, e.opts.Logger)
	if err != nil {
		return err
	}
	defer parts.close(context.Background())
	if err := parts.registry.Probe(ctx); err != nil {
		return inputErr(CodeRegistry, err)
	}
	if _, err := parts.producer.EnsureTopic(ctx, r.uri.Topic); err != nil {
		return inputErr(CodeKafka, fmt.Errorf("default topic %q: %w", r.uri.Topic, err))
	}
	return nil
}

// Pause stops a changefeed; its checkpoint stays.
func (e *Engine) Pause(ctx context.Context, ns, id string) error {
	f, err := e.lookup(ns, id)
	if err != nil {
		return err
	}
	if err := stopFeed(ctx, f); err != nil {
		return err
	}
	f.mu.Lock()
	f.lc.pause()
	f.mu.Unlock()
	e.saveStatus(f)
	return nil
}

// Resume restarts a stopped, failed or finished changefeed from its
// checkpoint. A running one is left alone.
func (e *Engine) Resume(ctx context.Context, ns, id string, overwriteCheckpointTs uint64) error {
	f, err := e.lookup(ns, id)
	if err != nil {
		return err
	}
	if overwriteCheckpointTs != 0 {
		return inputErr(CodeInvalidConfig, errors.New("overwrite-checkpoint-ts is not supported for a MySQL upstream: its checkpoint is a binlog position; create a new changefeed with --start-position instead"))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	f.mu.Lock()
	running := f.cancel != nil
	if !running {
		f.lc.resume()
	}
	f.mu.Unlock()
	if running {
		return nil
	}
	e.saveStatus(f)
	e.startLocked(f)
	return nil
}

// Update replaces the changeable parts of a stopped or failed changefeed
// (sink URI, replica config, target ts); change gets the current definition
// and edits it.
func (e *Engine) Update(ctx context.Context, ns, id string, change func(*Definition)) (Status, error) {
	f, err := e.lookup(ns, id)
	if err != nil {
		return Status{}, err
	}
	f.mu.Lock()
	state, def := f.lc.state, f.def
	f.mu.Unlock()
	if state != StateStopped && state != StateFailed {
		return Status{}, inputErr(CodeUpdateRefused, errors.New("changefeed update error: can only update changefeed config when it is stopped or failed"))
	}
	keep := def
	change(&def)
	def.Namespace, def.ID, def.CreateTime, def.ServerID = keep.Namespace, keep.ID, keep.CreateTime, keep.ServerID
	r, err := def.resolve()
	if err != nil {
		return Status{}, err
	}
	if def.Config, err = json.Marshal(r.cfg); err != nil {
		return Status{}, err
	}
	info, err := json.Marshal(def)
	if err != nil {
		return Status{}, err
	}
	if err := e.opts.Store.PutChangefeed(ctx, f.key, info); err != nil {
		return Status{}, fmt.Errorf("store changefeed %s: %w", id, err)
	}
	f.mu.Lock()
	f.def = def
	f.mu.Unlock()
	return f.status(), nil
}

// Remove stops and deletes a changefeed with its checkpoint. Removing one
// that does not exist succeeds, as in TiCDC.
func (e *Engine) Remove(ctx context.Context, ns, id string) error {
	f, err := e.lookup(ns, id)
	if err != nil {
		return nil
	}
	if err := stopFeed(ctx, f); err != nil {
		return err
	}
	if err := e.opts.Store.DeleteChangefeed(ctx, f.key); err != nil && !errors.Is(err, meta.ErrNotFound) {
		return fmt.Errorf("delete changefeed %s: %w", id, err)
	}
	e.mu.Lock()
	delete(e.feeds, f.key)
	e.mu.Unlock()
	return nil
}
