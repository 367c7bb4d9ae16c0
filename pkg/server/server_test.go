package server_test

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/server"
	"github.com/cdcctl/cdcctl/pkg/server/servertest"
)

// t0 is 2024-12-05 07:05:46.679 UTC; its TSO is t0ms<<18.
var t0 = time.UnixMilli(1733382346679).UTC()

const t0TSO = uint64(1733382346679) << 18

type call struct {
	method, path, body, token string
}

func do(t *testing.T, h http.Handler, c call) (int, string) {
	t.Helper()
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req := httptest.NewRequest(c.method, c.path, body)
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if ct := rec.Header().Get("Content-Type"); rec.Code != 404 && rec.Code != 405 && ct != "application/json; charset=utf-8" {
		t.Errorf("%s %s: Content-Type = %q", c.method, c.path, ct)
	}
	return rec.Code, rec.Body.String()
}

func errBody(msg, code string) string {
	return "{\n    \"error_msg\": \"" + msg + "\",\n    \"error_code\": \"" + code + "\"\n}"
}

func newEngine() *servertest.Engine {
	e := servertest.NewEngine()
	e.Now = func() time.Time { return t0 }
	return e
}

func seed(e *servertest.Engine, id string, state api.State) {
	e.Put(api.ChangeFeedInfo{UpstreamID: 1, Namespace: "default", ID: id, State: state, CreateTime: t0,
		SinkURI: "kafka://k:9092/t?protocol=avro&sasl-user=u&sasl-password=secret", StartTs: t0TSO, CheckpointTs: t0TSO, ResolvedTs: t0TSO,
		Error: &api.RunningError{Time: &t0, Addr: "a", Code: "CDC:ErrKafkaSendMessage", Message: "broker down"}})
}

func TestRoutes(t *testing.T) {
	e := newEngine()
	seed(e, "running", api.StateNormal)
	seed(e, "paused", api.StateStopped)
	seed(e, "broken", api.StatePending)
	seed(e, "done", api.StateFinished)
	h := server.New(e, server.Options{Location: time.UTC})
	notExists := errBody("[CDC:ErrChangeFeedNotExists]changefeed not exists, default/nope", "CDC:ErrChangeFeedNotExists")
	tests := []struct {
		name       string
		call       call
		wantStatus int
		wantBody   string
	}{
		{"health", call{method: "GET", path: "/api/v2/health"}, 200, `{}`},
		{"server status is indented", call{method: "GET", path: "/api/v2/status"}, 200,
			"{\n    \"version\": \"v0.0.0-test\",\n    \"git_hash\": \"test\",\n    \"id\": \"capture-1\",\n    \"cluster_id\": \"default\",\n    \"pid\": 1,\n    \"is_owner\": true,\n    \"liveness\": 0\n}"},
		{"captures", call{method: "GET", path: "/api/v2/captures"}, 200,
			`{"total":1,"items":[{"id":"capture-1","is_owner":true,"address":"127.0.0.1:8300","cluster_id":"default"}]}`},
		{"list default filter, sorted, pending as warning, errors only where shown", call{method: "GET", path: "/api/v2/changefeeds"}, 200,
			`{"total":3,"items":[` +
				`{"upstream_id":1,"namespace":"default","id":"broken","state":"warning","checkpoint_tso":454395781887819776,"checkpoint_time":"2024-12-05 07:05:46.679","error":{"time":"2024-12-05T07:05:46.679Z","addr":"a","code":"CDC:ErrKafkaSendMessage","message":"broker down"}},` +
				`{"upstream_id":1,"namespace":"default","id":"paused","state":"stopped","checkpoint_tso":454395781887819776,"checkpoint_time":"2024-12-05 07:05:46.679","error":null},` +
				`{"upstream_id":1,"namespace":"default","id":"running","state":"normal","checkpoint_tso":454395781887819776,"checkpoint_time":"2024-12-05 07:05:46.679","error":null}]}`},
		{"list all", call{method: "GET", path: "/api/v2/changefeeds?state=all"}, 200, ""},
		{"list other namespace is empty", call{method: "GET", path: "/api/v2/changefeeds?namespace=other"}, 200, `{"total":0,"items":[]}`},
		{"list bad namespace", call{method: "GET", path: "/api/v2/changefeeds?namespace=a_b"}, 400,
			errBody("[CDC:ErrAPIInvalidParam]invalid namespace: a_b", "CDC:ErrAPIInvalidParam")},
		{"get masks the sink uri, hides the error when normal", call{method: "GET", path: "/api/v2/changefeeds/running"}, 200,
			`{"upstream_id":1,"namespace":"default","id":"running","sink_uri":"kafka://k:9092/t?protocol=avro\u0026sasl-password=xxxxx\u0026sasl-user=u","create_time":"2024-12-05T07:05:46.679Z","start_ts":454395781887819776,"state":"normal","resolved_ts":454395781887819776,"checkpoint_ts":454395781887819776,"checkpoint_time":"2024-12-05 07:05:46.679"}`},
		{"get shows the error without time when failing", call{method: "GET", path: "/api/v2/changefeeds/broken"}, 200,
			`{"upstream_id":1,"namespace":"default","id":"broken","sink_uri":"kafka://k:9092/t?protocol=avro\u0026sasl-password=xxxxx\u0026sasl-user=u","create_time":"2024-12-05T07:05:46.679Z","start_ts":454395781887819776,"state":"pending","error":{"addr":"a","code":"CDC:ErrKafkaSendMessage","message":"broker down"},"resolved_ts":454395781887819776,"checkpoint_ts":454395781887819776,"checkpoint_time":"2024-12-05 07:05:46.679"}`},
		{"get unknown is 400", call{method: "GET", path: "/api/v2/changefeeds/nope"}, 400, notExists},
		{"get invalid id", call{method: "GET", path: "/api/v2/changefeeds/bad_id"}, 400,
			errBody("[CDC:ErrAPIInvalidParam]invalid changefeed_id: bad_id", "CDC:ErrAPIInvalidParam")},
		{"status", call{method: "GET", path: "/api/v2/changefeeds/running/status"}, 200,
			`{"state":"normal","resolved_ts":454395781887819776,"checkpoint_ts":454395781887819776}`},
		{"pause unknown is 400", call{method: "POST", path: "/api/v2/changefeeds/nope/pause"}, 400, notExists},
		{"resume needs a body", call{method: "POST", path: "/api/v2/changefeeds/paused/resume"}, 400,
			errBody("[CDC:ErrAPIInvalidParam]invalid api parameter: empty request body, want JSON", "CDC:ErrAPIInvalidParam")},
		{"update of a running changefeed is refused", call{method: "PUT", path: "/api/v2/changefeeds/running", body: `{"target_ts":1}`}, 400,
			errBody("[CDC:ErrChangefeedUpdateRefused]changefeed update error: can only update changefeed config when it is stopped or failed", "CDC:ErrChangefeedUpdateRefused")},
		{"update target before start is refused", call{method: "PUT", path: "/api/v2/changefeeds/paused", body: `{"target_ts":5}`}, 400,
			errBody("[CDC:ErrChangefeedUpdateRefused]changefeed update error: can not update target_ts:5 less than start_ts:454395781887819776", "CDC:ErrChangefeedUpdateRefused")},
		{"update unknown", call{method: "PUT", path: "/api/v2/changefeeds/nope", body: `{}`}, 400, notExists},
		{"remove unknown is 200", call{method: "DELETE", path: "/api/v2/changefeeds/nope"}, 200, `{}`},
		{"create without sink uri", call{method: "POST", path: "/api/v2/changefeeds", body: `{"changefeed_id":"x"}`}, 400,
			errBody("[CDC:ErrSinkURIInvalid]sink uri invalid 'sink_uri is empty, cannot create a changefeed without sink_uri'", "CDC:ErrSinkURIInvalid")},
		{"create with a taken id is 500", call{method: "POST", path: "/api/v2/changefeeds", body: `{"changefeed_id":"running","sink_uri":"kafka://k:9092/t"}`}, 500,
			errBody("[CDC:ErrChangeFeedAlreadyExists]changefeed already exists, running", "CDC:ErrChangeFeedAlreadyExists")},
		{"create with a bad id", call{method: "POST", path: "/api/v2/changefeeds", body: `{"changefeed_id":"-x","sink_uri":"kafka://k:9092/t"}`}, 400,
			errBody("[CDC:ErrAPIInvalidParam]invalid changefeed_id: -x", "CDC:ErrAPIInvalidParam")},
		{"create with target before start", call{method: "POST", path: "/api/v2/changefeeds", body: `{"changefeed_id":"x","sink_uri":"kafka://k:9092/t","start_ts":10,"target_ts":9}`}, 400,
			errBody("[CDC:ErrTargetTsBeforeStartTs]fail to create changefeed because target-ts 9 is earlier than start-ts 10", "CDC:ErrTargetTsBeforeStartTs")},
		{"create with a bad start position", call{method: "POST", path: "/api/v2/changefeeds", body: `{"changefeed_id":"x","sink_uri":"kafka://k:9092/t","start_position":"bin:x"}`}, 400,
			errBody(`[CDC:ErrAPIInvalidParam]start position \"bin:x\": want file:pos with a byte offset, got \"x\"`, "CDC:ErrAPIInvalidParam")},
		{"create with malformed json", call{method: "POST", path: "/api/v2/changefeeds", body: `{"changefeed_id":`}, 400,
			errBody("[CDC:ErrAPIInvalidParam]invalid api parameter: unexpected EOF", "CDC:ErrAPIInvalidParam")},
		{"unknown route", call{method: "GET", path: "/api/v2/nothing"}, 404, "404 page not found\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := do(t, h, tt.call)
			if status != tt.wantStatus {
				t.Errorf("status = %d, want %d (body %s)", status, tt.wantStatus, body)
			}
			if tt.wantBody != "" && body != tt.wantBody {
				t.Errorf("body:\n got %s\nwant %s", body, tt.wantBody)
			}
		})
	}
}

func TestLifecycleThroughTheAPI(t *testing.T) {
	e := newEngine()
	h := server.New(e, server.Options{Location: time.UTC})
	steps := []struct {
		call       call
		wantStatus int
		wantIn     string
	}{
		{call{method: "POST", path: "/api/v2/changefeeds", body: `{"changefeed_id":"feed","sink_uri":"kafka://k:9092/t?protocol=avro&sasl-password=pw","upstream":"mysql://root:dbpw@h:3306","snapshot":"never"}`},
			200, `"sink_uri":"kafka://k:9092/t?protocol=avro\u0026sasl-password=xxxxx","create_time":"2024-12-05T07:05:46.679Z","start_ts":454395781887819776,"config":{`},
		{call{method: "GET", path: "/api/v2/changefeeds/feed"}, 200, `"upstream":"mysql://root:xxxxx@h:3306","snapshot":"never"`},
		{call{method: "POST", path: "/api/v2/changefeeds/feed/pause"}, 200, `{}`},
		{call{method: "GET", path: "/api/v2/changefeeds/feed/status"}, 200, `"state":"stopped"`},
		{call{method: "PUT", path: "/api/v2/changefeeds/feed", body: `{"target_ts":454395781887819777}`}, 200, `"target_ts":454395781887819777`},
		{call{method: "POST", path: "/api/v2/changefeeds/feed/resume", body: `{"overwrite_checkpoint_ts":454395781887819780}`}, 200, `{}`},
		{call{method: "GET", path: "/api/v2/changefeeds/feed"}, 200, `"state":"normal","creator_version":"cdcctl-servertest","resolved_ts":454395781887819780,"checkpoint_ts":454395781887819780`},
		{call{method: "DELETE", path: "/api/v2/changefeeds/feed"}, 200, `{}`},
		{call{method: "GET", path: "/api/v2/changefeeds/feed"}, 400, `CDC:ErrChangeFeedNotExists`},
	}
	for i, s := range steps {
		status, body := do(t, h, s.call)
		if status != s.wantStatus || !strings.Contains(body, s.wantIn) {
			t.Fatalf("step %d %s %s: status %d body %s; want %d containing %s", i, s.call.method, s.call.path, status, body, s.wantStatus, s.wantIn)
		}
		if strings.Contains(body, "dbpw") || strings.Contains(body, "=pw") {
			t.Fatalf("step %d leaks a secret: %s", i, body)
		}
	}
	info, _ := e.Info(api.ChangefeedID{Namespace: "default", ID: "feed"})
	if info.ID != "" {
		t.Errorf("changefeed still stored after remove: %+v", info)
	}
}

func TestCreateGeneratesIDAndDefaultConfig(t *testing.T) {
	e := newEngine()
	h := server.New(e, server.Options{})
	status, body := do(t, h, call{method: "POST", path: "/api/v2/changefeeds", body: `{"sink_uri":"kafka://k:9092/t"}`})
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	if !strings.Contains(body, `"namespace":"default"`) || !strings.Contains(body, `"memory_quota":1073741824`) {
		t.Errorf("body = %s", body)
	}
	list, _ := e.List(t.Context(), "default", "all")
	if len(list) != 1 || !api.ValidID(list[0].ID) || len(list[0].ID) != 36 {
		t.Errorf("generated id: %+v", list)
	}
}

func TestAuthOnMutatingCalls(t *testing.T) {
	e := newEngine()
	seed(e, "paused", api.StateStopped)
	h := server.New(e, server.Options{Token: "s3cret"})
	tests := []struct {
		name       string
		call       call
		wantStatus int
		wantBody   string
	}{
		{"reads need no token", call{method: "GET", path: "/api/v2/changefeeds"}, 200, ""},
		{"missing token", call{method: "POST", path: "/api/v2/changefeeds/paused/pause"}, 401,
			errBody(`[CDC:ErrCredentialNotFound]credential not found: please pass the server token in an \"Authorization: Bearer\" header`, "CDC:ErrCredentialNotFound")},
		{"wrong token", call{method: "DELETE", path: "/api/v2/changefeeds/paused", token: "nope"}, 401,
			errBody("[CDC:ErrUnauthorized]unauthorized: the bearer token does not match the server's", "CDC:ErrUnauthorized")},
		{"right token", call{method: "POST", path: "/api/v2/changefeeds/paused/resume", body: `{}`, token: "s3cret"}, 200, `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := do(t, h, tt.call)
			if status != tt.wantStatus || (tt.wantBody != "" && body != tt.wantBody) {
				t.Errorf("got %d %s, want %d %s", status, body, tt.wantStatus, tt.wantBody)
			}
		})
	}
}

func TestNotReadyAnd500AndHealth(t *testing.T) {
	e := newEngine()
	ready := false
	h := server.New(e, server.Options{Ready: func() bool { return ready }})
	status, body := do(t, h, call{method: "GET", path: "/api/v2/changefeeds"})
	if status != 503 || body != errBody("[CDC:ErrServerIsNotReady]cdc server is not ready", "CDC:ErrServerIsNotReady") {
		t.Errorf("not ready: %d %s", status, body)
	}
	ready = true
	e.FailWith = errors.New("metadata store: disk I/O error")
	status, body = do(t, h, call{method: "GET", path: "/api/v2/changefeeds"})
	if status != 500 || body != errBody("metadata store: disk I/O error", "CDC:ErrInternalServerError") {
		t.Errorf("engine failure: %d %s", status, body)
	}
	e.Unhealthy = true
	status, body = do(t, h, call{method: "GET", path: "/api/v2/health"})
	if status != 500 || body != errBody("[CDC:ErrClusterIsUnhealthy]TiCDC cluster is unhealthy", "CDC:ErrClusterIsUnhealthy") {
		t.Errorf("unhealthy: %d %s", status, body)
	}
}

func TestStatusDropsErrorsOlderThanCheckpoint(t *testing.T) {
	e := newEngine()
	before, after := t0.Add(-time.Second), t0.Add(time.Second)
	info := api.ChangeFeedInfo{Namespace: "default", ID: "old", State: api.StateWarning, CheckpointTs: t0TSO,
		Error: &api.RunningError{Time: &before, Code: "C", Message: "old"}}
	e.Put(info)
	info.ID, info.Error = "new", &api.RunningError{Time: &after, Code: "C", Message: "new"}
	e.Put(info)
	h := server.New(e, server.Options{})
	if _, body := do(t, h, call{method: "GET", path: "/api/v2/changefeeds/old/status"}); strings.Contains(body, "last_error") {
		t.Errorf("stale error shown: %s", body)
	}
	if _, body := do(t, h, call{method: "GET", path: "/api/v2/changefeeds/new/status"}); !strings.Contains(body, `"last_error":{"time":"2024-12-05T07:05:47.679Z","addr":"","code":"C","message":"new"}`) {
		t.Errorf("new error missing: %s", body)
	}
}

func TestMetricsMountAndLogging(t *testing.T) {
	var logs bytes.Buffer
	metrics := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "cdcctl_up 1\n") })
	h := server.New(newEngine(), server.Options{Metrics: metrics, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 || rec.Body.String() != "cdcctl_up 1\n" {
		t.Errorf("metrics: %d %q", rec.Code, rec.Body.String())
	}
	do(t, h, call{method: "POST", path: "/api/v2/changefeeds?namespace=default", body: `{"changefeed_id":"a","sink_uri":"kafka://k:9092/t?sasl-password=topsecret"}`})
	if !strings.Contains(logs.String(), "path=/api/v2/changefeeds status=200") || strings.Contains(logs.String(), "topsecret") {
		t.Errorf("logs = %s", logs.String())
	}
	rec = httptest.NewRecorder()
	server.New(newEngine(), server.Options{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 404 {
		t.Errorf("metrics without handler: %d", rec.Code)
	}
}
