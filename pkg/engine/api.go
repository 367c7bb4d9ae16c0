package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/filter"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
	"github.com/cdcctl/cdcctl/pkg/upstream"
	"github.com/cdcctl/cdcctl/pkg/version"
)

// API serves the engine through TiCDC's OpenAPI v2 types (it implements
// pkg/server's Engine interface). It masks what it returns, though the
// server masks again; error texts (API errors and the changefeeds'
// errors and warnings), which the server cannot mask, are scrubbed of the
// changefeed's secrets here. Errors carry TiCDC's codes; their HTTP status
// follows from the code as in TiCDC (400 for the bad-request codes, 503
// for not ready, else 500).
type API struct {
	Engine *Engine
	// CaptureID and Addr describe this server in /status and /captures.
	CaptureID string
	Addr      string
}

func (a *API) loc() *time.Location {
	if a.Engine.opts.TimeZone != "" {
		if l, err := time.LoadLocation(a.Engine.opts.TimeZone); err == nil {
			return l
		}
	}
	return time.Local
}

// Create implements server.Engine.
func (a *API) Create(ctx context.Context, cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error) {
	if cfg.StartTs != 0 {
		return nil, api.ErrInvalidParam("start_ts is a TiDB TSO; a MySQL upstream starts at a binlog position: use start_position (file:pos or a GTID set)")
	}
	def := Definition{Namespace: cfg.Namespace, ID: cfg.ID, SinkURI: cfg.SinkURI, Upstream: cfg.Upstream,
		Snapshot: string(cfg.Snapshot), TargetTs: cfg.TargetTs}
	if cfg.ReplicaConfig != nil {
		b, err := json.Marshal(cfg.ReplicaConfig)
		if err != nil {
			return nil, api.ErrInvalidParam("replica_config: %v", err)
		}
		def.Config = b
	}
	if cfg.StartPosition != "" {
		pos, err := ParsePosition(cfg.StartPosition)
		if err != nil {
			return nil, api.ErrInvalidParam("start_position: %v", err)
		}
		def.StartPosition = pos
		if def.Snapshot == "" {
			def.Snapshot = SnapshotNever
		}
	}
	st, err := a.Engine.Create(ctx, def)
	if err != nil {
		secrets := append(secretsOf(cfg.SinkURI, cfg.Upstream, cfg.ReplicaConfig), secretsOf("", a.Engine.opts.DefaultUpstream, nil)...)
		return nil, toAPIError(api.ChangefeedID{Namespace: cfg.Namespace, ID: cfg.ID}, err, secrets)
	}
	return a.info(st), nil
}

// ParsePosition reads "file:pos" or a GTID set.
func ParsePosition(s string) (event.Position, error) {
	if err := api.CheckStartPosition(s); err != nil {
		return event.Position{}, err
	}
	if file, pos, ok := strings.Cut(s, ":"); ok && !strings.Contains(file, "-") {
		n, err := strconv.ParseUint(pos, 10, 32)
		if err != nil {
			return event.Position{}, fmt.Errorf("bad position in %q", s)
		}
		return event.Position{File: file, Pos: uint32(n)}, nil
	}
	return event.Position{GTID: s}, nil
}

// List implements server.Engine.
func (a *API) List(_ context.Context, namespace, state string) ([]api.ChangefeedCommonInfo, error) {
	out := []api.ChangefeedCommonInfo{}
	for _, st := range a.Engine.List(namespace) {
		s := api.State(st.State)
		if !s.MatchesFilter(state) {
			continue
		}
		ci := api.ChangefeedCommonInfo{Namespace: st.Definition.Namespace, ID: st.Definition.ID, State: s,
			CheckpointTSO: st.Checkpoint.CommitTs, CheckpointTime: api.CheckpointTime(st.Checkpoint.CommitTs, a.loc()),
			CheckpointPosition: positionText(st.Checkpoint.Pos), RowsPerSecond: rowsPerSecond(st)}
		if s.ShowsError() {
			ci.Error = a.runningError(st.LastError, st.Definition)
		}
		out = append(out, ci)
	}
	return out, nil
}

// Get implements server.Engine.
func (a *API) Get(_ context.Context, id api.ChangefeedID) (*api.ChangeFeedInfo, error) {
	st, err := a.Engine.Get(id.Namespace, id.ID)
	if err != nil {
		return nil, toAPIError(id, err, nil)
	}
	return a.info(st), nil
}

// Update implements server.Engine.
func (a *API) Update(ctx context.Context, id api.ChangefeedID, cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error) {
	var rcJSON []byte
	if cfg.ReplicaConfig != nil {
		b, err := json.Marshal(cfg.ReplicaConfig)
		if err != nil {
			return nil, api.ErrInvalidParam("replica_config: %v", err)
		}
		rcJSON = b
	}
	st, err := a.Engine.Update(ctx, id.Namespace, id.ID, func(d *Definition) {
		if cfg.SinkURI != "" {
			d.SinkURI = cfg.SinkURI
		}
		if rcJSON != nil {
			d.Config = rcJSON
		}
		if cfg.TargetTs != 0 {
			d.TargetTs = cfg.TargetTs
		}
		if cfg.Upstream != "" {
			d.Upstream = cfg.Upstream
		}
	})
	if err != nil {
		return nil, a.fail(id, err, secretsOf(cfg.SinkURI, cfg.Upstream, cfg.ReplicaConfig)...)
	}
	return a.info(st), nil
}

// Remove implements server.Engine.
func (a *API) Remove(ctx context.Context, id api.ChangefeedID) error {
	if _, err := a.Engine.Get(id.Namespace, id.ID); err != nil {
		return toAPIError(id, err, nil)
	}
	return a.fail(id, a.Engine.Remove(ctx, id.Namespace, id.ID))
}

// Pause implements server.Engine.
func (a *API) Pause(ctx context.Context, id api.ChangefeedID) error {
	return a.fail(id, a.Engine.Pause(ctx, id.Namespace, id.ID))
}

// Resume implements server.Engine. A MySQL upstream's checkpoint is a
// binlog position, so a checkpoint TSO cannot replace it: that is a bad
// parameter (after the changefeed is known to exist, as in TiCDC).
func (a *API) Resume(ctx context.Context, id api.ChangefeedID, overwriteCheckpointTs uint64) error {
	if overwriteCheckpointTs != 0 {
		if _, err := a.Engine.Get(id.Namespace, id.ID); err != nil {
			return toAPIError(id, err, nil)
		}
		return api.ErrInvalidParam("overwrite_checkpoint_ts %d: a MySQL upstream's checkpoint is a binlog position, not a TSO; "+
			"create a new changefeed with start_position instead", overwriteCheckpointTs)
	}
	return a.fail(id, a.Engine.Resume(ctx, id.Namespace, id.ID, 0))
}

// Status implements server.Engine.
func (a *API) Status(_ context.Context, id api.ChangefeedID) (*api.ChangefeedStatus, error) {
	st, err := a.Engine.Get(id.Namespace, id.ID)
	if err != nil {
		return nil, toAPIError(id, err, nil)
	}
	return &api.ChangefeedStatus{State: api.State(st.State), ResolvedTs: st.Checkpoint.CommitTs, CheckpointTs: st.Checkpoint.CommitTs,
		LastError: a.runningError(st.LastError, st.Definition), LastWarning: a.runningError(st.LastWarning, st.Definition),
		CheckpointPosition: positionText(st.Checkpoint.Pos), SnapshotProgress: snapshotProgress(st)}, nil
}

// ServerStatus implements server.Engine.
func (a *API) ServerStatus(context.Context) (*api.ServerStatus, error) {
	v := version.Get()
	return &api.ServerStatus{Version: v.Version, GitHash: v.Commit, ID: a.CaptureID, ClusterID: "default",
		Pid: os.Getpid(), IsOwner: true, Liveness: api.LivenessAlive}, nil
}

// Captures implements server.Engine.
func (a *API) Captures(context.Context) ([]api.Capture, error) {
	return []api.Capture{{ID: a.CaptureID, IsOwner: true, AdvertiseAddr: a.Addr, ClusterID: "default"}}, nil
}

// Health implements server.Engine.
func (a *API) Health(context.Context) error {
	a.Engine.mu.Lock()
	closed := a.Engine.closed
	a.Engine.mu.Unlock()
	if closed {
		return api.ErrServerNotReady()
	}
	return nil
}

func (a *API) info(st Status) *api.ChangeFeedInfo {
	d := st.Definition
	info := &api.ChangeFeedInfo{Namespace: d.Namespace, ID: d.ID, SinkURI: api.MaskSinkURI(d.SinkURI),
		CreateTime: d.CreateTime, TargetTs: d.TargetTs, State: api.State(st.State), CreatorVersion: version.Get().Version,
		ResolvedTs: st.Checkpoint.CommitTs, CheckpointTs: st.Checkpoint.CommitTs,
		CheckpointTime: api.CheckpointTime(st.Checkpoint.CommitTs, a.loc())}
	if rc, err := replicaconfig.DecodeJSON(d.Config); err == nil {
		info.Config = rc.Masked()
	}
	if info.State.ShowsError() {
		info.Error = a.runningError(st.LastError, d)
	}
	info.Extensions = api.Extensions{Upstream: upstream.Mask(d.Upstream), Snapshot: api.SnapshotMode(d.Snapshot),
		StartPosition: positionText(d.StartPosition), CheckpointPosition: positionText(st.Checkpoint.Pos),
		SnapshotProgress: snapshotProgress(st), RowsPerSecond: rowsPerSecond(st), Tables: tableCounts(st.Tables)}
	return info
}

func tableCounts(m map[string][4]int64) []api.TableCount {
	out := make([]api.TableCount, 0, len(m))
	for name, n := range m {
		db, table, _ := strings.Cut(name, ".")
		out = append(out, api.TableCount{Schema: db, Table: table, Inserts: uint64(n[0]), Updates: uint64(n[1]), Deletes: uint64(n[2]),
			SnapshotRows: uint64(n[3])})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Schema != out[j].Schema {
			return out[i].Schema < out[j].Schema
		}
		return out[i].Table < out[j].Table
	})
	return out
}

func positionText(p event.Position) string {
	if p.IsZero() {
		return ""
	}
	if p.File == "" {
		return p.GTID
	}
	return fmt.Sprintf("%s:%d", p.File, p.Pos)
}

// rowsPerSecond is st's rate rounded to a tenth, as the CLI shows it.
func rowsPerSecond(st Status) *float64 {
	if st.RowsPerSecond == nil {
		return nil
	}
	r := math.Round(*st.RowsPerSecond*10) / 10
	return &r
}

func snapshotProgress(st Status) *api.SnapshotProgress {
	p := st.Snapshot
	if p == nil {
		return nil
	}
	state := "running"
	if p.Done {
		state = "done"
	}
	return &api.SnapshotProgress{State: state, TablesTotal: p.TablesTotal, TablesDone: p.TablesDone,
		RowsCopied: uint64(p.RowsCopied), CurrentTable: p.CurrentTable}
}

// runningError is e as the API shows it, scrubbed of d's secrets.
func (a *API) runningError(e *RunError, d Definition) *api.RunningError {
	if e == nil {
		return nil
	}
	t := e.Time
	return &api.RunningError{Time: &t, Addr: a.Addr, Code: e.Code, Message: scrub(e.Message, definitionSecrets(d))}
}

// fail maps err for changefeed id, scrubbing the stored definition's
// secrets and extra ones (those of an update's request) from its text.
func (a *API) fail(id api.ChangefeedID, err error, extra ...string) error {
	if err == nil {
		return nil
	}
	secrets := extra
	if st, gerr := a.Engine.Get(id.Namespace, id.ID); gerr == nil {
		secrets = append(secrets, definitionSecrets(st.Definition)...)
	}
	return toAPIError(id, err, secrets)
}

// toAPIError maps engine errors to TiCDC's error codes, with secrets
// scrubbed from the message. The HTTP status follows from the code.
func toAPIError(id api.ChangefeedID, err error, secrets []string) error {
	if err == nil {
		return nil
	}
	var (
		nf    *NotFoundError
		input *InputError
	)
	switch {
	case errors.As(err, &nf):
		return api.ErrNotExists(id)
	case errors.As(err, &input):
		code := api.Code(input.Code)
		var pattern *filter.PatternError
		if errors.As(err, &pattern) {
			return &api.Error{Code: api.CodeFilterRuleInvalid, Message: scrub(input.Error(), secrets)}
		}
		switch input.Code {
		case CodeAlreadyExists:
			return api.ErrAlreadyExists(id)
		case CodeUpdateRefused:
			return api.ErrUpdateRunning()
		case CodeInvalidID:
			code = api.CodeAPIInvalidParam
		case CodeSinkURIInvalid:
			code = api.CodeSinkURIInvalid
		case CodeUpstream:
			code = api.CodeMySQLInvalidConfig
		case CodeInvalidConfig, CodeRegistry, CodeKafka:
			code = api.CodeSinkInvalidConfig
		case CodeServerNotRunning:
			code = api.CodeServerIsNotReady
		}
		return &api.Error{Code: code, Message: scrub(input.Error(), secrets)}
	}
	return &api.Error{Code: api.CodeInternalServerError, Message: scrub(err.Error(), secrets)}
}
