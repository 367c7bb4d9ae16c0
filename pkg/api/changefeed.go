package api

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

// PDConfig is TiCDC's upstream PD connection, embedded in several request
// bodies. cdcctl servers ignore it; it is kept so requests to TiCDC carry it.
type PDConfig struct {
	PDAddrs       []string `json:"pd_addrs,omitempty"`
	CAPath        string   `json:"ca_path"`
	CertPath      string   `json:"cert_path"`
	KeyPath       string   `json:"key_path"`
	CertAllowedCN []string `json:"cert_allowed_cn,omitempty"`
}

// ChangefeedConfig is the body of POST /changefeeds (create) and PUT
// /changefeeds/{id} (update; only target_ts, sink_uri, replica_config and
// the extensions count there, zero values meaning "keep").
type ChangefeedConfig struct {
	Namespace     string                       `json:"namespace"`
	ID            string                       `json:"changefeed_id"`
	StartTs       uint64                       `json:"start_ts"`
	TargetTs      uint64                       `json:"target_ts"`
	SinkURI       string                       `json:"sink_uri"`
	ReplicaConfig *replicaconfig.ReplicaConfig `json:"replica_config"`
	PDConfig

	// cdcctl extensions (MySQL-family upstreams); TiCDC ignores them.

	// Upstream is the upstream DSN (mysql://user:password@host:port). It
	// carries a secret: never print it, print MaskDSN of it.
	Upstream string `json:"upstream,omitempty"`
	// StartPosition is where streaming starts: a GTID set or file:pos
	// (see CheckStartPosition); "" lets the server choose.
	StartPosition string `json:"start_position,omitempty"`
	// Snapshot says whether existing rows are copied first ("" lets the
	// server choose: initial without a start position, never with one).
	Snapshot SnapshotMode `json:"snapshot,omitempty"`
}

// UnmarshalJSON decodes c as TiCDC's server does: a replica_config in the
// body is decoded over the default configuration (omitted fields keep
// their defaults; durations may be nanoseconds or Go duration strings).
// An absent or null replica_config leaves ReplicaConfig nil.
func (c *ChangefeedConfig) UnmarshalJSON(b []byte) error {
	type plain ChangefeedConfig
	var aux struct {
		plain
		ReplicaConfig json.RawMessage `json:"replica_config"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*c = ChangefeedConfig(aux.plain)
	c.ReplicaConfig = nil
	if len(aux.ReplicaConfig) > 0 && string(aux.ReplicaConfig) != "null" {
		rc, err := replicaconfig.DecodeJSON(aux.ReplicaConfig)
		if err != nil {
			return fmt.Errorf("replica_config: %w", err)
		}
		c.ReplicaConfig = rc
	}
	return nil
}

// ResumeChangefeedConfig is the body of POST /changefeeds/{id}/resume
// (required; {} is fine). OverwriteCheckpointTs 0 keeps the checkpoint.
type ResumeChangefeedConfig struct {
	PDConfig
	OverwriteCheckpointTs uint64 `json:"overwrite_checkpoint_ts"`
}

// AdminJobType is TiCDC's last admin job: 0 none, 1 stop, 2 resume,
// 3 remove, 4 finish.
type AdminJobType int

// RunningError is an error or warning of a changefeed. Time is omitted in
// GET /changefeeds/{id} and present in the list and status answers.
type RunningError struct {
	Time    *time.Time `json:"time,omitempty"`
	Addr    string     `json:"addr"`
	Code    string     `json:"code"`
	Message string     `json:"message"`
}

// CaptureTaskStatus lists the tables a capture replicates.
type CaptureTaskStatus struct {
	CaptureID string  `json:"capture_id"`
	Tables    []int64 `json:"table_ids,omitempty"`
}

// ChangeFeedInfo is a changefeed in detail: the answer of GET, POST and PUT
// on /changefeeds[/{id}]. Keys are in TiCDC's order; sink_uri, config and
// upstream are masked by the server (see Masked).
type ChangeFeedInfo struct {
	UpstreamID     uint64                       `json:"upstream_id,omitempty"`
	Namespace      string                       `json:"namespace,omitempty"`
	ID             string                       `json:"id,omitempty"`
	SinkURI        string                       `json:"sink_uri,omitempty"`
	CreateTime     time.Time                    `json:"create_time"`
	StartTs        uint64                       `json:"start_ts,omitempty"`
	TargetTs       uint64                       `json:"target_ts,omitempty"`
	AdminJobType   AdminJobType                 `json:"admin_job_type,omitempty"`
	Config         *replicaconfig.ReplicaConfig `json:"config,omitempty"`
	State          State                        `json:"state,omitempty"`
	Error          *RunningError                `json:"error,omitempty"`
	CreatorVersion string                       `json:"creator_version,omitempty"`
	ResolvedTs     uint64                       `json:"resolved_ts"`
	CheckpointTs   uint64                       `json:"checkpoint_ts"`
	CheckpointTime JSONTime                     `json:"checkpoint_time"`
	TaskStatus     []CaptureTaskStatus          `json:"task_status,omitempty"`

	Extensions
}

// ChangefeedID returns the changefeed's namespace and ID.
func (i *ChangeFeedInfo) ChangefeedID() ChangefeedID {
	return ChangefeedID{Namespace: i.Namespace, ID: i.ID}
}

// ChangefeedCommonInfo is one item of GET /changefeeds.
type ChangefeedCommonInfo struct {
	UpstreamID     uint64        `json:"upstream_id"`
	Namespace      string        `json:"namespace"`
	ID             string        `json:"id"`
	State          State         `json:"state"`
	CheckpointTSO  uint64        `json:"checkpoint_tso"`
	CheckpointTime JSONTime      `json:"checkpoint_time"`
	Error          *RunningError `json:"error"`

	// CheckpointPosition is the binlog position of the checkpoint (cdcctl).
	CheckpointPosition string `json:"checkpoint_position,omitempty"`
	// RowsPerSecond is the recent throughput (cdcctl); nil from TiCDC.
	RowsPerSecond *float64 `json:"rows_per_second,omitempty"`
}

// MarshalJSON writes the state as the list shows it (pending as warning,
// uninitialised as normal), as TiCDC does.
func (c ChangefeedCommonInfo) MarshalJSON() ([]byte, error) {
	type plain ChangefeedCommonInfo
	c.State = c.State.Listed()
	return json.Marshal(plain(c))
}

// ChangefeedStatus is the answer of GET /changefeeds/{id}/status. Errors
// appear only when newer than the checkpoint.
type ChangefeedStatus struct {
	State        State         `json:"state,omitempty"`
	ResolvedTs   uint64        `json:"resolved_ts"`
	CheckpointTs uint64        `json:"checkpoint_ts"`
	LastError    *RunningError `json:"last_error,omitempty"`
	LastWarning  *RunningError `json:"last_warning,omitempty"`

	// CheckpointPosition is the binlog position of the checkpoint (cdcctl).
	CheckpointPosition string `json:"checkpoint_position,omitempty"`
	// SnapshotProgress is the progress of the initial copy (cdcctl).
	SnapshotProgress *SnapshotProgress `json:"snapshot_progress,omitempty"`
}

// ListResponse is the answer of every list API.
type ListResponse[T any] struct {
	Total int `json:"total"`
	Items []T `json:"items"`
}

// EmptyResponse is the {} answer of pause, resume, remove and health.
type EmptyResponse struct{}
