package replicaconfig

import "time"

// Defaults TiCDC applies (spec §4).
const (
	DefaultMemoryQuota         = 1 << 30
	DefaultEncoderConcurrency  = 32
	DefaultAdvanceTimeoutInSec = 150
	minSyncPointInterval       = 30 * time.Second
	minSyncPointRetention      = time.Hour
	minErrorStuckDuration      = 30 * time.Minute
)

// ReplicaConfig is a changefeed's configuration: the changefeed.conf TOML
// file (hyphenated keys) and the OpenAPI v2 replica_config object
// (snake_case keys) are two encodings of it. Optional settings are
// pointers; nil means "not set, use the default".
type ReplicaConfig struct {
	MemoryQuota           uint64    `toml:"memory-quota" json:"memory_quota"`
	CaseSensitive         bool      `toml:"case-sensitive" json:"case_sensitive"`
	ForceReplicate        bool      `toml:"force-replicate" json:"force_replicate"`
	IgnoreIneligibleTable bool      `toml:"ignore-ineligible-table" json:"ignore_ineligible_table"`
	CheckGCSafePoint      bool      `toml:"check-gc-safe-point" json:"check_gc_safe_point"`
	EnableSyncPoint       *bool     `toml:"enable-sync-point" json:"enable_sync_point,omitempty"`
	EnableTableMonitor    *bool     `toml:"enable-table-monitor" json:"enable_table_monitor,omitempty"`
	BDRMode               *bool     `toml:"bdr-mode" json:"bdr_mode,omitempty"`
	SyncPointInterval     *Duration `toml:"sync-point-interval" json:"sync_point_interval,omitempty"`
	SyncPointRetention    *Duration `toml:"sync-point-retention" json:"sync_point_retention,omitempty"`

	Filter       FilterConfig       `toml:"filter" json:"filter"`
	Mounter      MounterConfig      `toml:"mounter" json:"mounter"`
	Sink         SinkConfig         `toml:"sink" json:"sink"`
	Consistent   ConsistentConfig   `toml:"consistent" json:"consistent"`
	Scheduler    SchedulerConfig    `toml:"scheduler" json:"scheduler"`
	Integrity    IntegrityConfig    `toml:"integrity" json:"integrity"`
	SyncedStatus SyncedStatusConfig `toml:"synced-status" json:"synced_status"`

	ChangefeedErrorStuckDuration *Duration `toml:"changefeed-error-stuck-duration" json:"changefeed_error_stuck_duration,omitempty"`
	// SQLMode is deprecated since TiCDC v8.0 and ignored.
	SQLMode string `toml:"sql-mode" json:"sql_mode,omitempty"`

	// notes collects what ApplySinkURI overrode, for Warnings.
	notes []string
}

// Default returns TiCDC's default replica configuration.
func Default() *ReplicaConfig {
	f, t := false, true
	return &ReplicaConfig{
		MemoryQuota:        DefaultMemoryQuota,
		CheckGCSafePoint:   true,
		EnableSyncPoint:    &f,
		EnableTableMonitor: ptr(false),
		BDRMode:            ptr(false),
		SyncPointInterval:  durationPtr(10 * time.Minute),
		SyncPointRetention: durationPtr(24 * time.Hour),
		Filter:             FilterConfig{Rules: []string{"*.*"}},
		Mounter:            MounterConfig{WorkerNum: 16},
		Sink: SinkConfig{
			CSVConfig:                        &CSVConfig{Quote: `"`, Delimiter: ",", NullString: `\N`, BinaryEncodingMethod: "base64"},
			EncoderConcurrency:               ptr(DefaultEncoderConcurrency),
			Terminator:                       ptr("\r\n"),
			DateSeparator:                    ptr("day"),
			EnablePartitionSeparator:         &t,
			EnableKafkaSinkV2:                ptr(false),
			OnlyOutputUpdatedColumns:         ptr(false),
			DeleteOnlyOutputHandleKeyColumns: ptr(false),
			ContentCompatible:                ptr(false),
			AdvanceTimeoutInSec:              ptr(uint(DefaultAdvanceTimeoutInSec)),
			SendBootstrapIntervalInSec:       ptr(int64(120)),
			SendBootstrapInMsgCount:          ptr(int32(10000)),
			SendBootstrapToAllPartition:      ptr(true),
			SendAllBootstrapAtStart:          ptr(false),
			DebeziumDisableSchema:            ptr(false),
			OpenProtocol:                     &OutputOldValueConfig{OutputOldValue: true},
			Debezium:                         &OutputOldValueConfig{OutputOldValue: true},
		},
		Consistent: ConsistentConfig{
			Level: "none", MaxLogSize: 64, FlushIntervalInMs: 2000, MetaFlushIntervalInMs: 200,
			EncodingWorkerNum: 16, FlushWorkerNum: 8, MemoryUsage: &ConsistentMemoryUsage{MemoryQuotaPercentage: 50},
		},
		Scheduler:                    SchedulerConfig{RegionThreshold: 100_000},
		Integrity:                    IntegrityConfig{IntegrityCheckLevel: "none", CorruptionHandleLevel: "warn"},
		SyncedStatus:                 SyncedStatusConfig{SyncedCheckInterval: 300, CheckpointInterval: 15},
		ChangefeedErrorStuckDuration: durationPtr(30 * time.Minute),
	}
}

func ptr[T any](v T) *T { return &v }

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func boolOf(p *bool) bool { return p != nil && *p }
