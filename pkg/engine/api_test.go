package engine

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/meta"
)

func TestToAPIErrorCodesAndStatus(t *testing.T) {
	id := api.ChangefeedID{Namespace: "default", ID: "orders"}
	tests := []struct {
		name       string
		err        error
		wantCode   api.Code
		wantStatus int
		wantText   string
	}{
		{"not found", &NotFoundError{ID: "orders"}, api.CodeChangeFeedNotExists, 400, "changefeed not exists, default/orders"},
		{"already exists answers 500 as in TiCDC", inputErr(CodeAlreadyExists, errors.New("x")), api.CodeChangeFeedAlreadyExists, 500, "changefeed already exists, orders"},
		{"update refused", inputErr(CodeUpdateRefused, errors.New("x")), api.CodeChangefeedUpdateRefused, 400, "can only update changefeed config when it is stopped or failed"},
		{"bad id", inputErr(CodeInvalidID, errors.New("invalid changefeed id")), api.CodeAPIInvalidParam, 400, "invalid changefeed id"},
		{"bad sink uri", inputErr(CodeSinkURIInvalid, errors.New("sink-uri: bad")), api.CodeSinkURIInvalid, 400, "sink-uri: bad"},
		{"upstream", inputErr(CodeUpstream, errors.New("cannot reach upstream")), api.CodeMySQLInvalidConfig, 400, "cannot reach upstream"},
		{"bad config answers 500 as in TiCDC", inputErr(CodeInvalidConfig, errors.New("protocol")), api.CodeSinkInvalidConfig, 500, "protocol"},
		{"registry", inputErr(CodeRegistry, errors.New("registry down")), api.CodeSinkInvalidConfig, 500, "registry down"},
		{"shutting down is not ready", inputErr(CodeServerNotRunning, errors.New("the server is shutting down")), api.CodeServerIsNotReady, 503, "shutting down"},
		{"anything else", errors.New("disk full"), api.CodeInternalServerError, 500, "disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := toAPIError(id, tt.err, nil)
			if got := api.CodeOf(err); got != tt.wantCode {
				t.Errorf("code = %s, want %s", got, tt.wantCode)
			}
			if got := api.StatusOf(err); got != tt.wantStatus {
				t.Errorf("status = %d, want %d", got, tt.wantStatus)
			}
			body := api.BodyOf(err)
			if !strings.HasPrefix(body.Message, "["+string(tt.wantCode)+"]") || !strings.Contains(body.Message, tt.wantText) {
				t.Errorf("error_msg = %q, want [%s]…%s…", body.Message, tt.wantCode, tt.wantText)
			}
		})
	}
}

const (
	dbPass  = "db/p@ss:word"
	srPass  = "sr-s3cret+/x"
	sasPass = "k@fka pass"
)

func TestScrubRemovesEverySecretForm(t *testing.T) {
	rc := json.RawMessage(`{"sink":{"schema_registry":"http://key:sr-s3cret%2B%2Fx@r:8081","kafka_config":{"sasl_password":"k@fka pass"}}}`)
	d := Definition{SinkURI: "kafka://u:uri-pass@k:9092/t?protocol=avro&sasl-password=k%40fka+pass",
		Upstream: "mysql://cdc:db%2Fp%40ss%3Aword@db:3306", Config: rc}
	secrets := definitionSecrets(d)
	tests := []struct{ name, msg, want string }{
		{"raw upstream password", "dial cdc:" + dbPass + "@db", "dial cdc:xxxxx@db"},
		{"encoded in a URL", "GET http://key:sr-s3cret%2B%2Fx@r:8081/subjects", "GET http://key:xxxxx@r:8081/subjects"},
		{"query-encoded", "uri ?sasl-password=k%40fka+pass&x=1", "uri ?sasl-password=xxxxx&x=1"},
		{"sink user-info", "kafka://u:uri-pass@k", "kafka://u:xxxxx@k"},
		{"registry raw", "auth " + srPass, "auth xxxxx"},
		{"sasl raw", "sasl " + sasPass + " refused", "sasl xxxxx refused"},
		{"nothing secret", "broker 127.0.0.1:9092 is down", "broker 127.0.0.1:9092 is down"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scrub(tt.msg, secrets); got != tt.want {
				t.Errorf("scrub(%q) = %q, want %q", tt.msg, got, tt.want)
			}
		})
	}
	if got := scrub("a pw b", secretsOf("", "mysql://u:pw@h:1", nil)); got != "a pw b" {
		t.Errorf("a secret shorter than %d characters was scrubbed: %q", minSecretLen, got)
	}
}

// TestAPIAnswersScrubbed loads a failed changefeed whose stored error
// quotes its secrets and checks every answer that shows the error.
func TestAPIAnswersScrubbed(t *testing.T) {
	ctx := context.Background()
	store, err := meta.OpenBolt(filepath.Join(t.TempDir(), "meta.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	key := meta.Key{Namespace: "default", ID: "orders"}
	def := Definition{Namespace: "default", ID: "orders", Snapshot: SnapshotNever,
		SinkURI:  "kafka://k:9092/t?protocol=avro",
		Upstream: "mysql://cdc:db%2Fp%40ss%3Aword@db:3306",
		Config:   json.RawMessage(`{"sink":{"schema_registry":"http://key:sr-s3cret%2B%2Fx@r:8081"}}`)}
	info, _ := json.Marshal(def)
	msg := "registry http://key:sr-s3cret%2B%2Fx@r:8081 and upstream password " + dbPass
	status, _ := json.Marshal(storedStatus{State: StateFailed, LastError: &RunError{Time: time.Now(), Code: CodeRegistry, Message: msg}})
	if err := store.CreateChangefeed(ctx, key, info); err != nil {
		t.Fatal(err)
	}
	if err := store.PutStatus(ctx, key, status); err != nil {
		t.Fatal(err)
	}
	e, err := New(ctx, Options{Store: store})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close(ctx)
	a := &API{Engine: e, Addr: "127.0.0.1:8300"}
	id := api.ChangefeedID{Namespace: "default", ID: "orders"}

	got, err := a.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	list, err := a.List(ctx, "default", "")
	if err != nil || len(list) != 1 {
		t.Fatalf("list = %v, %v", list, err)
	}
	st, err := a.Status(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for name, e := range map[string]*api.RunningError{"get": got.Error, "list": list[0].Error, "status": st.LastError} {
		if e == nil || e.Code != CodeRegistry || e.Message != "registry http://key:xxxxx@r:8081 and upstream password xxxxx" {
			t.Errorf("%s: error = %+v", name, e)
		}
	}
	b, _ := json.Marshal(got)
	for _, s := range []string{dbPass, "sr-s3cret", "db%2Fp%40ss"} {
		if strings.Contains(string(b), s) {
			t.Errorf("GET answer holds %q: %s", s, b)
		}
	}

	err = a.Resume(ctx, id, 42)
	if api.CodeOf(err) != api.CodeAPIInvalidParam || api.StatusOf(err) != 400 || !strings.Contains(err.Error(), "start_position") {
		t.Errorf("resume with a checkpoint TSO: %v", err)
	}
	err = a.Resume(ctx, api.ChangefeedID{Namespace: "default", ID: "nope"}, 42)
	if api.CodeOf(err) != api.CodeChangeFeedNotExists {
		t.Errorf("resume of a missing changefeed: %v", err)
	}
}
