package replicaconfig

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/filter"
)

func TestCodecDefaults(t *testing.T) {
	c := Default()
	c.ApplySinkURI(mustURI(t, "kafka://h:9092/t?protocol=flat-avro"))
	want := Codec{Protocol: "avro", DecimalHandlingMode: "precise", BigintUnsignedHandlingMode: "long", MaxBatchSize: 16,
		MaxMessageBytes: 10485760, EncodingFormat: "json"}
	if diff := cmp.Diff(want, c.Codec()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !c.IsAvro() {
		t.Error("flat-avro is avro")
	}
}

func TestCodecResolved(t *testing.T) {
	c := avroConfig(t, "[integrity]\nintegrity-check-level='correctness'\n[sink]\ndelete-only-output-handle-key-columns=true", baseURI+
		"&enable-tidb-extension=true&avro-decimal-handling-mode=string&avro-bigint-unsigned-handling-mode=string&avro-enable-watermark=true&max-batch-size=4&max-message-bytes=1000")
	want := Codec{Protocol: "avro", EnableTiDBExtension: true, DecimalHandlingMode: "string", BigintUnsignedHandlingMode: "string",
		EnableWatermark: true, EnableRowChecksum: true, MaxBatchSize: 4, MaxMessageBytes: 1000, DeleteOnlyHandleKeyColumns: true, EncodingFormat: "json"}
	if diff := cmp.Diff(want, c.Codec()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestKafkaOptionsAndRegistry(t *testing.T) {
	c := avroConfig(t, "[sink.kafka-config]\npartition-num=3\nrequired-acks=1", "kafka://h:9092/t?protocol=avro&partition-num=6&schema-registry=https%3A%2F%2Fk%3Aa%252Fb%40sr")
	o, err := c.KafkaOptions()
	if err != nil {
		t.Fatal(err)
	}
	if o.PartitionNum != 6 || o.RequiredAcks != 1 || o.ReplicationFactor != 1 {
		t.Errorf("options = %+v", o)
	}
	r, ok, err := c.Registry()
	if err != nil || !ok || r.URL != "https://sr" || r.Username != "k" || r.Password != "a/b" {
		t.Errorf("registry = %+v %v %v", r, ok, err)
	}
	if _, ok, err := Default().Registry(); ok || err != nil {
		t.Error("no registry configured")
	}
	if o, err := Default().KafkaOptions(); err != nil || o.RequiredAcks != -1 {
		t.Errorf("default options = %+v, %v", o, err)
	}
}

func TestFilterAndDispatchConfig(t *testing.T) {
	c := avroConfig(t, "case-sensitive=true\n[filter]\nrules=['app.*']\nignore-txn-start-ts=[7]\n[[filter.event-filters]]\nmatcher=['app.t']\nignore-event=['delete']\nignore-sql=['^drop']\nignore-delete-value-expr='id=1'\n"+
		"[sink]\ndispatchers=[{matcher=['app.*'], dispatcher='ts', topic='x_{schema}_{table}'}, {matcher=['b.*'], partition='columns', columns=['c']}]\ncolumn-selectors=[{matcher=['app.*'], columns=['*']}]", baseURI)
	loc := time.FixedZone("X", 3600)
	wantF := filter.Config{CaseSensitive: true, Rules: []string{"app.*"}, IgnoreTxnStartTs: []uint64{7}, TimeZone: loc,
		EventFilters: []filter.EventFilterRule{{Matcher: []string{"app.t"}, IgnoreEvent: []string{"delete"}, IgnoreSQL: []string{"^drop"}, IgnoreDeleteValueExpr: "id=1"}}}
	if diff := cmp.Diff(wantF, c.FilterConfig(loc), cmp.Comparer(func(a, b *time.Location) bool { return a == b })); diff != "" {
		t.Errorf("filter (-want +got):\n%s", diff)
	}
	wantD := dispatch.Config{CaseSensitive: true, Protocol: "avro", TimeZone: loc,
		Rules:           []dispatch.Rule{{Matcher: []string{"app.*"}, Partition: "ts", Topic: "x_{schema}_{table}"}, {Matcher: []string{"b.*"}, Partition: "columns", Columns: []string{"c"}}},
		ColumnSelectors: []dispatch.ColumnSelector{{Matcher: []string{"app.*"}, Columns: []string{"*"}}}}
	if diff := cmp.Diff(wantD, c.DispatchConfig(loc), cmp.Comparer(func(a, b *time.Location) bool { return a == b })); diff != "" {
		t.Errorf("dispatch (-want +got):\n%s", diff)
	}
}
