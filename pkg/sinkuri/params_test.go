package sinkuri

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// parseQ parses a URI with the given query on a fixed base.
func parseQ(q string) (*URI, error) { return Parse("kafka://h1:9092/cdc?" + q) }

func TestParseParameters(t *testing.T) {
	tests := []struct {
		name string
		q    string
		get  func(u *URI) any
		want any
	}{
		{"partition-num", "partition-num=6", func(u *URI) any { return *u.Kafka.PartitionNum }, int32(6)},
		{"replication-factor", "replication-factor=3", func(u *URI) any { return *u.Kafka.ReplicationFactor }, int16(3)},
		{"kafka-version", "kafka-version=2.4.0", func(u *URI) any { return *u.Kafka.KafkaVersion }, "2.4.0"},
		{"kafka-version pre 1.0", "kafka-version=0.11.0.2", func(u *URI) any { return *u.Kafka.KafkaVersion }, "0.11.0.2"},
		{"max-message-bytes", "max-message-bytes=1048576", func(u *URI) any { return *u.Kafka.MaxMessageBytes }, 1048576},
		{"max-retry", "max-retry=3", func(u *URI) any { return *u.Kafka.MaxRetry }, 3},
		{"max-retry negative accepted", "max-retry=-1", func(u *URI) any { return *u.Kafka.MaxRetry }, -1},
		{"compression", "compression=LZ4", func(u *URI) any { return *u.Kafka.Compression }, "LZ4"},
		{"kafka-client-id", "kafka-client-id=cdc_1.a-b", func(u *URI) any { return *u.Kafka.KafkaClientID }, "cdc_1.a-b"},
		{"auto-create-topic", "auto-create-topic=false", func(u *URI) any { return *u.Kafka.AutoCreateTopic }, false},
		{"auto-create-topic 1", "auto-create-topic=1", func(u *URI) any { return *u.Kafka.AutoCreateTopic }, true},
		{"dial-timeout", "dial-timeout=5s", func(u *URI) any { return *u.Kafka.DialTimeout }, "5s"},
		{"write-timeout", "write-timeout=1m", func(u *URI) any { return *u.Kafka.WriteTimeout }, "1m"},
		{"read-timeout", "read-timeout=500ms", func(u *URI) any { return *u.Kafka.ReadTimeout }, "500ms"},
		{"required-acks -1", "required-acks=-1", func(u *URI) any { return *u.Kafka.RequiredAcks }, -1},
		{"required-acks 0", "required-acks=0", func(u *URI) any { return *u.Kafka.RequiredAcks }, 0},
		{"required-acks 1", "required-acks=1", func(u *URI) any { return *u.Kafka.RequiredAcks }, 1},
		{"sasl-user", "sasl-user=ticdc", func(u *URI) any { return *u.Kafka.SASLUser }, "ticdc"},
		{"sasl-password decoded", "sasl-password=a%2Bb%26c", func(u *URI) any { return *u.Kafka.SASLPassword }, "a+b&c"},
		{"sasl-password plus is space", "sasl-password=a+b", func(u *URI) any { return *u.Kafka.SASLPassword }, "a b"},
		{"sasl-mechanism any case", "sasl-mechanism=scram-sha-512", func(u *URI) any { return *u.Kafka.SASLMechanism }, "scram-sha-512"},
		{"sasl-gssapi-auth-type", "sasl-gssapi-auth-type=KEYTAB", func(u *URI) any { return *u.Kafka.SASLGssAPIAuthType }, "KEYTAB"},
		{"sasl-gssapi-keytab-path", "sasl-gssapi-keytab-path=/k", func(u *URI) any { return *u.Kafka.SASLGssAPIKeytabPath }, "/k"},
		{"sasl-gssapi-kerberos-config-path", "sasl-gssapi-kerberos-config-path=/krb5.conf", func(u *URI) any { return *u.Kafka.SASLGssAPIKerberosConfigPath }, "/krb5.conf"},
		{"sasl-gssapi-service-name", "sasl-gssapi-service-name=kafka", func(u *URI) any { return *u.Kafka.SASLGssAPIServiceName }, "kafka"},
		{"sasl-gssapi-user", "sasl-gssapi-user=u", func(u *URI) any { return *u.Kafka.SASLGssAPIUser }, "u"},
		{"sasl-gssapi-password", "sasl-gssapi-password=p", func(u *URI) any { return *u.Kafka.SASLGssAPIPassword }, "p"},
		{"sasl-gssapi-realm", "sasl-gssapi-realm=R", func(u *URI) any { return *u.Kafka.SASLGssAPIRealm }, "R"},
		{"sasl-gssapi-disable-pafxfast", "sasl-gssapi-disable-pafxfast=true", func(u *URI) any { return *u.Kafka.SASLGssAPIDisablePafxfast }, true},
		{"enable-tls", "enable-tls=true", func(u *URI) any { return *u.Kafka.EnableTLS }, true},
		{"ca", "ca=/ca.pem", func(u *URI) any { return *u.Kafka.CA }, "/ca.pem"},
		{"cert", "cert=/c.pem", func(u *URI) any { return *u.Kafka.Cert }, "/c.pem"},
		{"key", "key=/k.pem", func(u *URI) any { return *u.Kafka.Key }, "/k.pem"},
		{"insecure-skip-verify", "insecure-skip-verify=T", func(u *URI) any { return *u.Kafka.InsecureSkipVerify }, true},
		{"protocol", "protocol=Avro", func(u *URI) any { return *u.Codec.Protocol }, "Avro"},
		{"protocol flat-avro", "protocol=flat-avro", func(u *URI) any { return *u.Codec.Protocol }, "flat-avro"},
		{"enable-tidb-extension", "enable-tidb-extension=true", func(u *URI) any { return *u.Codec.EnableTiDBExtension }, true},
		{"avro-decimal-handling-mode", "protocol=avro&avro-decimal-handling-mode=string", func(u *URI) any { return *u.Codec.AvroDecimalHandlingMode }, "string"},
		{"avro-bigint-unsigned-handling-mode", "protocol=avro&avro-bigint-unsigned-handling-mode=string", func(u *URI) any { return *u.Codec.AvroBigintUnsignedHandlingMode }, "string"},
		{"avro modes unchecked for other protocols", "protocol=canal-json&avro-decimal-handling-mode=x", func(u *URI) any { return *u.Codec.AvroDecimalHandlingMode }, "x"},
		{"avro-enable-watermark", "avro-enable-watermark=true", func(u *URI) any { return *u.Codec.AvroEnableWatermark }, true},
		{"avro-include-before-value", "avro-include-before-value=true", func(u *URI) any { return *u.Codec.AvroIncludeBeforeValue }, true},
		{"schema-registry", "schema-registry=http%3A%2F%2F127.0.0.1%3A8081", func(u *URI) any { return *u.Codec.SchemaRegistry }, "http://127.0.0.1:8081"},
		{"max-batch-size", "max-batch-size=32", func(u *URI) any { return *u.Codec.MaxBatchSize }, 32},
		{"only-output-updated-columns", "only-output-updated-columns=true", func(u *URI) any { return *u.Codec.OnlyOutputUpdatedColumns }, true},
		{"content-compatible", "content-compatible=true", func(u *URI) any { return *u.Codec.ContentCompatible }, true},
		{"debezium-disable-schema", "debezium-disable-schema=true", func(u *URI) any { return *u.Codec.DebeziumDisableSchema }, true},
		{"encoding-format", "protocol=simple&encoding-format=avro", func(u *URI) any { return *u.Codec.EncodingFormat }, "avro"},
		{"transaction-atomicity none", "transaction-atomicity=none", func(u *URI) any { return *u.Codec.TransactionAtomicity }, "none"},
		{"empty string value is unset", "sasl-user=", func(u *URI) any { return u.Kafka.SASLUser == nil }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := parseQ(tt.q)
			if err != nil {
				t.Fatalf("Parse(?%s): %v", tt.q, err)
			}
			if diff := cmp.Diff(tt.want, tt.get(u)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseParameterErrors(t *testing.T) {
	tests := []struct {
		name, q, want string
	}{
		{"partition-num type", "partition-num=x", `sink-uri: parameter "partition-num": want a positive integer, got "x"`},
		{"partition-num zero", "partition-num=0", `sink-uri: parameter "partition-num": want a positive integer, got 0`},
		{"partition-num negative", "partition-num=-3", `sink-uri: parameter "partition-num": want a positive integer, got -3`},
		{"partition-num overflow", "partition-num=3000000000", `sink-uri: parameter "partition-num": integer out of range, got "3000000000"`},
		{"partition-num empty", "partition-num=", `sink-uri: parameter "partition-num": want a positive integer, got an empty value`},
		{"replication-factor overflow", "replication-factor=40000", `sink-uri: parameter "replication-factor": integer out of range, got "40000"`},
		{"replication-factor zero", "replication-factor=0", `sink-uri: parameter "replication-factor": want a positive integer, got 0`},
		{"kafka-version", "kafka-version=2.4", `sink-uri: parameter "kafka-version": want a Kafka version such as "2.4.0" or "0.11.0.2", got "2.4"`},
		{"kafka-version letters", "kafka-version=v2.4.0", `sink-uri: parameter "kafka-version": want a Kafka version`},
		{"max-message-bytes", "max-message-bytes=0", `sink-uri: parameter "max-message-bytes": want a positive integer, got 0`},
		{"max-retry type", "max-retry=many", `sink-uri: parameter "max-retry": want an integer, got "many"`},
		{"kafka-client-id masked", "kafka-client-id=a:b", `sink-uri: parameter "kafka-client-id": may contain only A-Z a-z 0-9 . _ -, got xxxxx`},
		{"auto-create-topic", "auto-create-topic=yes", `sink-uri: parameter "auto-create-topic": want true or false, got "yes"`},
		{"auto-create-topic empty", "auto-create-topic=", `sink-uri: parameter "auto-create-topic": want true or false, got an empty value`},
		{"dial-timeout", "dial-timeout=10", `sink-uri: parameter "dial-timeout": want a Go duration such as "10s", got "10"`},
		{"write-timeout negative", "write-timeout=-1s", `sink-uri: parameter "write-timeout": want a positive duration, got "-1s"`},
		{"read-timeout", "read-timeout=abc", `sink-uri: parameter "read-timeout": want a Go duration`},
		{"required-acks 2", "required-acks=2", `sink-uri: parameter "required-acks": only -1, 0 or 1 are allowed, got 2`},
		{"required-acks all", "required-acks=all", `sink-uri: parameter "required-acks": want -1, 0 or 1, got "all"`},
		{"sasl-mechanism", "sasl-mechanism=kerberos", `sink-uri: parameter "sasl-mechanism": unknown SASL mechanism "kerberos", want one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, GSSAPI, OAUTHBEARER`},
		{"sasl-gssapi-auth-type", "sasl-gssapi-auth-type=ccache", `sink-uri: parameter "sasl-gssapi-auth-type": unknown auth type "ccache", want "user" or "keytab"`},
		{"sasl-gssapi-disable-pafxfast", "sasl-gssapi-disable-pafxfast=2", `sink-uri: parameter "sasl-gssapi-disable-pafxfast": want true or false, got "2"`},
		{"enable-tls", "enable-tls=on", `sink-uri: parameter "enable-tls": want true or false, got "on"`},
		{"insecure-skip-verify", "insecure-skip-verify=no", `sink-uri: parameter "insecure-skip-verify": want true or false, got "no"`},
		{"protocol unknown", "protocol=protobuf", `sink-uri: parameter "protocol": unknown protocol "protobuf", want one of avro, flat-avro, canal, canal-json, open-protocol, default, maxwell, craft, debezium, simple, csv`},
		{"protocol csv", "protocol=csv", `sink-uri: parameter "protocol": protocol "csv" is only for storage sinks, not Kafka`},
		{"enable-tidb-extension", "enable-tidb-extension=yes", `sink-uri: parameter "enable-tidb-extension": want true or false, got "yes"`},
		{"avro-decimal-handling-mode", "protocol=avro&avro-decimal-handling-mode=double", `sink-uri: parameter "avro-decimal-handling-mode": value could only be "string" or "precise", got "double"`},
		{"avro-bigint-unsigned-handling-mode", "protocol=avro&avro-bigint-unsigned-handling-mode=decimal", `sink-uri: parameter "avro-bigint-unsigned-handling-mode": value could only be "long" or "string", got "decimal"`},
		{"avro-enable-watermark", "avro-enable-watermark=x", `sink-uri: parameter "avro-enable-watermark": want true or false, got "x"`},
		{"avro-include-before-value", "avro-include-before-value=x", `sink-uri: parameter "avro-include-before-value": want true or false`},
		{"schema-registry scheme", "schema-registry=ftp%3A%2F%2Fh", `sink-uri: parameter "schema-registry": want an http:// or https:// URL, got "ftp://h"`},
		{"schema-registry no host", "schema-registry=http%3A%2F%2F", `sink-uri: parameter "schema-registry": want a URL with a host`},
		{"max-batch-size", "max-batch-size=0", `sink-uri: parameter "max-batch-size": want a positive integer, got 0`},
		{"only-output-updated-columns", "only-output-updated-columns=x", `sink-uri: parameter "only-output-updated-columns": want true or false`},
		{"content-compatible", "content-compatible=x", `sink-uri: parameter "content-compatible": want true or false`},
		{"debezium-disable-schema", "debezium-disable-schema=x", `sink-uri: parameter "debezium-disable-schema": want true or false`},
		{"encoding-format", "protocol=simple&encoding-format=xml", `sink-uri: parameter "encoding-format": unsupported encoding format "xml" for the simple protocol, want "json" or "avro"`},
		{"transaction-atomicity table", "transaction-atomicity=table", `sink-uri: parameter "transaction-atomicity": "table" level atomicity is not supported by the kafka scheme, only "none"`},
		{"bad escape in value", "sasl-user=%zz", `sink-uri: parameter "sasl-user": invalid %-escape in the value (value withheld)`},
		{"bad escape in key", "sasl%zz=1", `sink-uri: malformed parameter name (invalid %-escape)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseQ(tt.q)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("Parse(?%s) error = %v\nwant prefix %s", tt.q, err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error has more than one line: %q", err)
			}
		})
	}
}

// TestErrorsNeverLeakSecrets feeds secrets into every place a URI can hold
// one and checks that no error message contains them.
func TestErrorsNeverLeakSecrets(t *testing.T) {
	const secret = "S3cr3tPa55"
	raws := []string{
		"kafka://h1:9092/cdc?sasl-password=" + secret + "%zz",
		"kafka://h1:9092/cdc?sasl-password=%zz" + secret,
		"kafka://h1:9092/cdc?kafka-client-id=" + secret + ":x",
		"kafka://h1:9092/cdc?sasl-gssapi-password=" + secret + "&sasl-gssapi-disable-pafxfast=x",
		"kafka://h1:9092/cdc?token-secret=" + secret + "&partition-num=x",
		"kafka://user:" + secret + "/x@h1:9092/cdc",
		"kafka://user:" + secret + "%zz@h1:9092/cdc",
		"kafka://user:" + secret + "@h1:90x/cdc",
		"kafka://h1:9092/cdc?schema-registry=https%3A%2F%2Fkey%3A" + secret + "%40h%3Aabc",
		"kafka://h1:9092/cdc?schema-registry=ftp%3A%2F%2Fkey%3A" + secret + "%40h",
		"kafka://h1:9092/cdc?schema-registry=https%3A%2F%2Fkey%3A" + secret + "%2Fx%40h",
		"kafka://h1:9092/cdc?schema-registry=https%3A%2F%2Fkey%3A" + secret + "%25zz%40h",
		"kafka://h1:9092/cdc?key=" + secret + "&ca=x&sasl-mechanism=bad",
	}
	for _, raw := range raws {
		_, err := Parse(raw)
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", MaskLog(raw))
			continue
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error leaks the secret: %v", err)
		}
	}
	k := Kafka{CA: ptr(secret), SASLMechanism: ptr("PLAIN"), SASLPassword: ptr(secret)}
	if err := k.Validate(); err == nil || strings.Contains(err.Error(), secret) {
		t.Errorf("Validate error = %v, want one without the secret", err)
	}
	k = Kafka{SASLMechanism: ptr("OAUTHBEARER"), SASLOAuthClientID: ptr("id"), SASLOAuthClientSecret: ptr(secret + "!"), SASLOAuthTokenURL: ptr("u")}
	if err := k.Validate(); err == nil || strings.Contains(err.Error(), secret) {
		t.Errorf("Validate error = %v, want one without the secret", err)
	}
}

func ptr[T any](v T) *T { return &v }
