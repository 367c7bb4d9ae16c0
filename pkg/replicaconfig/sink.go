package replicaconfig

// SinkConfig is [sink].
type SinkConfig struct {
	Protocol           *string          `toml:"protocol" json:"protocol,omitempty"`
	SchemaRegistry     *string          `toml:"schema-registry" json:"schema_registry,omitempty"`
	CSVConfig          *CSVConfig       `toml:"csv" json:"csv,omitempty"`
	DispatchRules      []DispatchRule   `toml:"dispatchers" json:"dispatchers,omitempty"`
	ColumnSelectors    []ColumnSelector `toml:"column-selectors" json:"column_selectors,omitempty"`
	TxnAtomicity       *string          `toml:"transaction-atomicity" json:"transaction_atomicity,omitempty"`
	EncoderConcurrency *int             `toml:"encoder-concurrency" json:"encoder_concurrency,omitempty"`

	Terminator               *string `toml:"terminator" json:"terminator,omitempty"`
	DateSeparator            *string `toml:"date-separator" json:"date_separator,omitempty"`
	EnablePartitionSeparator *bool   `toml:"enable-partition-separator" json:"enable_partition_separator,omitempty"`
	FileIndexWidth           *int    `toml:"file-index-digit" json:"file_index_width,omitempty"`

	EnableKafkaSinkV2                *bool `toml:"enable-kafka-sink-v2" json:"enable_kafka_sink_v2,omitempty"`
	OnlyOutputUpdatedColumns         *bool `toml:"only-output-updated-columns" json:"only_output_updated_columns,omitempty"`
	DeleteOnlyOutputHandleKeyColumns *bool `toml:"delete-only-output-handle-key-columns" json:"delete_only_output_handle_key_columns"`
	ContentCompatible                *bool `toml:"content-compatible" json:"content_compatible"`
	SafeMode                         *bool `toml:"safe-mode" json:"safe_mode,omitempty"`

	KafkaConfig        *KafkaConfig        `toml:"kafka-config" json:"kafka_config,omitempty"`
	PulsarConfig       *PulsarConfig       `toml:"pulsar-config" json:"pulsar_config,omitempty"`
	MySQLConfig        *MySQLConfig        `toml:"mysql-config" json:"mysql_config,omitempty"`
	CloudStorageConfig *CloudStorageConfig `toml:"cloud-storage-config" json:"cloud_storage_config,omitempty"`

	AdvanceTimeoutInSec         *uint  `toml:"advance-timeout-in-sec" json:"advance_timeout,omitempty"`
	SendBootstrapIntervalInSec  *int64 `toml:"send-bootstrap-interval-in-sec" json:"send_bootstrap_interval_in_sec,omitempty"`
	SendBootstrapInMsgCount     *int32 `toml:"send-bootstrap-in-msg-count" json:"send_bootstrap_in_msg_count,omitempty"`
	SendBootstrapToAllPartition *bool  `toml:"send-bootstrap-to-all-partition" json:"send_bootstrap_to_all_partition,omitempty"`
	// TiCDC's API spells this one JSON key with hyphens.
	SendAllBootstrapAtStart *bool `toml:"send-all-bootstrap-at-start" json:"send-all-bootstrap-at-start,omitempty"`
	DebeziumDisableSchema   *bool `toml:"debezium-disable-schema" json:"debezium_disable_schema,omitempty"`

	Debezium     *OutputOldValueConfig `toml:"debezium" json:"debezium,omitempty"`
	OpenProtocol *OutputOldValueConfig `toml:"open" json:"open,omitempty"`
}

// DispatchRule is one [sink] dispatchers entry (spec §3).
type DispatchRule struct {
	Matcher []string `toml:"matcher" json:"matcher,omitempty"`
	// Dispatcher is the old name of Partition (file only); Validate moves
	// it to Partition.
	Dispatcher string   `toml:"dispatcher" json:"-"`
	Partition  string   `toml:"partition" json:"partition,omitempty"`
	Index      string   `toml:"index" json:"index,omitempty"`
	Columns    []string `toml:"columns" json:"columns,omitempty"`
	Topic      string   `toml:"topic" json:"topic,omitempty"`
}

// ColumnSelector is one [sink] column-selectors entry (spec §3.5).
type ColumnSelector struct {
	Matcher []string `toml:"matcher" json:"matcher,omitempty"`
	Columns []string `toml:"columns" json:"columns,omitempty"`
}

// CSVConfig is [sink.csv] (storage sinks).
type CSVConfig struct {
	Delimiter            string `toml:"delimiter" json:"delimiter"`
	Quote                string `toml:"quote" json:"quote"`
	NullString           string `toml:"null" json:"null"`
	IncludeCommitTs      bool   `toml:"include-commit-ts" json:"include_commit_ts"`
	BinaryEncodingMethod string `toml:"binary-encoding-method" json:"binary_encoding_method"`
	OutputOldValue       bool   `toml:"output-old-value" json:"output_old_value"`
	OutputHandleKey      bool   `toml:"output-handle-key" json:"output_handle_key"`
	OutputFieldHeader    bool   `toml:"output-field-header" json:"output_field_header"`
}

// OutputOldValueConfig is [sink.open] and [sink.debezium].
type OutputOldValueConfig struct {
	OutputOldValue bool `toml:"output-old-value" json:"output_old_value"`
}
