package shared_test

import (
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/app"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/server"
	"github.com/cdcctl/cdcctl/pkg/server/servertest"
)

// cli runs cdcctl in process, as a user would, and returns its exit code
// and outputs.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	code := app.Run(t.Context(), ios, args)
	return code, out.String(), errOut.String()
}

// TestChangefeedCommandsAgainstAServer drives every verb through pkg/app
// (flag and env binding, exit codes, the one "Error:" line) against
// server.New over an in-memory engine.
func TestChangefeedCommandsAgainstAServer(t *testing.T) {
	engine := servertest.NewEngine()
	srv := httptest.NewServer(server.New(engine, server.Options{Token: "tok3n"}))
	defer srv.Close()
	dir := t.TempDir()
	srSecret := filepath.Join(dir, "sr.secret")
	if err := os.WriteFile(srSecret, []byte("sr/secret:1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("CDCCTL_CONFIG", "")
	t.Setenv("CDCCTL_SERVER", srv.URL)
	t.Setenv("CDCCTL_SERVER_TOKEN", "tok3n")
	t.Setenv("CDCCTL_SASL_PASSWORD", "kafka p@ss")
	t.Setenv("CDCCTL_UPSTREAM", "mysql://root:dbpass@127.0.0.1:3306")
	sink := "kafka://127.0.0.1:9092/orders?protocol=avro&sasl-mechanism=plain&sasl-user=key"
	id := api.ChangefeedID{Namespace: "default", ID: "orders"}
	secrets := []string{"kafka p@ss", "kafka+p%40ss", "sr/secret", "sr%2Fsecret", "dbpass", "tok3n"}

	steps := []struct {
		name       string
		args       string
		wantCode   int
		wantOut    string // prefix of stdout
		wantErrOut string // exact stderr when set
	}{
		{"create", "changefeed create -c orders --sink-uri " + sink + " --schema-registry https://sr.example.com --schema-registry-user srkey --schema-registry-password-file " + srSecret + " --snapshot never",
			0, "Create changefeed successfully!\nID: orders\nInfo: {\"upstream_id\":1,\"namespace\":\"default\",\"id\":\"orders\",\"sink_uri\":\"kafka://127.0.0.1:9092/orders?protocol=avro\\u0026sasl-mechanism=plain\\u0026sasl-password=xxxxx\\u0026sasl-user=key\"", ""},
		{"duplicate id", "changefeed create -c orders --sink-uri " + sink + " --schema-registry http://r:8081",
			2, "", "Error: [CDC:ErrChangeFeedAlreadyExists]changefeed already exists, orders\n"},
		{"bad sink uri: nothing created", "changefeed create -c other --sink-uri kafka://127.0.0.1:9092/t?protocol=avro&required-acks=2 --schema-registry http://r:8081",
			2, "", "Error: sink-uri: parameter \"required-acks\": only -1, 0 or 1 are allowed, got 2\n"},
		{"invalid id", "changefeed query -c bad_id", 2, "", "Error: [CDC:ErrAPIInvalidParam]invalid changefeed_id: bad_id\n"},
		{"unknown changefeed", "changefeed query -c nope", 3, "", "Error: [CDC:ErrChangeFeedNotExists]changefeed not exists, default/nope\n"},
		{"list", "changefeed list", 0, "[\n  {\n    \"id\": \"orders\",\n    \"namespace\": \"default\",\n    \"summary\": {\n      \"state\": \"normal\",", ""},
		{"query", "changefeed query -c orders -o yaml", 0, "id: orders\nnamespace: default\nstate: normal\n", ""},
		{"update of a running changefeed", "changefeed update -c orders --target-ts 1 --no-confirm", 2, "",
			"Error: [CDC:ErrChangefeedUpdateRefused]changefeed update error: can only update changefeed config when it is stopped or failed\n"},
		{"pause", "changefeed pause -c orders", 0, "", ""},
		{"update", fmt.Sprintf("changefeed update -c orders --target-ts %d --no-confirm", uint64(time.Now().Add(time.Hour).UnixMilli())<<18),
			0, "Diff of changefeed config:\ntarget_ts: 0 -> ", ""},
		{"resume", "changefeed resume -c orders", 0, "", ""},
		{"remove", "changefeed remove -c orders", 0, "Changefeed remove successfully.\nID: orders\nCheckpointTs: ", ""},
		{"remove again", "changefeed remove -c orders", 3, "Changefeed not found.\nID: orders\n",
			"Error: [CDC:ErrChangeFeedNotExists]changefeed not exists, default/orders\n"},
		{"flag error prints usage", "changefeed pause", 2, "", ""},
	}
	for _, s := range steps {
		code, out, errOut := cli(t, strings.Fields(s.args)...)
		if code != s.wantCode || !strings.HasPrefix(out, s.wantOut) || (s.wantErrOut != "" && errOut != s.wantErrOut) {
			t.Fatalf("%s: exit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d, stdout starting %q, stderr %q", s.name, code, out, errOut, s.wantCode, s.wantOut, s.wantErrOut)
		}
		for _, secret := range secrets {
			if strings.Contains(out+errOut, secret) {
				t.Fatalf("%s: output leaks %q:\n%s%s", s.name, secret, out, errOut)
			}
		}
		if s.name == "create" {
			stored, _ := engine.Info(id)
			if stored.SinkURI != sink+"&sasl-password=kafka+p%40ss" || stored.Upstream != "mysql://root:dbpass@127.0.0.1:3306" ||
				*stored.Config.Sink.SchemaRegistry != "https://srkey:sr%2Fsecret%3A1@sr.example.com" || stored.Snapshot != api.SnapshotNever {
				t.Fatalf("engine got sink %s upstream %s registry %s", stored.SinkURI, stored.Upstream, *stored.Config.Sink.SchemaRegistry)
			}
		}
		if s.name == "bad sink uri: nothing created" {
			if _, ok := engine.Info(api.ChangefeedID{Namespace: "default", ID: "other"}); ok {
				t.Fatal("a changefeed was created from a bad sink URI")
			}
		}
	}
}

func TestServerAddressErrors(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("CDCCTL_CONFIG", "")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	tests := []struct {
		name, args string
		wantCode   int
		wantErrOut string
	}{
		{"nothing listens", "changefeed list --server http://" + closed, 1,
			fmt.Sprintf("Error: cannot reach server http://%s: dial tcp %s: connect: connection refused\n", closed, closed)},
		{"not http", "changefeed list --server ftp://127.0.0.1:8300", 2,
			"Error: invalid server address \"ftp://127.0.0.1:8300\": scheme \"ftp\", want http or https\n"},
		{"credentials never shown", "changefeed pause -c a --server http://u:hunter2@" + closed, 1,
			fmt.Sprintf("Error: cannot reach server http://%s: dial tcp %s: connect: connection refused\n", closed, closed)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cli(t, strings.Fields(tt.args)...)
			if code != tt.wantCode || out != "" || errOut != tt.wantErrOut {
				t.Errorf("exit %d stdout %q stderr %q", code, out, errOut)
			}
		})
	}
	srv := httptest.NewServer(server.New(servertest.NewEngine(), server.Options{Token: "right"}))
	defer srv.Close()
	t.Setenv("CDCCTL_SERVER", srv.URL)
	code, _, errOut := cli(t, "changefeed", "pause", "-c", "a", "--server-token", "wrong")
	if code != 1 || errOut != "Error: [CDC:ErrUnauthorized]unauthorized: the bearer token does not match the server's\n" {
		t.Errorf("wrong token: exit %d stderr %q", code, errOut)
	}
}
