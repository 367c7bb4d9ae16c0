package app

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/capture"
	"github.com/cdcctl/cdcctl/pkg/engine"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/meta"
)

// badServer is a cdcctl capture server on a fresh data directory that
// holds one stopped changefeed, "existing" (stopped, so nothing runs and
// nothing writes the store on its own).
type badServer struct {
	addr   string
	dbPath string
}

func startBadServer(t *testing.T) *badServer {
	t.Helper()
	dir := t.TempDir()
	s := &badServer{dbPath: filepath.Join(dir, "meta.db")}
	store, err := meta.OpenBolt(s.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	def := engine.Definition{Namespace: "default", ID: "existing", SinkURI: "kafka://127.0.0.1:1/t?protocol=avro",
		Config:   json.RawMessage(`{"sink":{"protocol":"avro","schema_registry":"http://127.0.0.1:1"}}`),
		Upstream: "mysql://root@127.0.0.1:1", Snapshot: engine.SnapshotNever, ServerID: 7, CreateTime: time.Unix(1e9, 0).UTC()}
	info, err := json.Marshal(def)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	key := meta.Key{Namespace: "default", ID: "existing"}
	if err := store.CreateChangefeed(ctx, key, info); err != nil {
		t.Fatal(err)
	}
	if err := store.PutStatus(ctx, key, []byte(`{"state":"stopped"}`)); err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	srv, err := capture.Start(ctx, capture.Options{Addr: "127.0.0.1:0", DataDir: dir, Upstream: "mysql://root@127.0.0.1:1", TimeZone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop(context.Background()) })
	s.addr = srv.Addr()
	return s
}

// digest is the metadata store file's hash: any write transaction
// changes it (bbolt bumps the transaction id of a meta page).
func (s *badServer) digest(t *testing.T) [32]byte {
	t.Helper()
	b, err := os.ReadFile(s.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// badCLI is a command line that must fail: its exit code and a part of
// the one error line naming what is wrong.
type badCLI struct {
	name    string
	args    []string // "@name" is replaced by the path of files[name]
	env     []string // KEY=VALUE
	code    int
	wantErr string
	stdout  string // what the command prints before failing, if anything
}

// badAPI is an HTTP request that must fail with status and TiCDC code.
// A case with bug set documents a known bug: the server answers
// nowStatus and nowCode today; the test fails once it answers the right
// ones, so that the marker is removed.
type badAPI struct {
	name, method, path, body string
	status                   int
	code, wantErr            string

	bug       string
	nowStatus int
	nowCode   string
}

// TestBadInputLeavesStoreUnchanged feeds malformed sink URIs, config
// files, flags, DDL files and API bodies to cdcctl and its server: each
// fails with a precise error and the right exit or HTTP code, and the
// metadata store is byte for byte the same afterwards.
func TestBadInputLeavesStoreUnchanged(t *testing.T) {
	srv := startBadServer(t)
	dir := t.TempDir()
	for name, content := range badFiles() {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("CDCCTL_SERVER", "http://"+srv.addr)
	before := srv.digest(t)
	n := 0
	for _, tt := range badCLIs() {
		n++
		t.Run("cli/"+tt.name, func(t *testing.T) {
			for _, kv := range tt.env {
				k, v, _ := strings.Cut(kv, "=")
				t.Setenv(k, v)
			}
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				if name, ok := strings.CutPrefix(a, "@"); ok {
					a = filepath.Join(dir, name)
				}
				args[i] = a
			}
			ios, _, out, errOut := iostreams.Test()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			code := Run(ctx, ios, args)
			stderr := errOut.String()
			if code != tt.code {
				t.Errorf("exit code = %d, want %d\nstderr: %s", code, tt.code, stderr)
			}
			line := firstErrorLine(stderr)
			if !strings.Contains(line, tt.wantErr) {
				t.Errorf("error = %q, want it to contain %q", line, tt.wantErr)
			}
			if c := strings.Count(stderr, "Error: "); c != 1 {
				t.Errorf("%d error lines, want 1:\n%s", c, stderr)
			}
			if out.String() != tt.stdout {
				t.Errorf("stdout = %q, want %q", out.String(), tt.stdout)
			}
			if srv.digest(t) != before {
				t.Fatalf("the metadata store changed")
			}
		})
	}
	for _, tt := range badAPIs() {
		n++
		t.Run("api/"+tt.name, func(t *testing.T) {
			status, code, msg := call(t, srv.addr, tt)
			if tt.bug != "" {
				if status == tt.status && code == tt.code {
					t.Errorf("known bug %s is fixed (HTTP %d %s): remove the marker", tt.bug, status, code)
				}
				t.Logf("KNOWN BUG %s: HTTP %d %s, TiCDC answers %d %s", tt.bug, status, code, tt.status, tt.code)
				tt.status, tt.code = tt.nowStatus, tt.nowCode
			}
			if status != tt.status || code != tt.code {
				t.Errorf("%s %s = HTTP %d %s, want %d %s (%s)", tt.method, tt.path, status, code, tt.status, tt.code, msg)
			}
			if !strings.Contains(msg, tt.wantErr) {
				t.Errorf("error_msg = %q, want it to contain %q", msg, tt.wantErr)
			}
			if srv.digest(t) != before {
				t.Fatalf("the metadata store changed")
			}
		})
	}
	if n < 50 {
		t.Errorf("%d bad inputs, want at least 50", n)
	}
}

func firstErrorLine(stderr string) string {
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "Error: ") {
			return l
		}
	}
	return ""
}

// call sends a request and returns the status and TiCDC error code and
// message of the answer.
func call(t *testing.T, addr string, tt badAPI) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(tt.method, "http://"+addr+tt.path, strings.NewReader(tt.body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var e struct {
		Code string `json:"error_code"`
		Msg  string `json:"error_msg"`
	}
	if err := json.Unmarshal(b, &e); err != nil {
		return resp.StatusCode, "", string(b)
	}
	return resp.StatusCode, e.Code, e.Msg
}
