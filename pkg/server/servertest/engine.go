// Package servertest provides an in-memory server.Engine that follows
// TiCDC's changefeed lifecycle, for tests of the API server, the client
// and the changefeed commands (as net/http/httptest serves handlers).
package servertest

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/server"
	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

var _ server.Engine = (*Engine)(nil)

// Engine is an in-memory changefeed engine. Its zero value is not usable;
// call NewEngine. It is safe for concurrent use.
type Engine struct {
	// Now is the engine's clock (create time, default start-ts).
	Now func() time.Time
	// Unhealthy makes Health fail with api.ErrClusterUnhealthy.
	Unhealthy bool
	// FailWith, when set, is returned by every changefeed call.
	FailWith error

	mu    sync.Mutex
	feeds map[api.ChangefeedID]*api.ChangeFeedInfo
}

// NewEngine returns an empty engine whose clock is time.Now.
func NewEngine() *Engine {
	return &Engine{Now: time.Now, feeds: map[api.ChangefeedID]*api.ChangeFeedInfo{}}
}

// Put stores info as is (unmasked), replacing any changefeed of the same
// ID; tests seed states with it.
func (e *Engine) Put(info api.ChangeFeedInfo) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.feeds[info.ChangefeedID()] = &info
}

// Info returns the stored changefeed (unmasked) and whether it exists.
func (e *Engine) Info(id api.ChangefeedID) (api.ChangeFeedInfo, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	info, ok := e.feeds[id]
	if !ok {
		return api.ChangeFeedInfo{}, false
	}
	return *info, true
}

func (e *Engine) lookup(id api.ChangefeedID) (*api.ChangeFeedInfo, error) {
	if e.FailWith != nil {
		return nil, e.FailWith
	}
	info, ok := e.feeds[id]
	if !ok {
		return nil, api.ErrNotExists(id)
	}
	return info, nil
}

func tso(t time.Time) uint64 { return uint64(t.UnixMilli()) << 18 }

// Create implements server.Engine: it checks the sink URI, refuses a taken
// ID and starts the changefeed at start_ts (now when 0).
func (e *Engine) Create(_ context.Context, cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.FailWith != nil {
		return nil, e.FailWith
	}
	id := api.ChangefeedID{Namespace: cfg.Namespace, ID: cfg.ID}
	if _, ok := e.feeds[id]; ok {
		return nil, api.ErrAlreadyExists(id)
	}
	if _, err := sinkuri.Parse(cfg.SinkURI); err != nil {
		return nil, api.ErrSinkURIInvalid(err.Error())
	}
	now := e.Now()
	start := cfg.StartTs
	if start == 0 {
		start = tso(now)
	}
	if cfg.TargetTs != 0 && cfg.TargetTs <= start {
		return nil, api.ErrTargetTsBeforeStartTs(cfg.TargetTs, start)
	}
	info := &api.ChangeFeedInfo{
		UpstreamID: 1, Namespace: id.Namespace, ID: id.ID, SinkURI: cfg.SinkURI, CreateTime: now,
		StartTs: start, TargetTs: cfg.TargetTs, Config: cfg.ReplicaConfig, State: api.StateNormal,
		CreatorVersion: "cdcctl-servertest", ResolvedTs: start, CheckpointTs: start,
		Extensions: api.Extensions{Upstream: cfg.Upstream, StartPosition: cfg.StartPosition, Snapshot: cfg.Snapshot},
	}
	e.feeds[id] = info
	c := *info
	return &c, nil
}

// List implements server.Engine.
func (e *Engine) List(_ context.Context, namespace, state string) ([]api.ChangefeedCommonInfo, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.FailWith != nil {
		return nil, e.FailWith
	}
	var out []api.ChangefeedCommonInfo
	for id, info := range e.feeds {
		if id.Namespace != namespace || !info.State.MatchesFilter(state) {
			continue
		}
		out = append(out, api.ChangefeedCommonInfo{
			UpstreamID: info.UpstreamID, Namespace: id.Namespace, ID: id.ID, State: info.State,
			CheckpointTSO: info.CheckpointTs, Error: info.Error,
			CheckpointPosition: info.CheckpointPosition, RowsPerSecond: info.RowsPerSecond,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Get implements server.Engine.
func (e *Engine) Get(_ context.Context, id api.ChangefeedID) (*api.ChangeFeedInfo, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	info, err := e.lookup(id)
	if err != nil {
		return nil, err
	}
	c := *info
	return &c, nil
}

// Update implements server.Engine: only stopped or failed changefeeds
// change.
func (e *Engine) Update(_ context.Context, id api.ChangefeedID, cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	info, err := e.lookup(id)
	if err != nil {
		return nil, err
	}
	if !info.State.Updatable() {
		return nil, api.ErrUpdateRunning()
	}
	if cfg.SinkURI != "" {
		if _, err := sinkuri.Parse(cfg.SinkURI); err != nil {
			return nil, api.ErrUpdateRefused(api.ErrSinkURIInvalid(err.Error()).Error())
		}
		info.SinkURI = cfg.SinkURI
	}
	if cfg.TargetTs != 0 {
		info.TargetTs = cfg.TargetTs
	}
	if cfg.ReplicaConfig != nil {
		info.Config = cfg.ReplicaConfig
	}
	if cfg.Upstream != "" {
		info.Upstream = cfg.Upstream
	}
	c := *info
	return &c, nil
}

// Remove implements server.Engine.
func (e *Engine) Remove(_ context.Context, id api.ChangefeedID) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, err := e.lookup(id); err != nil {
		return err
	}
	delete(e.feeds, id)
	return nil
}

// Pause implements server.Engine.
func (e *Engine) Pause(_ context.Context, id api.ChangefeedID) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	info, err := e.lookup(id)
	if err != nil {
		return err
	}
	info.State, info.AdminJobType = api.StateStopped, 1
	return nil
}

// Resume implements server.Engine.
func (e *Engine) Resume(_ context.Context, id api.ChangefeedID, overwriteCheckpointTs uint64) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	info, err := e.lookup(id)
	if err != nil {
		return err
	}
	if overwriteCheckpointTs != 0 {
		info.CheckpointTs, info.ResolvedTs = overwriteCheckpointTs, overwriteCheckpointTs
	}
	info.State, info.AdminJobType, info.Error = api.StateNormal, 2, nil
	return nil
}

// Status implements server.Engine.
func (e *Engine) Status(_ context.Context, id api.ChangefeedID) (*api.ChangefeedStatus, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	info, err := e.lookup(id)
	if err != nil {
		return nil, err
	}
	return &api.ChangefeedStatus{State: info.State, ResolvedTs: info.ResolvedTs, CheckpointTs: info.CheckpointTs,
		LastError: info.Error, CheckpointPosition: info.CheckpointPosition, SnapshotProgress: info.SnapshotProgress}, nil
}

// ServerStatus implements server.Engine.
func (e *Engine) ServerStatus(context.Context) (*api.ServerStatus, error) {
	return &api.ServerStatus{Version: "v0.0.0-test", GitHash: "test", ID: "capture-1", ClusterID: "default", Pid: 1, IsOwner: true}, nil
}

// Captures implements server.Engine.
func (e *Engine) Captures(context.Context) ([]api.Capture, error) {
	return []api.Capture{{ID: "capture-1", IsOwner: true, AdvertiseAddr: "127.0.0.1:8300", ClusterID: "default"}}, nil
}

// Health implements server.Engine.
func (e *Engine) Health(context.Context) error {
	if e.Unhealthy {
		return api.ErrClusterUnhealthy()
	}
	return nil
}
