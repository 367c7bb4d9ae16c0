package api

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

// topKeys returns the keys of a JSON object in the order they were written.
func topKeys(t *testing.T, b []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", b)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestChangeFeedInfoKeyOrder(t *testing.T) {
	rate := 12.5
	info := ChangeFeedInfo{
		UpstreamID: 7178706266519722477, Namespace: "default", ID: "kafka-avro",
		SinkURI: "kafka://127.0.0.1:9092/t?protocol=avro", CreateTime: time.Unix(1, 0).UTC(),
		StartTs: 1, TargetTs: 2, AdminJobType: 1, Config: replicaconfig.Default(), State: StateFailed,
		Error: &RunningError{Code: "CDC:ErrX", Message: "m"}, CreatorVersion: "v8.5.0",
		ResolvedTs: 3, CheckpointTs: 3, TaskStatus: []CaptureTaskStatus{{CaptureID: "c", Tables: []int64{100}}},
		Extensions: Extensions{Upstream: "mysql://u@h:3306", StartPosition: "mysql-bin.000001:4", Snapshot: SnapshotNever,
			CheckpointPosition: "mysql-bin.000001:900", RowsPerSecond: &rate, Tables: []TableCount{{Schema: "db", Table: "t", Inserts: 1}}},
	}
	b, err := json.Marshal(info)
	if err != nil {
		t.Fatal(err)
	}
	want := "upstream_id namespace id sink_uri create_time start_ts target_ts admin_job_type config state error " +
		"creator_version resolved_ts checkpoint_ts checkpoint_time task_status " +
		"upstream start_position snapshot checkpoint_position rows_per_second tables"
	if got := strings.Join(topKeys(t, b), " "); got != want {
		t.Errorf("keys:\n got %s\nwant %s", got, want)
	}
	// Zero values disappear where TiCDC marks omitempty; the rest stay.
	b, _ = json.Marshal(ChangeFeedInfo{ID: "a", State: StateNormal})
	want = "id create_time state resolved_ts checkpoint_ts checkpoint_time"
	if got := strings.Join(topKeys(t, b), " "); got != want {
		t.Errorf("minimal keys:\n got %s\nwant %s", got, want)
	}
}

func TestChangefeedCommonInfoJSON(t *testing.T) {
	ts := time.Date(2023, 2, 27, 23, 46, 52, 888e6, time.UTC)
	tests := []struct {
		name string
		in   ChangefeedCommonInfo
		want string
	}{
		{"pending shows as warning", ChangefeedCommonInfo{UpstreamID: 1, Namespace: "default", ID: "a", State: StatePending,
			CheckpointTSO: 5, CheckpointTime: JSONTime(ts), Error: &RunningError{Time: &ts, Addr: "x", Code: "CDC:ErrX", Message: "m"}},
			`{"upstream_id":1,"namespace":"default","id":"a","state":"warning","checkpoint_tso":5,"checkpoint_time":"2023-02-27 23:46:52.888","error":{"time":"2023-02-27T23:46:52.888Z","addr":"x","code":"CDC:ErrX","message":"m"}}`},
		{"uninitialised shows as normal, null error", ChangefeedCommonInfo{Namespace: "default", ID: "b", CheckpointTime: JSONTime(ts)},
			`{"upstream_id":0,"namespace":"default","id":"b","state":"normal","checkpoint_tso":0,"checkpoint_time":"2023-02-27 23:46:52.888","error":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("got  %s\nwant %s", b, tt.want)
			}
		})
	}
}

func TestChangefeedConfigDecodesOverDefaults(t *testing.T) {
	body := `{"changefeed_id":"a","sink_uri":"kafka://k:9092/t?protocol=avro","start_ts":9,
		"replica_config":{"case_sensitive":true,"sync_point_interval":"5m","unknown_key":1},
		"upstream":"mysql://root:pw@127.0.0.1:3306","start_position":"0-1-100","snapshot":"never"}`
	var c ChangefeedConfig
	if err := json.Unmarshal([]byte(body), &c); err != nil {
		t.Fatal(err)
	}
	if c.ID != "a" || c.StartTs != 9 || c.Upstream != "mysql://root:pw@127.0.0.1:3306" || c.StartPosition != "0-1-100" || c.Snapshot != SnapshotNever {
		t.Errorf("config = %+v", c)
	}
	rc := c.ReplicaConfig
	if rc == nil || !rc.CaseSensitive || rc.MemoryQuota != replicaconfig.DefaultMemoryQuota {
		t.Fatalf("replica config not decoded over defaults: %+v", rc)
	}
	if rc.SyncPointInterval == nil || rc.SyncPointInterval.D() != 5*time.Minute {
		t.Errorf("sync_point_interval = %v", rc.SyncPointInterval)
	}

	var none ChangefeedConfig
	if err := json.Unmarshal([]byte(`{"target_ts":5,"replica_config":null}`), &none); err != nil {
		t.Fatal(err)
	}
	if none.ReplicaConfig != nil || none.TargetTs != 5 {
		t.Errorf("null replica_config: %+v", none)
	}
	if err := json.Unmarshal([]byte(`{"replica_config":{"memory_quota":"x"}}`), &none); err == nil ||
		!strings.Contains(err.Error(), "replica_config") {
		t.Errorf("bad replica_config err = %v", err)
	}
}

func TestChangefeedConfigRoundTrip(t *testing.T) {
	in := ChangefeedConfig{Namespace: "default", ID: "a", SinkURI: "kafka://k:9092/t", ReplicaConfig: replicaconfig.Default(),
		Upstream: "mysql://u:p@h:1", Snapshot: SnapshotInitial}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out ChangefeedConfig
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(out)
	if !bytes.Equal(b, b2) {
		t.Errorf("round trip changed the body:\n%s\n%s", b, b2)
	}
}
