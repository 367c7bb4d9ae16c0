package replicaconfig

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// cmpConfig compares configs, ignoring the notes ApplySinkURI keeps.
func cmpConfig() cmp.Option { return cmpopts.IgnoreUnexported(ReplicaConfig{}) }

func TestDecodeTOMLSpecExample(t *testing.T) {
	c, err := DecodeTOML(readTestdata(t, "spec-example.toml"), "spec-example.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.MemoryQuota = 2147483648
	want.Filter = FilterConfig{
		Rules:            []string{"*.*", "!test.*"},
		IgnoreTxnStartTs: []uint64{1, 2},
		EventFilters: []EventFilterRule{{
			Matcher: []string{"test.worker"}, IgnoreEvent: []string{"insert", "drop table"}, IgnoreSQL: []string{"^drop", "add column"},
			IgnoreInsertValueExpr: "id >= 100", IgnoreUpdateNewValueExpr: "gender = 'male'",
			IgnoreUpdateOldValueExpr: "age < 18", IgnoreDeleteValueExpr: "name = 'john'",
		}},
	}
	want.Sink.Protocol = ptr("avro")
	want.Sink.SchemaRegistry = ptr("http://127.0.0.1:8081")
	want.Sink.DispatchRules = []DispatchRule{{Matcher: []string{"*.*"}, Topic: "tidb_{schema}_{table}", Partition: "index-value"}}
	want.Sink.ColumnSelectors = []ColumnSelector{{Matcher: []string{"test.t1"}, Columns: []string{"a", "b"}}}
	want.Sink.TxnAtomicity = ptr("none")
	want.Sink.KafkaConfig = &KafkaConfig{
		CodecConfig: &CodecConfig{EnableTiDBExtension: ptr(true), AvroDecimalHandlingMode: ptr("precise"),
			AvroBigintUnsignedHandlingMode: ptr("long"), AvroEnableWatermark: ptr(false), MaxBatchSize: ptr(16)},
		LargeMessageHandle:   &LargeMessageHandleConfig{LargeMessageHandleOption: "none"},
		OutputRawChangeEvent: ptr(false),
	}
	want.Sink.KafkaConfig.PartitionNum = ptr(int32(6))
	want.Sink.KafkaConfig.ReplicationFactor = ptr(int16(3))
	want.Sink.KafkaConfig.MaxMessageBytes = ptr(10485760)
	want.Sink.KafkaConfig.RequiredAcks = ptr(-1)
	if diff := cmp.Diff(want, c, cmpConfig()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestDecodeTOMLAcceptsEveryTiCDCKey(t *testing.T) {
	c, err := DecodeTOML(readTestdata(t, "other-sinks.toml"), "other-sinks.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Sink.PulsarConfig == nil || str(c.Sink.PulsarConfig.BasicPassword) != "p" || c.Sink.PulsarConfig.OAuth2.OAuth2Scope != "scope" {
		t.Errorf("pulsar section = %+v", c.Sink.PulsarConfig)
	}
	if c.Sink.MySQLConfig == nil || *c.Sink.MySQLConfig.MaxMultiUpdateRowCount != 40 {
		t.Error("mysql section")
	}
	if c.Sink.CSVConfig.Delimiter != ";" || !c.IgnoreIneligibleTable || c.SQLMode != "ONLY_FULL_GROUP_BY" {
		t.Error("csv or top-level keys")
	}
	if got := str(c.Sink.KafkaConfig.SASLGssAPIRealm); got != "R" {
		t.Errorf("sasl-gssapi-realm = %q", got)
	}
	if str(c.Sink.Terminator) != "\n" {
		t.Errorf("terminator = %q", str(c.Sink.Terminator))
	}
}

func TestDecodeTOMLDefaultsKept(t *testing.T) {
	c, err := DecodeTOML(readTestdata(t, "confluent-guide.toml"), "guide.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.Sink.DispatchRules = []DispatchRule{{Matcher: []string{"*.*"}, Topic: "tidb_{schema}_{table}", Partition: "index-value"}}
	if diff := cmp.Diff(want, c, cmpConfig()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestDecodeTOMLErrors(t *testing.T) {
	tests := []struct {
		name, toml, want string
	}{
		{"unknown keys listed", "foo = 1\n[sink]\nprotocl = 'avro'\ndispatchers = [{matcher=['*.*'], partiton='ts'}]\n[bar]\nx=1",
			`changefeed config "cf.toml" contained unknown configuration options: foo, sink.protocl, sink.dispatchers.partiton, bar, bar.x`},
		{"wrong type", "[sink]\nprotocol = 1\n", `changefeed config "cf.toml": line 2, key "sink.protocol": incompatible types: TOML value has type int64; destination has type string`},
		{"wrong nested type", "[sink.kafka-config]\npartition-num = 'six'\n", `changefeed config "cf.toml": line 2, key "sink.kafka-config.partition-num": incompatible types`},
		{"syntax", "[sink\nprotocol = 'avro'\n", `changefeed config "cf.toml": line 2: expected '.' or ']' to end table name`},
		{"bad duration", "changefeed-error-stuck-duration = 'soon'\n", `changefeed config "cf.toml": line 1, key "changefeed-error-stuck-duration": want a duration such as "10m", got "soon"`},
		{"newline quoted by the parser", "a = \"\\\n", `changefeed config "cf.toml": line 2, key "a": invalid escape in string '\\n'`},
		{"secret withheld", "[sink.kafka-config]\nsasl-password = hunter2x\n", `changefeed config "cf.toml": line 2, key "sink.kafka-config.sasl-password": invalid value (withheld: the key holds a secret)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeTOML([]byte(tt.toml), "cf.toml")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error = %v\nwant prefix %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error is multi-line or leaks a secret: %q", err)
			}
		})
	}
}

func TestDurations(t *testing.T) {
	c, err := DecodeTOML([]byte("sync-point-interval = '45s'\nsync-point-retention = 7200000000000\n"), "d.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.SyncPointInterval.D() != 45*time.Second || c.SyncPointRetention.D() != 2*time.Hour {
		t.Errorf("durations = %s, %s", c.SyncPointInterval, c.SyncPointRetention)
	}
	j, err := DecodeJSON([]byte(`{"sync_point_interval": "1m", "sync_point_retention": 3600000000000, "changefeed_error_stuck_duration": "1h"}`))
	if err != nil {
		t.Fatal(err)
	}
	if j.SyncPointInterval.D() != time.Minute || j.SyncPointRetention.D() != time.Hour || j.ChangefeedErrorStuckDuration.D() != time.Hour {
		t.Errorf("json durations = %s %s %s", j.SyncPointInterval, j.SyncPointRetention, j.ChangefeedErrorStuckDuration)
	}
	if _, err := DecodeJSON([]byte(`{"sync_point_interval": true}`)); err == nil || !strings.HasPrefix(err.Error(), "replica_config: ") {
		t.Errorf("bad json duration error = %v", err)
	}
}

// TestJSONShape checks the OpenAPI v2 encoding of the defaults: snake_case
// keys, durations in nanoseconds, TiCDC's one hyphenated key.
func TestJSONShape(t *testing.T) {
	b, err := json.Marshal(Default())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	checks := map[string]any{
		"memory_quota": 1073741824.0, "case_sensitive": false, "check_gc_safe_point": true,
		"sync_point_interval": 600000000000.0, "sync_point_retention": 86400000000000.0,
		"changefeed_error_stuck_duration": 1800000000000.0, "enable_sync_point": false, "bdr_mode": false,
	}
	for k, want := range checks {
		if m[k] != want {
			t.Errorf("%s = %v, want %v", k, m[k], want)
		}
	}
	sink := m["sink"].(map[string]any)
	for k, want := range map[string]any{
		"encoder_concurrency": 32.0, "terminator": "\r\n", "date_separator": "day", "advance_timeout": 150.0,
		"send-all-bootstrap-at-start": false, "delete_only_output_handle_key_columns": false, "content_compatible": false,
	} {
		if sink[k] != want {
			t.Errorf("sink.%s = %v, want %v", k, sink[k], want)
		}
	}
	if _, ok := sink["protocol"]; ok {
		t.Error("unset protocol should be omitted")
	}
	if got := m["filter"].(map[string]any)["rules"].([]any)[0]; got != "*.*" {
		t.Errorf("filter.rules = %v", got)
	}
	for _, k := range []string{"mounter", "consistent", "scheduler", "integrity", "synced_status"} {
		if _, ok := m[k]; !ok {
			t.Errorf("missing %s", k)
		}
	}
}

func TestDecodeJSONOverlay(t *testing.T) {
	c, err := DecodeJSON([]byte(`{"force_replicate": false, "filter": {"rules": ["app.*"]},
		"sink": {"protocol": "avro", "schema_registry": "http://sr:8081",
		"dispatchers": [{"matcher": ["app.*"], "partition": "index-value", "topic": "tidb_{schema}_{table}"}],
		"kafka_config": {"partition_num": 6, "sasl_password": "p", "codec_config": {"enable_tidb_extension": true}}},
		"unknown_key": 1}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.MemoryQuota != DefaultMemoryQuota || c.Mounter.WorkerNum != 16 || *c.Sink.EncoderConcurrency != 32 {
		t.Error("omitted fields should keep their defaults")
	}
	if c.Filter.Rules[0] != "app.*" || len(c.Filter.Rules) != 1 || *c.Sink.KafkaConfig.PartitionNum != 6 ||
		!*c.Sink.KafkaConfig.CodecConfig.EnableTiDBExtension || c.Sink.DispatchRules[0].Partition != "index-value" {
		t.Errorf("posted fields not applied: %+v", c.Sink)
	}
	back, err := DecodeJSON(mustJSON(t, c))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c, back, cmpConfig()); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
}

func TestEncodeTOMLRoundTrip(t *testing.T) {
	for _, name := range []string{"spec-example.toml", "other-sinks.toml", "confluent-guide.toml"} {
		t.Run(name, func(t *testing.T) {
			c, err := DecodeTOML(readTestdata(t, name), name)
			if err != nil {
				t.Fatal(err)
			}
			text, err := c.EncodeTOML()
			if err != nil {
				t.Fatal(err)
			}
			back, err := DecodeTOML(text, "encoded")
			if err != nil {
				t.Fatalf("decode encoded TOML: %v\n%s", err, text)
			}
			if diff := cmp.Diff(c, back, cmpConfig()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestClone(t *testing.T) {
	c, err := DecodeTOML(readTestdata(t, "other-sinks.toml"), "x")
	if err != nil {
		t.Fatal(err)
	}
	c.Sink.DispatchRules = []DispatchRule{{Matcher: []string{"a.b"}, Dispatcher: "ts"}}
	c.Scheduler.RegionPerSpan = 5
	d := c.Clone()
	if diff := cmp.Diff(c, d, cmpConfig()); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	*d.Sink.KafkaConfig.SASLUser = "changed"
	d.Filter.Rules[0] = "changed"
	if *c.Sink.KafkaConfig.SASLUser == "changed" || c.Filter.Rules[0] == "changed" {
		t.Error("Clone shares memory with the original")
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
