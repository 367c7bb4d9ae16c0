package sharedtest

import (
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

// nowMilli is the fixed time of the verbs' tests in Unix milliseconds.
const nowMilli = 1733382601123

// Now is the fixed clock of the verbs' tests: 2024-12-05 07:10:01.123 UTC.
func Now() time.Time { return time.UnixMilli(nowMilli).UTC() }

// CheckpointTs is a checkpoint 3.5 s before Now.
const CheckpointTs = uint64(nowMilli-3500) << 18

// Info returns a changefeed as a server sends it, with secrets in clear
// (as a real TiCDC sends some of them) so tests can check the masking.
func Info(id string, state api.State) *api.ChangeFeedInfo {
	cfg := replicaconfig.Default()
	avro, reg := "avro", "https://srkey:srsecret@sr.example.com"
	cfg.Sink.Protocol, cfg.Sink.SchemaRegistry = &avro, &reg
	rate := 1234.5
	return &api.ChangeFeedInfo{
		UpstreamID: 7, Namespace: "default", ID: id,
		SinkURI:    "kafka://k:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-user=key&sasl-password=kafkasecret",
		CreateTime: Now().Add(-time.Hour), StartTs: CheckpointTs - 1000, Config: cfg, State: state,
		CreatorVersion: "v8.5.0", ResolvedTs: CheckpointTs, CheckpointTs: CheckpointTs,
		CheckpointTime: api.CheckpointTime(CheckpointTs, time.UTC),
		Extensions: api.Extensions{Upstream: "mysql://root:dbsecret@127.0.0.1:3306", Snapshot: api.SnapshotInitial,
			CheckpointPosition: "mysql-bin.000003:1234", RowsPerSecond: &rate,
			SnapshotProgress: &api.SnapshotProgress{State: "done", TablesTotal: 2, TablesDone: 2, RowsCopied: 300},
			Tables:           []api.TableCount{{Schema: "shop", Table: "orders", Inserts: 10, Updates: 2, Deletes: 1, SnapshotRows: 300}}},
	}
}
