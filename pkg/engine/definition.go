package engine

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
	"github.com/cdcctl/cdcctl/pkg/sinkuri"
	"github.com/cdcctl/cdcctl/pkg/upstream"
)

// Snapshot modes of a new changefeed without a start position.
const (
	SnapshotInitial = "initial" // copy existing rows, then stream (default)
	SnapshotNever   = "never"   // stream from the current end of the binlog
)

// Definition is a changefeed as the engine stores it. It holds secrets
// (sink URI, upstream DSN) in the clear: the metadata store lives in the
// server's private data directory; everything shown to people is masked.
type Definition struct {
	Namespace string `json:"namespace"`
	ID        string `json:"id"`
	SinkURI   string `json:"sink_uri"`
	// Config is the resolved replica config (URI applied, validated), as
	// the OpenAPI's replica_config JSON.
	Config   json.RawMessage `json:"config"`
	Upstream string          `json:"upstream"`
	// StartPosition, when set, is where streaming starts (no snapshot).
	StartPosition event.Position `json:"start_position,omitempty"`
	Snapshot      string         `json:"snapshot"`
	TargetTs      uint64         `json:"target_ts,omitempty"`
	TimeZone      string         `json:"tz,omitempty"`
	// ServerID is the server_id the binlog reader presents upstream.
	ServerID   uint32    `json:"server_id"`
	CreateTime time.Time `json:"create_time"`
}

// resolved is a definition with its parts parsed.
type resolved struct {
	def      Definition
	uri      *sinkuri.URI
	cfg      *replicaconfig.ReplicaConfig
	upstream upstream.Upstream
	loc      *time.Location
}

// resolve parses and checks every part of d; errors are *InputError.
func (d Definition) resolve() (*resolved, error) {
	if !api.ValidID(d.ID) {
		return nil, inputErr(CodeInvalidID, fmt.Errorf("invalid changefeed id %q: it must match ^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$ and be at most %d characters", d.ID, api.MaxIDLength))
	}
	if !api.ValidID(d.Namespace) {
		return nil, inputErr(CodeInvalidID, fmt.Errorf("invalid namespace %q", d.Namespace))
	}
	uri, err := sinkuri.Parse(d.SinkURI)
	if err != nil {
		return nil, inputErr(CodeSinkURIInvalid, err)
	}
	cfg := replicaconfig.Default()
	if len(d.Config) > 0 {
		if cfg, err = replicaconfig.DecodeJSON(d.Config); err != nil {
			return nil, inputErr(CodeInvalidConfig, err)
		}
	}
	cfg.ApplySinkURI(uri)
	if err := cfg.Validate(); err != nil {
		return nil, inputErr(CodeInvalidConfig, err)
	}
	if !cfg.IsAvro() {
		return nil, inputErr(CodeInvalidConfig, fmt.Errorf("protocol %q: cdcctl's engine writes the avro protocol; use protocol=avro", cfg.Protocol()))
	}
	if d.Upstream == "" {
		return nil, inputErr(CodeInvalidConfig, fmt.Errorf("no upstream: give the changefeed an upstream DSN or start the server with --upstream"))
	}
	up, err := upstream.Parse(d.Upstream)
	if err != nil {
		return nil, inputErr(CodeUpstream, err)
	}
	switch d.Snapshot {
	case SnapshotInitial, SnapshotNever:
	default:
		return nil, inputErr(CodeInvalidConfig, fmt.Errorf("snapshot: want %q or %q, got %q", SnapshotInitial, SnapshotNever, d.Snapshot))
	}
	loc := time.Local
	if d.TimeZone != "" {
		if loc, err = time.LoadLocation(d.TimeZone); err != nil {
			return nil, inputErr(CodeInvalidConfig, fmt.Errorf("time zone %q: %w", d.TimeZone, err))
		}
	}
	return &resolved{def: d, uri: uri, cfg: cfg, upstream: up, loc: loc}, nil
}
