package client_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/client"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

var (
	avroFeed   = api.ChangefeedID{Namespace: "default", ID: "kafka-avro"}
	pausedFeed = api.ChangefeedID{Namespace: "default", ID: "paused-feed"}
	nope       = api.ChangefeedID{Namespace: "default", ID: "nope"}
)

func wantAPIError(t *testing.T, err error, code api.Code, status int, msg string) {
	t.Helper()
	e := api.ErrorOf(err)
	if e == nil {
		t.Fatalf("err = %v (%T), want *api.Error %s", err, err, code)
	}
	if e.Code != code || e.HTTPStatus != status || (msg != "" && err.Error() != msg) {
		t.Fatalf("err = %q code %s status %d; want %q code %s status %d", err, e.Code, e.HTTPStatus, msg, code, status)
	}
}

func TestTiCDCContractChangefeeds(t *testing.T) {
	fake, srv := newFakeTiCDC(t)
	c, err := client.New(srv.URL, client.WithToken("tok"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	cfs := c.Changefeeds()

	t.Run("create sends TiCDC's body and reads its answer", func(t *testing.T) {
		rc := replicaconfig.Default()
		avro := "avro"
		rc.Sink.Protocol = &avro
		info, err := cfs.Create(ctx, &api.ChangefeedConfig{Namespace: "default", ID: "kafka-avro",
			SinkURI: "kafka://pkc:9092/ticdc-meta?protocol=avro&sasl-user=ticdc&sasl-password=raw%2Fsecret", ReplicaConfig: rc})
		if err != nil {
			t.Fatal(err)
		}
		req := fake.last()
		if req.Method != "POST" || req.Path != "/api/v2/changefeeds" || req.Auth != "Bearer tok" {
			t.Errorf("request = %+v", req)
		}
		for _, k := range []string{"namespace", "changefeed_id", "start_ts", "target_ts", "sink_uri", "replica_config", "ca_path", "cert_path", "key_path"} {
			if _, ok := req.Body[k]; !ok {
				t.Errorf("create body lacks %q: %v", k, req.Body)
			}
		}
		for _, k := range []string{"upstream", "start_position", "snapshot", "pd_addrs"} {
			if _, ok := req.Body[k]; ok {
				t.Errorf("create body has %q though unset", k)
			}
		}
		if rcBody, _ := req.Body["replica_config"].(map[string]any); rcBody["memory_quota"] != float64(1<<30) {
			t.Errorf("replica_config not in TiCDC's JSON form: %v", rcBody)
		}
		if info.ID != "kafka-avro" || info.State != api.StateNormal || info.StartTs != 454395781887819781 ||
			info.CheckpointTime.String() != "2024-12-05 15:05:46.679" || info.CreatorVersion != "v8.5.0" ||
			info.Config == nil || info.Config.Protocol() != "avro" {
			t.Errorf("info = %+v", info)
		}
		if !strings.Contains(info.SinkURI, "sasl-password=xxxxx&sasl-user=ticdc") {
			t.Errorf("sink uri = %s", info.SinkURI)
		}
	})

	t.Run("create errors", func(t *testing.T) {
		anon, _ := client.New(srv.URL)
		_, err := anon.Changefeeds().Create(ctx, &api.ChangefeedConfig{ID: "kafka-avro", SinkURI: "kafka://k:9092/t"})
		wantAPIError(t, err, api.CodeCredentialNotFound, 401,
			"[CDC:ErrCredentialNotFound]credential not found: please specify the user and password via authorization header")
		_, err = cfs.Create(ctx, &api.ChangefeedConfig{ID: "exists", SinkURI: "kafka://k:9092/t"})
		wantAPIError(t, err, api.CodeChangeFeedAlreadyExists, 500, "[CDC:ErrChangeFeedAlreadyExists]changefeed already exists, kafka-avro")
		_, err = cfs.Create(ctx, &api.ChangefeedConfig{ID: "bad", SinkURI: "kafka://k:9092/t?protocol=avro&sasl-password=xxxxx"})
		wantAPIError(t, err, api.CodeSinkURIInvalid, 400, "")
	})

	t.Run("secrets a server echoes are redacted", func(t *testing.T) {
		rc := replicaconfig.Default()
		reg := "https://key:reg%2Fsecret@sr.example.com"
		rc.Sink.SchemaRegistry = &reg
		_, err := cfs.Create(ctx, &api.ChangefeedConfig{ID: "leaky", ReplicaConfig: rc,
			SinkURI: "kafka://k:9092/t?sasl-user=u&sasl-password=p%40ssw0rd-123&schema-registry=https%3A%2F%2Fk%3Asrpass-456%40sr"})
		wantAPIError(t, err, "CDC:ErrKafkaNewProducer", 500, "")
		for _, secret := range []string{"p@ssw0rd-123", "p%40ssw0rd-123", "srpass-456"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error leaks %q: %v", secret, err)
			}
		}
		if !strings.Contains(err.Error(), "sasl-password=xxxxx") {
			t.Errorf("error = %v", err)
		}
	})

	t.Run("list", func(t *testing.T) {
		items, err := cfs.List(ctx, "default", "all")
		if err != nil {
			t.Fatal(err)
		}
		if q := fake.last().Query; q != "namespace=default&state=all" {
			t.Errorf("query = %q", q)
		}
		if len(items) != 4 || items[1].ID != "kafka-avro" || items[1].CheckpointTSO != 454395848588787717 ||
			items[1].CheckpointTime.String() != "2024-12-05 15:10:01.123" || items[1].Error != nil {
			t.Fatalf("items = %+v", items)
		}
		if e := items[3].Error; items[3].State != api.StateWarning || e == nil || e.Time == nil || e.Code != "CDC:ErrKafkaNewProducer" {
			t.Errorf("retrying = %+v", items[3])
		}
		if _, err := cfs.List(ctx, "", ""); err != nil || fake.last().Query != "namespace=default" {
			t.Errorf("default list query = %q, %v", fake.last().Query, err)
		}
	})

	t.Run("get", func(t *testing.T) {
		info, err := cfs.Get(ctx, avroFeed)
		if err != nil {
			t.Fatal(err)
		}
		if fake.last().Query != "namespace=default" || len(info.TaskStatus) != 1 || info.TaskStatus[0].Tables[1] != 102 ||
			info.CheckpointTs != 454395848588787717 || info.UpstreamID != 7178706266519722477 {
			t.Errorf("info = %+v", info)
		}
		_, err = cfs.Get(ctx, nope)
		wantAPIError(t, err, api.CodeChangeFeedNotExists, 400, "[CDC:ErrChangeFeedNotExists]changefeed not exists, default/nope")
		_, err = cfs.Get(ctx, api.ChangefeedID{Namespace: "default", ID: "bad_id"})
		wantAPIError(t, err, api.CodeAPIInvalidParam, 400, "[CDC:ErrAPIInvalidParam]invalid changefeed_id: bad_id")
	})

	t.Run("update", func(t *testing.T) {
		info, err := cfs.Update(ctx, pausedFeed, &api.ChangefeedConfig{TargetTs: 454395848588787800})
		if err != nil {
			t.Fatal(err)
		}
		if req := fake.last(); req.Method != "PUT" || req.Body["target_ts"] != float64(454395848588787800) || req.Body["replica_config"] != nil {
			t.Errorf("request = %+v", req)
		}
		if info.State != api.StateStopped || info.TargetTs != 454395848588787800 || info.AdminJobType != 1 {
			t.Errorf("info = %+v", info)
		}
		_, err = cfs.Update(ctx, avroFeed, &api.ChangefeedConfig{TargetTs: 1})
		wantAPIError(t, err, api.CodeChangefeedUpdateRefused, 400,
			"[CDC:ErrChangefeedUpdateRefused]changefeed update error: can only update changefeed config when it is stopped or failed")
	})

	t.Run("pause resume remove status", func(t *testing.T) {
		if err := cfs.Pause(ctx, avroFeed); err != nil {
			t.Fatal(err)
		}
		if req := fake.last(); req.Path != "/api/v2/changefeeds/kafka-avro/pause" || req.Query != "namespace=default" || req.Body != nil {
			t.Errorf("pause request = %+v", req)
		}
		wantAPIError(t, cfs.Pause(ctx, nope), api.CodeChangeFeedNotExists, 400, "")
		if err := cfs.Resume(ctx, pausedFeed, 454395848588787717); err != nil {
			t.Fatal(err)
		}
		if req := fake.last(); req.Body["overwrite_checkpoint_ts"] != float64(454395848588787717) {
			t.Errorf("resume body = %v", req.Body)
		}
		wantAPIError(t, cfs.Resume(ctx, nope, 0), api.CodeChangeFeedNotExists, 400, "")
		if err := cfs.Remove(ctx, avroFeed); err != nil {
			t.Fatal(err)
		}
		if err := cfs.Remove(ctx, nope); err != nil {
			t.Errorf("TiCDC answers 200 to removing a missing changefeed; got %v", err)
		}
		st, err := cfs.Status(ctx, api.ChangefeedID{Namespace: "default", ID: "retrying"})
		if err != nil {
			t.Fatal(err)
		}
		if st.State != api.StateWarning || st.CheckpointTs != 454395781887819781 || st.LastError == nil || st.LastWarning != nil {
			t.Errorf("status = %+v", st)
		}
		_, err = cfs.Status(ctx, nope)
		wantAPIError(t, err, api.CodeChangeFeedNotExists, 400, "")
	})
}

func TestTiCDCContractServer(t *testing.T) {
	_, srv := newFakeTiCDC(t)
	c, _ := client.New(srv.URL)
	ctx := t.Context()
	if err := c.Health(ctx); err != nil {
		t.Fatal(err)
	}
	st, err := c.Status(ctx)
	if err != nil || st.Version != "v8.5.0" || !st.IsOwner || st.Pid != 12345 || st.Liveness != api.LivenessAlive {
		t.Errorf("status = %+v, %v", st, err)
	}
	caps, err := c.Captures(ctx)
	if err != nil || len(caps) != 1 || caps[0].AdvertiseAddr != "127.0.0.1:8300" {
		t.Errorf("captures = %+v, %v", caps, err)
	}
	prefixed, _ := client.New(srv.URL + "/other/")
	err = prefixed.Health(ctx)
	wantAPIError(t, err, "", 404, "server "+srv.URL+"/other answered 404 Not Found to GET /other/api/v2/health: 404 page not found")
}

// TestTiCDCAnswersKeepTheirShape decodes TiCDC's answers into the api types
// and encodes them again: the keys, their order and values survive, so
// cdcctl can relay or print what TiCDC sent.
func TestTiCDCAnswersKeepTheirShape(t *testing.T) {
	for _, name := range []string{"get_changefeed.200.json", "update_changefeed.200.json", "create_changefeed.200.json"} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "ticdc", name))
			if err != nil {
				t.Fatal(err)
			}
			var info api.ChangeFeedInfo
			if err := json.Unmarshal(raw, &info); err != nil {
				t.Fatal(err)
			}
			again, err := json.Marshal(info)
			if err != nil {
				t.Fatal(err)
			}
			var want, got map[string]any
			_ = json.Unmarshal(raw, &want)
			_ = json.Unmarshal(again, &got)
			// The replica configuration is compared key by key in its own
			// test below; create_time keeps its instant, not its zone text.
			wantCfg, gotCfg := want["config"], got["config"]
			delete(want, "config")
			delete(got, "config")
			delete(want, "create_time")
			delete(got, "create_time")
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("re-encoded answer differs (-ticdc +cdcctl):\n%s", d)
			}
			if d := cmp.Diff(wantCfg, gotCfg); d != "" {
				t.Errorf("replica config differs after a round trip (-ticdc +cdcctl):\n%s", d)
			}
		})
	}
}
