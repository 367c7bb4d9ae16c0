// Package server answers TiCDC's OpenAPI v2 for changefeeds (spec ticdc.md
// §5.3–5.5) over an Engine. Every route is listed in one table (routes),
// as TiCDC lists them in RegisterOpenAPIV2Routes; handlers decode and
// check the request, call the engine and write TiCDC's JSON, mapping
// errors to TiCDC's status codes and {"error_msg","error_code"} bodies.
//
// The server applies TiCDC's presentation rules itself, so an engine
// returns plain facts: secrets are masked in every answer (sink URI,
// replica configuration, upstream DSN), checkpoint_time is derived from
// the checkpoint TSO in the server's zone, errors are hidden in states
// that do not show them, and lists are sorted by ID.
package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
)

// Engine is what the server needs from the changefeed engine. Every method
// honours ctx. Errors should be (or wrap) *api.Error so that the answer
// carries TiCDC's code and status; any other error answers 500 with code
// CDC:ErrInternalServerError. Answers are returned unmasked: the server
// masks them.
type Engine interface {
	// Create creates and starts a changefeed. The server has already
	// defaulted and checked the namespace and ID (an empty ID gets a
	// UUID), checked that sink_uri is set and that target_ts follows
	// start_ts when both are set, and set ReplicaConfig (TiCDC's default
	// when the body had none). An existing ID is api.ErrAlreadyExists; a
	// bad sink URI or configuration is CodeSinkURIInvalid,
	// CodeSinkInvalidConfig or CodeAPIInvalidParam.
	Create(ctx context.Context, cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error)
	// List returns the changefeeds of namespace whose state matches the
	// filter (api.State.MatchesFilter: "" the live ones, "all" all).
	List(ctx context.Context, namespace, state string) ([]api.ChangefeedCommonInfo, error)
	// Get returns one changefeed, or api.ErrNotExists.
	Get(ctx context.Context, id api.ChangefeedID) (*api.ChangeFeedInfo, error)
	// Update changes target_ts, sink_uri, replica_config and the upstream
	// of a stopped or failed changefeed (zero values keep the current
	// ones). The server refuses other states before calling, but the
	// engine must refuse them too (api.ErrUpdateRunning) under its own
	// lock.
	Update(ctx context.Context, id api.ChangefeedID, cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error)
	// Remove stops and deletes a changefeed, returning once the removal
	// is durable; api.ErrNotExists when there is none (the API answers
	// 200 anyway, as TiCDC does).
	Remove(ctx context.Context, id api.ChangefeedID) error
	// Pause stops a changefeed (state stopped).
	Pause(ctx context.Context, id api.ChangefeedID) error
	// Resume starts a stopped, failed or finished changefeed; a non-zero
	// overwriteCheckpointTs replaces its checkpoint.
	Resume(ctx context.Context, id api.ChangefeedID, overwriteCheckpointTs uint64) error
	// Status returns the state and checkpoint of a changefeed.
	Status(ctx context.Context, id api.ChangefeedID) (*api.ChangefeedStatus, error)
	// ServerStatus describes this server.
	ServerStatus(ctx context.Context) (*api.ServerStatus, error)
	// Captures lists the servers (captures) of the cluster.
	Captures(ctx context.Context) ([]api.Capture, error)
	// Health returns nil when the server is healthy, else an error such
	// as api.ErrClusterUnhealthy.
	Health(ctx context.Context) error
}

// Options configure the server. The zero value serves without auth, always
// ready, in the local zone, without /metrics, logging nothing.
type Options struct {
	// Token, when set, is required as "Authorization: Bearer <token>" on
	// every mutating call (create, update, remove, pause, resume); a
	// missing or wrong token answers 401 in TiCDC's error shape.
	Token string
	// Ready reports whether the server may answer /api/v2 yet; false
	// answers 503 CDC:ErrServerIsNotReady. Nil means always ready.
	Ready func() bool
	// Metrics, when set, is served at GET /metrics.
	Metrics http.Handler
	// Location is the zone of checkpoint_time (TiCDC uses the server's
	// local zone); nil means time.Local.
	Location *time.Location
	// Logger logs one line per request (method, path, status, duration;
	// never bodies). Nil discards.
	Logger *slog.Logger
}

// maxBodyBytes bounds request bodies; changefeed configs are small.
const maxBodyBytes = 1 << 20

type server struct {
	engine Engine
	opts   Options
	log    *slog.Logger
}

// New returns the HTTP handler of the API over engine.
func New(engine Engine, opts Options) http.Handler {
	s := &server{engine: engine, opts: opts, log: opts.Logger}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.opts.Location == nil {
		s.opts.Location = time.Local
	}
	mux := http.NewServeMux()
	for _, r := range s.routes() {
		h := r.handler
		if r.mutating {
			h = s.authenticate(h)
		}
		if r.api {
			h = s.checkReady(h)
		}
		mux.Handle(r.pattern, h)
	}
	return s.logRequests(mux)
}

// route is one entry of the route table.
type route struct {
	pattern  string
	handler  http.HandlerFunc
	api      bool // under /api/v2: subject to the readiness check
	mutating bool // needs the token when one is configured
}

// routes is the whole API, in one place.
func (s *server) routes() []route {
	const cf = "/api/v2/changefeeds"
	rs := []route{
		{pattern: "GET /api/v2/health", handler: s.health, api: true},
		{pattern: "GET /api/v2/status", handler: s.serverStatus, api: true},
		{pattern: "GET /api/v2/captures", handler: s.captures, api: true},

		{pattern: "POST " + cf, handler: s.createChangefeed, api: true, mutating: true},
		{pattern: "GET " + cf, handler: s.listChangefeeds, api: true},
		{pattern: "GET " + cf + "/{id}", handler: s.getChangefeed, api: true},
		{pattern: "PUT " + cf + "/{id}", handler: s.updateChangefeed, api: true, mutating: true},
		{pattern: "DELETE " + cf + "/{id}", handler: s.removeChangefeed, api: true, mutating: true},
		{pattern: "POST " + cf + "/{id}/pause", handler: s.pauseChangefeed, api: true, mutating: true},
		{pattern: "POST " + cf + "/{id}/resume", handler: s.resumeChangefeed, api: true, mutating: true},
		{pattern: "GET " + cf + "/{id}/status", handler: s.changefeedStatus, api: true},
	}
	if s.opts.Metrics != nil {
		rs = append(rs, route{pattern: "GET /metrics", handler: s.opts.Metrics.ServeHTTP})
	}
	return rs
}
