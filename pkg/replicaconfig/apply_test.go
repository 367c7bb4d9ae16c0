package replicaconfig

import (
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

func mustURI(t *testing.T, raw string) *sinkuri.URI {
	t.Helper()
	u, err := sinkuri.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestApplySinkURI(t *testing.T) {
	c, err := DecodeTOML([]byte(`
[sink]
protocol = "canal-json"
schema-registry = "http://file:8081"
transaction-atomicity = "none"
[sink.kafka-config]
partition-num = 3
sasl-user = "file-user"
max-message-bytes = 2048
[sink.kafka-config.codec-config]
enable-tidb-extension = false
avro-decimal-handling-mode = "precise"
`), "cf.toml")
	if err != nil {
		t.Fatal(err)
	}
	c.ApplySinkURI(mustURI(t, "kafka://h:9092/t?protocol=avro&partition-num=6&enable-tidb-extension=true"+
		"&avro-decimal-handling-mode=string&schema-registry=http%3A%2F%2Furi%3A8081&max-batch-size=8&only-output-updated-columns=true"+
		"&encoding-format=avro&avro-enable-watermark=true&avro-bigint-unsigned-handling-mode=string&content-compatible=true&debezium-disable-schema=true&avro-include-before-value=true"))
	k := c.Sink.KafkaConfig
	cc := k.CodecConfig
	checks := []struct {
		name     string
		got, exp any
	}{
		{"protocol", str(c.Sink.Protocol), "avro"},
		{"partition-num from URI", *k.PartitionNum, int32(6)},
		{"sasl-user kept from file", str(k.SASLUser), "file-user"},
		{"max-message-bytes kept", *k.MaxMessageBytes, 2048},
		{"registry from URI", str(c.Sink.SchemaRegistry), "http://uri:8081"},
		{"extension from URI", *cc.EnableTiDBExtension, true},
		{"decimal mode from URI", str(cc.AvroDecimalHandlingMode), "string"},
		{"bigint mode", str(cc.AvroBigintUnsignedHandlingMode), "string"},
		{"max-batch-size", *cc.MaxBatchSize, 8},
		{"watermark", *cc.AvroEnableWatermark, true},
		{"encoding-format", str(cc.EncodingFormat), "avro"},
		{"before value", *cc.AvroIncludeBeforeValue, true},
		{"only-output-updated-columns", *c.Sink.OnlyOutputUpdatedColumns, true},
		{"content-compatible", *c.Sink.ContentCompatible, true},
		{"debezium-disable-schema", *c.Sink.DebeziumDisableSchema, true},
		{"atomicity kept", str(c.Sink.TxnAtomicity), "none"},
	}
	for _, ch := range checks {
		if ch.got != ch.exp {
			t.Errorf("%s = %v, want %v", ch.name, ch.got, ch.exp)
		}
	}
	w := c.Warnings()
	if len(w) == 0 || w[0] != "sink-uri protocol=avro overrides the config file's protocol=canal-json" {
		t.Errorf("Warnings = %q", w)
	}
}

func TestApplySinkURIOnDefaults(t *testing.T) {
	c := Default()
	c.ApplySinkURI(mustURI(t, "kafka://h:9092/t?protocol=avro"))
	if c.Sink.KafkaConfig != nil {
		t.Error("a URI without Kafka or codec parameters should not create [sink.kafka-config]")
	}
	if len(c.Warnings()) != 0 {
		t.Errorf("Warnings = %q", c.Warnings())
	}
	c.ApplySinkURI(mustURI(t, "kafka://h:9092/t?sasl-mechanism=plain&sasl-user=u&sasl-password=p"))
	if c.Sink.KafkaConfig == nil || str(c.Sink.KafkaConfig.SASLPassword) != "p" {
		t.Error("Kafka parameters not applied")
	}
	if strings.Contains(strings.Join(c.Warnings(), " "), "protocol") {
		t.Error("same protocol twice is not a conflict")
	}
}

func TestResolve(t *testing.T) {
	file := []byte("[sink]\nschema-registry='http://file:8081'\ndispatchers=[{matcher=['*.*'], topic='tidb_{schema}_{table}', partition='index-value'}]")
	tests := []struct {
		name     string
		uri      string
		file     []byte
		flag     string
		registry string
		wantErr  string
	}{
		{"file registry", "kafka://h:9092/t?protocol=avro", file, "", "http://file:8081", ""},
		{"flag over file", "kafka://h:9092/t?protocol=avro", file, "http://flag:8081", "http://flag:8081", ""},
		{"uri over flag", "kafka://h:9092/t?protocol=avro&schema-registry=http%3A%2F%2Furi%3A8081", file, "http://flag:8081", "http://uri:8081", ""},
		{"flag alone", "kafka://h:9092/t?protocol=avro", nil, "http://flag:8081", "http://flag:8081", ""},
		{"no registry", "kafka://h:9092/t?protocol=avro", nil, "", "", `Avro protocol requires parameter "schema-registry"`},
		{"bad file", "kafka://h:9092/t?protocol=avro", []byte("x=1"), "", "", `changefeed config "cf.toml" contained unknown configuration options: x`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Resolve(Source{SinkURI: mustURI(t, tt.uri), File: tt.file, FileName: "cf.toml", SchemaRegistry: tt.flag})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := str(c.Sink.SchemaRegistry); got != tt.registry {
				t.Errorf("registry = %q, want %q", got, tt.registry)
			}
		})
	}
}

func TestWarningsWithReportsEachOnce(t *testing.T) {
	u := mustURI(t, "kafka://h:9092/t?protocol=avro&compression=brotli&required-acks=0&foo=1")
	c, err := Resolve(Source{SinkURI: u, File: []byte("[sink]\nonly-output-updated-columns = true\n"), SchemaRegistry: "http://r:8081"})
	if err != nil {
		t.Fatal(err)
	}
	got := c.WarningsWith(u)
	want := []string{`sink-uri: unknown parameter "foo" is ignored`, `compression "brotli" is unknown`,
		"required-acks 0 waits for nothing", "only-output-updated-columns is ignored"}
	if len(got) != len(want) {
		t.Fatalf("warnings %q, want one each of %q", got, want)
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("warning %d = %q, want it to contain %q", i, got[i], w)
		}
	}
}
