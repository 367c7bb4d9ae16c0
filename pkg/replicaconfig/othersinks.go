package replicaconfig

// The sections below belong to TiCDC's other sinks. cdcctl writes only to
// Kafka but accepts them, so that a TiCDC changefeed.conf decodes as
// strictly here as in TiCDC.

// MySQLConfig is [sink.mysql-config].
type MySQLConfig struct {
	WorkerCount                  *int    `toml:"worker-count" json:"worker_count,omitempty"`
	MaxTxnRow                    *int    `toml:"max-txn-row" json:"max_txn_row,omitempty"`
	MaxMultiUpdateRowSize        *int    `toml:"max-multi-update-row-size" json:"max_multi_update_row_size,omitempty"`
	MaxMultiUpdateRowCount       *int    `toml:"max-multi-update-row" json:"max_multi_update_row_count,omitempty"`
	TiDBTxnMode                  *string `toml:"tidb-txn-mode" json:"tidb_txn_mode,omitempty"`
	SSLCa                        *string `toml:"ssl-ca" json:"ssl_ca,omitempty"`
	SSLCert                      *string `toml:"ssl-cert" json:"ssl_cert,omitempty"`
	SSLKey                       *string `toml:"ssl-key" json:"ssl_key,omitempty"`
	TimeZone                     *string `toml:"time-zone" json:"time_zone,omitempty"`
	WriteTimeout                 *string `toml:"write-timeout" json:"write_timeout,omitempty"`
	ReadTimeout                  *string `toml:"read-timeout" json:"read_timeout,omitempty"`
	Timeout                      *string `toml:"timeout" json:"timeout,omitempty"`
	EnableBatchDML               *bool   `toml:"enable-batch-dml" json:"enable_batch_dml,omitempty"`
	EnableMultiStatement         *bool   `toml:"enable-multi-statement" json:"enable_multi_statement,omitempty"`
	EnableCachePreparedStatement *bool   `toml:"enable-cache-prepared-statement" json:"enable_cache_prepared_statement,omitempty"`
}

// CloudStorageConfig is [sink.cloud-storage-config].
type CloudStorageConfig struct {
	WorkerCount          *int    `toml:"worker-count" json:"worker_count,omitempty"`
	FlushInterval        *string `toml:"flush-interval" json:"flush_interval,omitempty"`
	FileSize             *int    `toml:"file-size" json:"file_size,omitempty"`
	OutputColumnID       *bool   `toml:"output-column-id" json:"output_column_id,omitempty"`
	FileExpirationDays   *int    `toml:"file-expiration-days" json:"file_expiration_days,omitempty"`
	FileCleanupCronSpec  *string `toml:"file-cleanup-cron-spec" json:"file_cleanup_cron_spec,omitempty"`
	FlushConcurrency     *int    `toml:"flush-concurrency" json:"flush_concurrency,omitempty"`
	OutputRawChangeEvent *bool   `toml:"output-raw-change-event" json:"output_raw_change_event,omitempty"`
}

// PulsarConfig is [sink.pulsar-config]. TiCDC's API keeps its keys
// hyphenated.
type PulsarConfig struct {
	TLSKeyFilePath          *string       `toml:"tls-key-file-path" json:"tls-certificate-path,omitempty"`
	TLSCertificateFile      *string       `toml:"tls-certificate-file" json:"tls-private-key-path,omitempty"`
	TLSTrustCertsFilePath   *string       `toml:"tls-trust-certs-file-path" json:"tls-trust-certs-file-path,omitempty"`
	PulsarProducerCacheSize *int32        `toml:"pulsar-producer-cache-size" json:"pulsar-producer-cache-size,omitempty"`
	PulsarVersion           *string       `toml:"pulsar-version" json:"pulsar-version,omitempty"`
	CompressionType         *string       `toml:"compression-type" json:"compression-type,omitempty"`
	AuthenticationToken     *string       `toml:"authentication-token" json:"authentication-token,omitempty"`
	ConnectionTimeout       *int          `toml:"connection-timeout" json:"connection-timeout,omitempty"`
	OperationTimeout        *int          `toml:"operation-timeout" json:"operation-timeout,omitempty"`
	BatchingMaxMessages     *uint         `toml:"batching-max-messages" json:"batching-max-messages,omitempty"`
	BatchingMaxPublishDelay *int          `toml:"batching-max-publish-delay" json:"batching-max-publish-delay,omitempty"`
	SendTimeout             *int          `toml:"send-timeout" json:"send-timeout,omitempty"`
	TokenFromFile           *string       `toml:"token-from-file" json:"token-from-file,omitempty"`
	BasicUserName           *string       `toml:"basic-user-name" json:"basic-user-name,omitempty"`
	BasicPassword           *string       `toml:"basic-password" json:"basic-password,omitempty"`
	AuthTLSCertificatePath  *string       `toml:"auth-tls-certificate-path" json:"auth-tls-certificate-path,omitempty"`
	AuthTLSPrivateKeyPath   *string       `toml:"auth-tls-private-key-path" json:"auth-tls-private-key-path,omitempty"`
	OAuth2                  *PulsarOAuth2 `toml:"oauth2" json:"oauth2,omitempty"`
	OutputRawChangeEvent    *bool         `toml:"output-raw-change-event" json:"output-raw-change-event,omitempty"`
}

// PulsarOAuth2 is [sink.pulsar-config.oauth2].
type PulsarOAuth2 struct {
	OAuth2IssuerURL  string `toml:"oauth2-issuer-url" json:"oauth2-issuer-url,omitempty"`
	OAuth2Audience   string `toml:"oauth2-audience" json:"oauth2-audience,omitempty"`
	OAuth2PrivateKey string `toml:"oauth2-private-key" json:"oauth2-private-key,omitempty"`
	OAuth2ClientID   string `toml:"oauth2-client-id" json:"oauth2-client-id,omitempty"`
	OAuth2Scope      string `toml:"oauth2-scope" json:"oauth2-scope,omitempty"`
}
