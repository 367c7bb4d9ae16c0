package replicaconfig

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// avroConfig is a valid Avro configuration to break one rule at a time.
func avroConfig(t *testing.T, extraTOML, uri string) *ReplicaConfig {
	t.Helper()
	c, err := DecodeTOML([]byte(extraTOML), "cf.toml")
	if err != nil {
		t.Fatal(err)
	}
	c.ApplySinkURI(mustURI(t, uri))
	return c
}

const baseURI = "kafka://h:9092/ticdc-meta?protocol=avro&schema-registry=http%3A%2F%2Fsr%3A8081"

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		toml string
		uri  string
		want string // "" = valid
	}{
		{"guide configuration", "[sink]\ndispatchers = [{matcher=['*.*'], topic='tidb_{schema}_{table}', partition='index-value'}]", baseURI, ""},
		{"registry from file", "[sink]\nschema-registry='https://k:s@sr'", "kafka://h:9092/t?protocol=avro", ""},
		{"protocol from file", "[sink]\nprotocol='avro'\nschema-registry='http://sr'", "kafka://h:9092/t", ""},
		{"canal-json needs no registry", "", "kafka://h:9092/t?protocol=canal-json", ""},
		{"protocol required", "", "kafka://h:9092/t", `sink: parameter "protocol" is required for a Kafka sink`},
		{"unknown protocol in file", "[sink]\nprotocol='protobuf'", "kafka://h:9092/t", `sink: parameter "protocol": unknown protocol "protobuf"`},
		{"table atomicity", "[sink]\ntransaction-atomicity='table'", baseURI, `sink: parameter "transaction-atomicity": "table" level atomicity is not supported`},
		{"encoder concurrency", "[sink]\nencoder-concurrency=-1", baseURI, `sink: parameter "encoder-concurrency": must be >= 0, got -1`},
		{"force-replicate with avro", "force-replicate=true", baseURI, `parameter "force-replicate": must be disabled (false) when using the avro protocol`},
		{"force-replicate fine for canal-json", "force-replicate=true", "kafka://h:9092/t?protocol=canal-json", ""},
		{"avro needs a registry", "", "kafka://h:9092/t?protocol=avro", `sink: Avro protocol requires parameter "schema-registry" or "glue-schema-registry" to specify the schema registry`},
		{"both registries", "[sink.kafka-config.glue-schema-registry-config]\nregistry-name='r'\nregion='us-east-1'", baseURI,
			`sink: schema-registry and glue-schema-registry-config cannot be set at the same time`},
		{"glue alone", "[sink.kafka-config.glue-schema-registry-config]\nregistry-name='r'\nregion='us-east-1'", "kafka://h:9092/t?protocol=avro", ""},
		{"glue needs region", "[sink.kafka-config.glue-schema-registry-config]\nregistry-name='r'", "kafka://h:9092/t?protocol=avro", `sink.kafka-config.glue-schema-registry-config: parameter "region" is required`},
		{"glue key pair", "[sink.kafka-config.glue-schema-registry-config]\nregistry-name='r'\nregion='x'\naccess-key='a'", "kafka://h:9092/t?protocol=avro", `access-key is set, but secret-access-key is empty`},
		{"bad registry url in file", "[sink]\nschema-registry='ftp://sr'", "kafka://h:9092/t?protocol=avro", `sink: parameter "schema-registry": want an http:// or https:// URL`},
		{"decimal mode in file", "[sink.kafka-config.codec-config]\navro-decimal-handling-mode='double'", baseURI, `sink.kafka-config.codec-config: parameter "avro-decimal-handling-mode": value could only be "string" or "precise", got "double"`},
		{"bigint mode in file", "[sink.kafka-config.codec-config]\navro-bigint-unsigned-handling-mode='x'", baseURI, `parameter "avro-bigint-unsigned-handling-mode": value could only be "long" or "string"`},
		{"max-batch-size", "[sink.kafka-config.codec-config]\nmax-batch-size=0", baseURI, `sink.kafka-config.codec-config: parameter "max-batch-size": want a positive integer, got 0`},
		{"checksum prerequisites", "[integrity]\nintegrity-check-level='correctness'", baseURI, `integrity: Avro protocol with row level checksum needs "enable-tidb-extension" true`},
		{"checksum satisfied", "[integrity]\nintegrity-check-level='correctness'\n[sink.kafka-config.codec-config]\nenable-tidb-extension=true\navro-decimal-handling-mode='string'\navro-bigint-unsigned-handling-mode='string'", baseURI, ""},
		{"checksum and column selectors", "[integrity]\nintegrity-check-level='correctness'\n[sink]\ncolumn-selectors=[{matcher=['*.*'], columns=['*']}]", "kafka://h:9092/t?protocol=canal-json", `integrity: integrity check enabled and column selector set, not allowed`},
		{"integrity level", "[integrity]\nintegrity-check-level='full'", baseURI, `integrity: parameter "integrity-check-level": want "none" or "correctness", got "full"`},
		{"corruption level", "[integrity]\ncorruption-handle-level='panic'", baseURI, `integrity: parameter "corruption-handle-level"`},
		{"large message for avro", "[sink.kafka-config.large-message-handle]\nlarge-message-handle-option='claim-check'\nclaim-check-storage-uri='s3://b'", baseURI,
			`sink.kafka-config.large-message-handle: large message handle is set to claim-check, protocol is avro, it's not supported`},
		{"large message none is fine", "[sink.kafka-config.large-message-handle]\nlarge-message-handle-option='none'", baseURI, ""},
		{"large message option value", "[sink.kafka-config.large-message-handle]\nlarge-message-handle-option='drop'", baseURI, `parameter "large-message-handle-option": want "none", "claim-check" or "handle-key-only", got "drop"`},
		{"large message canal-json needs extension", "[sink.kafka-config.large-message-handle]\nlarge-message-handle-option='handle-key-only'", "kafka://h:9092/t?protocol=canal-json", `but enable-tidb-extension is false`},
		{"claim-check needs storage", "[sink.kafka-config.large-message-handle]\nlarge-message-handle-option='claim-check'", "kafka://h:9092/t?protocol=open-protocol", `the claim-check-storage-uri is empty`},
		{"large message compression", "[sink.kafka-config.large-message-handle]\nlarge-message-handle-compression='zstd'", baseURI, `parameter "large-message-handle-compression": want "none", "snappy" or "lz4", got "zstd"`},
		{"delete-only with force-replicate", "force-replicate=true\n[sink]\ndelete-only-output-handle-key-columns=true", "kafka://h:9092/t?protocol=canal-json", `force-replicate must be disabled when "delete-only-output-handle-key-columns" is true`},
		{"avro topic expression", "[sink]\ndispatchers=[{matcher=['*.*'], topic='t_{table}'}]", baseURI, `sink.dispatchers[0]: invalid topic expression "t_{table}": topic rule for Avro must contain {schema} and {table}, in that order`},
		{"non-avro topic expression", "[sink]\ndispatchers=[{matcher=['*.*'], topic='t_{table}'}]", "kafka://h:9092/t?protocol=canal-json", ""},
		{"literal topic with avro", "[sink]\ndispatchers=[{matcher=['*.*'], topic='fixed-topic'}]", baseURI, ""},
		{"dispatcher and partition", "[sink]\ndispatchers=[{matcher=['*.*'], dispatcher='ts', partition='table'}]", baseURI, `sink.dispatchers[0]: dispatcher and partition cannot be configured both (dispatcher "ts", partition "table")`},
		{"dispatcher matcher", "[sink]\ndispatchers=[{matcher=['db'], partition='table'}]", baseURI, `sink.dispatchers[0].matcher[0] "db": wrong table pattern`},
		{"column selector pattern", "[sink]\ncolumn-selectors=[{matcher=['*.*'], columns=['a.b']}]", baseURI, `sink.column-selectors[0].columns[0] "a.b"`},
		{"filter rule", "[filter]\nrules=['*.*', 'db']", baseURI, `filter.rules[1] "db": wrong table pattern`},
		{"event filter type", "[[filter.event-filters]]\nmatcher=['*.*']\nignore-event=['drop tables']", baseURI, `filter.event-filters[0].ignore-event[0]: invalid ignore event type "drop tables"`},
		{"event filter expression", "[[filter.event-filters]]\nmatcher=['*.*']\nignore-insert-value-expr='id >'", baseURI, `filter.event-filters[0].ignore-insert-value-expr "id >": syntax error`},
		{"kafka value in file", "[sink.kafka-config]\nrequired-acks=2", baseURI, `sink.kafka-config: parameter "required-acks": only -1, 0 or 1 are allowed, got 2`},
		{"kafka partition-num in file", "[sink.kafka-config]\npartition-num=0", baseURI, `sink.kafka-config: parameter "partition-num": want a positive integer, got 0`},
		{"tls trio across file and URI", "[sink.kafka-config]\ncert='/c'\nkey='/k'", baseURI + "&ca=/ca", ""},
		{"tls trio incomplete", "[sink.kafka-config]\ncert='/c'", baseURI + "&ca=/ca", `kafka options: ca, cert and key files should all be supplied: "ca", "cert" set but "key" missing`},
		{"sasl from file and URI", "[sink.kafka-config]\nsasl-password='p'", baseURI + "&sasl-mechanism=SCRAM-SHA-512&sasl-user=u", ""},
		{"oauth needs mechanism", "[sink.kafka-config]\nsasl-oauth-client-id='id'\nsasl-oauth-client-secret='c2VjcmV0'\nsasl-oauth-token-url='https://idp'", baseURI, `kafka options: sasl-oauth-* settings need sasl-mechanism OAUTHBEARER`},
		{"oauth empty id", "[sink.kafka-config]\nsasl-oauth-client-id=''", baseURI, `sink.kafka-config: parameter "sasl-oauth-client-id" cannot be empty`},
		{"oauth ok", "[sink.kafka-config]\nsasl-mechanism='OAUTHBEARER'\nsasl-oauth-client-id='id'\nsasl-oauth-client-secret='c2VjcmV0'\nsasl-oauth-token-url='https://idp'", baseURI, ""},
		{"sync point interval", "enable-sync-point=true\nsync-point-interval='10s'", baseURI, `parameter "sync-point-interval": must be at least 30s, got 10s`},
		{"sync point retention", "enable-sync-point=true\nsync-point-retention='30m'", baseURI, `parameter "sync-point-retention": must be at least 1h0m0s, got 30m0s`},
		{"sync point unchecked when off", "sync-point-interval='10s'", baseURI, ""},
		{"stuck duration", "changefeed-error-stuck-duration='10m'", baseURI, `parameter "changefeed-error-stuck-duration": must be at least 30m0s, got 10m0s`},
		{"consistent level", "[consistent]\nlevel='strong'", baseURI, `consistent: parameter "level": want "none" or "eventual", got "strong"`},
		{"consistent storage", "[consistent]\nlevel='eventual'", baseURI, `consistent: parameter "storage": required when level is "eventual"`},
		{"consistent flush interval", "[consistent]\nlevel='eventual'\nstorage='s3://b'\nflush-interval=10", baseURI, `consistent: parameter "flush-interval": must be at least 50 (ms), got 10`},
		{"consistent compression", "[consistent]\nlevel='eventual'\nstorage='s3://b'\ncompression='zstd'", baseURI, `consistent: parameter "compression"`},
		{"scheduler threshold", "[scheduler]\nenable-table-across-nodes=true\nregion-threshold=-1", baseURI, `scheduler: parameter "region-threshold": must be >= 0, got -1`},
		{"simple encoding format", "[sink.kafka-config.codec-config]\nencoding-format='xml'", "kafka://h:9092/t?protocol=simple", `sink.kafka-config.codec-config: parameter "encoding-format": unsupported encoding format "xml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := avroConfig(t, tt.toml, tt.uri)
			before := c.Clone()
			err := c.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate error = %v\nwant %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("multi-line error %q", err)
			}
			if diff := cmp.Diff(before, c, cmpConfig()); diff != "" {
				t.Errorf("a failed Validate changed the config (-before +after):\n%s", diff)
			}
		})
	}
}

func TestValidateAdjusts(t *testing.T) {
	c := avroConfig(t, "memory-quota=0\n[sink]\nadvance-timeout-in-sec=0\ndispatchers=[{matcher=['*.*'], dispatcher='ts'}]\n[sink.kafka-config.large-message-handle]\nlarge-message-handle-option=''", baseURI)
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.MemoryQuota != DefaultMemoryQuota || *c.Sink.AdvanceTimeoutInSec != 150 {
		t.Error("defaults not applied")
	}
	if r := c.Sink.DispatchRules[0]; r.Partition != "ts" || r.Dispatcher != "" {
		t.Errorf("dispatcher not moved to partition: %+v", r)
	}
	if h := c.Sink.KafkaConfig.LargeMessageHandle; h.LargeMessageHandleOption != "none" || h.LargeMessageHandleCompression != "none" {
		t.Errorf("large message handle = %+v", h)
	}
}

func TestValidateErrorsHideSecrets(t *testing.T) {
	const secret = "Sup3rS3cret"
	for _, tt := range []struct{ toml, uri string }{
		{"[sink.kafka-config]\nsasl-password='" + secret + "'\nsasl-mechanism='plain'", baseURI},
		{"[sink]\nschema-registry='ftp://k:" + secret + "@sr'", "kafka://h:9092/t?protocol=avro"},
		{"[sink]\nschema-registry='https://k:" + secret + "/x@sr'", "kafka://h:9092/t?protocol=avro"},
		{"[sink.kafka-config]\nsasl-oauth-client-secret='" + secret + "!'", baseURI},
		{"[sink.kafka-config]\nkafka-client-id='" + secret + "?'", baseURI},
	} {
		c := avroConfig(t, tt.toml, tt.uri)
		err := c.Validate()
		if err == nil {
			t.Errorf("%q: want an error", tt.toml)
			continue
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error leaks the secret: %v", err)
		}
	}
}

func TestWarnings(t *testing.T) {
	c := avroConfig(t, "enable-sync-point=true\n[sink]\nonly-output-updated-columns=true\ndispatchers=[{matcher=['*.*'], partition='hash'}]\n[sink.kafka-config]\ncompression='brotli'\n[sink.kafka-config.codec-config]\navro-enable-watermark=true", baseURI)
	want := []string{
		`kafka options: compression "brotli" is unknown; TiCDC falls back to "none"`,
		`sink.dispatchers[0]: partition "hash" is unknown; TiCDC uses "default" instead`,
		"avro-enable-watermark is ignored: it needs the avro protocol and enable-tidb-extension=true",
		"only-output-updated-columns is ignored by the avro protocol",
		"enable-sync-point is ignored: sync points are written only to database sinks",
	}
	if diff := cmp.Diff(want, c.Warnings()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
