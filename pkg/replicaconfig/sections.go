package replicaconfig

// FilterConfig is [filter].
type FilterConfig struct {
	Rules            []string          `toml:"rules" json:"rules,omitempty"`
	IgnoreTxnStartTs []uint64          `toml:"ignore-txn-start-ts" json:"ignore_txn_start_ts,omitempty"`
	EventFilters     []EventFilterRule `toml:"event-filters" json:"event_filters,omitempty"`
}

// EventFilterRule is one [[filter.event-filters]] entry.
type EventFilterRule struct {
	Matcher                  []string `toml:"matcher" json:"matcher"`
	IgnoreEvent              []string `toml:"ignore-event" json:"ignore_event"`
	IgnoreSQL                []string `toml:"ignore-sql" json:"ignore_sql"`
	IgnoreInsertValueExpr    string   `toml:"ignore-insert-value-expr" json:"ignore_insert_value_expr"`
	IgnoreUpdateNewValueExpr string   `toml:"ignore-update-new-value-expr" json:"ignore_update_new_value_expr"`
	IgnoreUpdateOldValueExpr string   `toml:"ignore-update-old-value-expr" json:"ignore_update_old_value_expr"`
	IgnoreDeleteValueExpr    string   `toml:"ignore-delete-value-expr" json:"ignore_delete_value_expr"`
}

// MounterConfig is [mounter].
type MounterConfig struct {
	WorkerNum int `toml:"worker-num" json:"worker_num"`
}

// ConsistentConfig is [consistent] (redo log; TiCDC uses it for DB sinks).
type ConsistentConfig struct {
	Level                 string                 `toml:"level" json:"level,omitempty"`
	MaxLogSize            int64                  `toml:"max-log-size" json:"max_log_size"`
	FlushIntervalInMs     int64                  `toml:"flush-interval" json:"flush_interval"`
	MetaFlushIntervalInMs int64                  `toml:"meta-flush-interval" json:"meta_flush_interval"`
	EncodingWorkerNum     int                    `toml:"encoding-worker-num" json:"encoding_worker_num"`
	FlushWorkerNum        int                    `toml:"flush-worker-num" json:"flush_worker_num"`
	Storage               string                 `toml:"storage" json:"storage,omitempty"`
	UseFileBackend        bool                   `toml:"use-file-backend" json:"use_file_backend"`
	Compression           string                 `toml:"compression" json:"compression,omitempty"`
	FlushConcurrency      int                    `toml:"flush-concurrency" json:"flush_concurrency,omitempty"`
	MemoryUsage           *ConsistentMemoryUsage `toml:"memory-usage" json:"memory_usage"`
}

// ConsistentMemoryUsage is [consistent.memory-usage].
type ConsistentMemoryUsage struct {
	MemoryQuotaPercentage uint64 `toml:"memory-quota-percentage" json:"memory_quota_percentage"`
}

// SchedulerConfig is [scheduler].
type SchedulerConfig struct {
	EnableTableAcrossNodes bool `toml:"enable-table-across-nodes" json:"enable_table_across_nodes"`
	RegionThreshold        int  `toml:"region-threshold" json:"region_threshold"`
	WriteKeyThreshold      int  `toml:"write-key-threshold" json:"write_key_threshold"`
	// RegionPerSpan is the v6.6 name of region-threshold (file only).
	RegionPerSpan int `toml:"region-per-span" json:"-"`
}

// IntegrityConfig is [integrity].
type IntegrityConfig struct {
	IntegrityCheckLevel   string `toml:"integrity-check-level" json:"integrity_check_level"`
	CorruptionHandleLevel string `toml:"corruption-handle-level" json:"corruption_handle_level"`
}

// Enabled reports whether row checksums are checked (level correctness).
func (c IntegrityConfig) Enabled() bool { return c.IntegrityCheckLevel == "correctness" }

// SyncedStatusConfig is [synced-status] (seconds).
type SyncedStatusConfig struct {
	SyncedCheckInterval int64 `toml:"synced-check-interval" json:"synced_check_interval"`
	CheckpointInterval  int64 `toml:"checkpoint-interval" json:"checkpoint_interval"`
}
