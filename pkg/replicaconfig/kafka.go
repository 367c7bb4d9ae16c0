package replicaconfig

import "github.com/cdcctl/cdcctl/pkg/sinkuri"

// KafkaConfig is [sink.kafka-config]: the sink URI's Kafka parameters
// (same names, see sinkuri.Kafka) plus settings only the file has.
type KafkaConfig struct {
	sinkuri.Kafka
	CodecConfig              *CodecConfig              `toml:"codec-config" json:"codec_config,omitempty"`
	LargeMessageHandle       *LargeMessageHandleConfig `toml:"large-message-handle" json:"large_message_handle,omitempty"`
	GlueSchemaRegistryConfig *GlueSchemaRegistryConfig `toml:"glue-schema-registry-config" json:"glue_schema_registry_config,omitempty"`
	OutputRawChangeEvent     *bool                     `toml:"output-raw-change-event" json:"output_raw_change_event,omitempty"`
}

// CodecConfig is [sink.kafka-config.codec-config].
type CodecConfig struct {
	EnableTiDBExtension            *bool   `toml:"enable-tidb-extension" json:"enable_tidb_extension,omitempty"`
	MaxBatchSize                   *int    `toml:"max-batch-size" json:"max_batch_size,omitempty"`
	AvroEnableWatermark            *bool   `toml:"avro-enable-watermark" json:"avro_enable_watermark,omitempty"`
	AvroDecimalHandlingMode        *string `toml:"avro-decimal-handling-mode" json:"avro_decimal_handling_mode,omitempty"`
	AvroBigintUnsignedHandlingMode *string `toml:"avro-bigint-unsigned-handling-mode" json:"avro_bigint_unsigned_handling_mode,omitempty"`
	EncodingFormat                 *string `toml:"encoding-format" json:"encoding_format,omitempty"`
	// AvroIncludeBeforeValue is from TiCDC's new architecture (spec §1.14).
	AvroIncludeBeforeValue *bool `toml:"avro-include-before-value" json:"avro_include_before_value,omitempty"`
}

// LargeMessageHandleConfig is [sink.kafka-config.large-message-handle].
type LargeMessageHandleConfig struct {
	LargeMessageHandleOption      string `toml:"large-message-handle-option" json:"large_message_handle_option"`
	LargeMessageHandleCompression string `toml:"large-message-handle-compression" json:"large_message_handle_compression"`
	ClaimCheckStorageURI          string `toml:"claim-check-storage-uri" json:"claim_check_storage_uri"`
	ClaimCheckRawValue            bool   `toml:"claim-check-raw-value" json:"claim_check_raw_value"`
}

// GlueSchemaRegistryConfig is [sink.kafka-config.glue-schema-registry-config]
// (AWS Glue; mutually exclusive with schema-registry).
type GlueSchemaRegistryConfig struct {
	RegistryName    string `toml:"registry-name" json:"registry_name"`
	Region          string `toml:"region" json:"region"`
	AccessKey       string `toml:"access-key" json:"access_key,omitempty"`
	SecretAccessKey string `toml:"secret-access-key" json:"secret_access_key,omitempty"`
	Token           string `toml:"token" json:"token,omitempty"`
}

// kafka returns the Kafka section, creating it when absent.
func (s *SinkConfig) kafka() *KafkaConfig {
	if s.KafkaConfig == nil {
		s.KafkaConfig = &KafkaConfig{}
	}
	return s.KafkaConfig
}

// codec returns the codec section, creating it when absent.
func (s *SinkConfig) codec() *CodecConfig {
	k := s.kafka()
	if k.CodecConfig == nil {
		k.CodecConfig = &CodecConfig{}
	}
	return k.CodecConfig
}
