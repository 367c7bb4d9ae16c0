//go:build integration

package e2e

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

const feedID = "e2e-feed"

// flow is the state the phases of TestServerEndToEnd pass on.
type flow struct {
	s       *stack
	r       *reader
	srv     *proc  // the running cdcctl server
	dataDir string // its --data-dir, kept across restarts
	srFile  string // the registry password, raw, in a file
	// want is what each topic must hold, by key, in offset order.
	want map[string]map[string][]string
}

// TestServerEndToEnd drives the whole flow through the cdcctl binary: a
// playground, `cdcctl server` as its own process, and every changefeed
// verb against it, checking what reaches Kafka, what the commands print,
// the server's drain on SIGTERM and forced exit on a second one, and that
// no secret ever comes out.
func TestServerEndToEnd(t *testing.T) {
	start := time.Now()
	s := startStack(t)
	f := &flow{s: s, r: newReader(t, s.ep.Kafka, s.ep.Registry), dataDir: filepath.Join(s.dir, "server"),
		want: map[string]map[string][]string{}}
	f.srFile = s.writeFile(t, "sr.secret", registryPass+"\n")
	t.Logf("playground up in %s", time.Since(start).Round(time.Millisecond))
	f.srv = s.startServer(t, "cdcctl server (1st run)", f.dataDir)

	phases := []struct {
		name string
		run  func(*testing.T)
	}{
		{"create", f.create},
		{"snapshot and changes arrive", f.changesArrive},
		{"list and query", f.listAndQuery},
		{"pause, update while stopped, resume", f.pauseUpdateResume},
		{"restart resumes from the checkpoint", f.restart},
		{"API answers", f.apiAnswers},
		{"second signal forces the exit", f.secondSignal},
		{"remove", f.remove},
	}
	for _, p := range phases {
		began := time.Now()
		completed := false // false when the phase stopped at a t.Fatal
		t.Run(p.name, func(t *testing.T) { p.run(t); completed = true })
		if !completed {
			t.Fatalf("phase %q stopped; the later phases depend on it", p.name)
		}
		t.Logf("%-40s %s", p.name, time.Since(began).Round(time.Millisecond))
	}
	assertNoSecrets(t, s.tr)
	t.Logf("whole flow: %s", time.Since(start).Round(time.Millisecond))
}

func (f *flow) sinkURI() string {
	return "kafka://" + f.s.ep.Kafka + "/ticdc-meta?protocol=avro&enable-tidb-extension=true"
}

// guideDispatchers are the dispatchers of examples/changefeed.conf.
func guideDispatchers(t *testing.T) (path string, rules []replicaconfig.DispatchRule) {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("..", "..", "examples", "changefeed.conf"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := replicaconfig.DecodeTOML(b, path)
	if err != nil {
		t.Fatal(err)
	}
	return path, rc.Sink.DispatchRules
}

// parseTiCDCInfo reads the "<title>\nID: <id>\nInfo: <json>" lines that
// create and update print.
func parseTiCDCInfo(t *testing.T, out, title string) *api.ChangeFeedInfo {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 3 || lines[len(lines)-3] != title || lines[len(lines)-2] != "ID: "+feedID || !strings.HasPrefix(lines[len(lines)-1], "Info: {") {
		t.Fatalf("output is not TiCDC's %q lines:\n%s", title, out)
	}
	var info api.ChangeFeedInfo
	if err := json.Unmarshal([]byte(strings.TrimPrefix(lines[len(lines)-1], "Info: ")), &info); err != nil {
		t.Fatalf("Info JSON: %v\n%s", err, out)
	}
	return &info
}

func (f *flow) create(t *testing.T) {
	s := f.s
	s.exec(t, "CREATE DATABASE shop",
		"CREATE TABLE shop.item (id INT PRIMARY KEY, name VARCHAR(32), price DECIMAL(8,2) NOT NULL DEFAULT 0)",
		"CREATE TABLE shop.customer (cid INT PRIMARY KEY, email VARCHAR(64))",
		"INSERT INTO shop.item VALUES (1, 'pen', 1.50), (2, 'ink', 2.00), (3, 'pad', 3.25)",
		"INSERT INTO shop.customer VALUES (1, 'a@example.com')")
	conf, rules := guideDispatchers(t)
	args := []string{"changefeed", "create", "--sink-uri", f.sinkURI(), "--config", conf, "--schema-registry", s.ep.Registry,
		"--schema-registry-user", registryUser, "--schema-registry-password-file", f.srFile}

	// A wrong upstream password is refused before anything is stored,
	// with TiCDC's code and without the password.
	host := strings.TrimPrefix(s.ep.MySQL, "mysql://root@")
	bad := runCmd(t, s.tr, s.env("CDCCTL_UPSTREAM=mysql://"+upstreamUser+":"+strings.ReplaceAll(wrongPass, "%", "%25")+"@"+host),
		append([]string{"--log-level", "debug"}, append(args, "-c", "bad-feed")...)...)
	if bad.code != 2 || !strings.Contains(bad.stderr, "Error: [CDC:ErrMySQLInvalidConfig]") || !strings.Contains(bad.stderr, "Access denied") {
		t.Errorf("create with a wrong upstream password: want exit 2 and CDC:ErrMySQLInvalidConfig naming the refusal\n%s", bad)
	}

	// The guide's rule twice (file and preset) is refused offline.
	if both := s.cli(t, append(args, "-c", feedID, "--dispatch-preset", "confluent")...); both.code != 2 ||
		!strings.Contains(both.stderr, "--dispatch-preset confluent: changefeed config") {
		t.Errorf("create with --config dispatchers and --dispatch-preset: want exit 2 naming both\n%s", both)
	}

	r := runCmd(t, s.tr, s.env("CDCCTL_UPSTREAM="+s.upstream), append([]string{"--log-level", "debug"}, append(args, "-c", feedID)...)...)
	if r.code != 0 {
		t.Fatalf("%s", r)
	}
	info := parseTiCDCInfo(t, r.stdout, "Create changefeed successfully!")
	if info.State != api.StateNormal || info.SinkURI != f.sinkURI() {
		t.Errorf("created: state %q sink %q", info.State, info.SinkURI)
	}
	if got, want := info.Upstream, "mysql://"+upstreamUser+":xxxxx@"+host; got != want {
		t.Errorf("upstream shown as %q, want %q", got, want)
	}
	if info.Config == nil || info.Config.Sink.SchemaRegistry == nil {
		t.Fatalf("created without a registry: %+v", info.Config)
	}
	if got, want := *info.Config.Sink.SchemaRegistry, "http://"+registryUser+":xxxxx@"+strings.TrimPrefix(s.ep.Registry, "http://"); got != want {
		t.Errorf("registry shown as %q, want %q", got, want)
	}
	if diff := cmp.Diff(rules, info.Config.Sink.DispatchRules); diff != "" {
		t.Errorf("dispatchers differ from examples/changefeed.conf (-file +created):\n%s", diff)
	}
	if list := s.mustCLI(t, "changefeed", "list", "-a"); strings.Contains(list.stdout, "bad-feed") {
		t.Errorf("the refused changefeed was stored:\n%s", list.stdout)
	}
}

func (f *flow) changesArrive(t *testing.T) {
	f.want["tidb_shop_item"] = map[string][]string{
		"id=1": {"c id=1 name=pen price=1.50"},
		"id=2": {"c id=2 name=ink price=2.00"},
		"id=3": {"c id=3 name=pad price=3.25"},
	}
	f.want["tidb_shop_customer"] = map[string][]string{"cid=1": {"c cid=1 email=a@example.com"}}
	f.check(t, "the snapshot")

	f.s.exec(t, "INSERT INTO shop.item VALUES (4, 'cup', 4.00)",
		"UPDATE shop.item SET name = 'quill' WHERE id = 1",
		"UPDATE shop.item SET id = 10 WHERE id = 2", // key change: tombstone, then an insert
		"DELETE FROM shop.item WHERE id = 3",
		"UPDATE shop.customer SET email = 'b@example.com' WHERE cid = 1")
	item := f.want["tidb_shop_item"]
	item["id=1"] = append(item["id=1"], "u id=1 name=quill price=1.50")
	item["id=2"] = append(item["id=2"], "d id=2")
	item["id=3"] = append(item["id=3"], "d id=3")
	item["id=4"] = []string{"c id=4 name=cup price=4.00"}
	item["id=10"] = []string{"c id=10 name=ink price=2.00"}
	cust := f.want["tidb_shop_customer"]
	cust["cid=1"] = append(cust["cid=1"], "u cid=1 email=b@example.com")
	f.check(t, "insert, update, key change and delete")
}

// check waits until every topic of f.want holds what it must and nothing
// else: no message lost, none repeated (exactly once across a drained
// restart, since the final checkpoint is written).
func (f *flow) check(t *testing.T, what string) {
	t.Helper()
	f.compare(t, what, func(rows []string) []string { return rows })
}

// checkAtLeastOnce is check after a forced exit: the last checkpoint may
// be older than the last delivery, so a row may come again right after
// itself (at-least-once), but none may be missing or out of order.
func (f *flow) checkAtLeastOnce(t *testing.T, what string) {
	t.Helper()
	f.compare(t, what, func(rows []string) []string {
		var out []string
		for _, r := range rows {
			if len(out) == 0 || out[len(out)-1] != r {
				out = append(out, r)
			}
		}
		return out
	})
}

// compare polls each topic (20 s at most) until its rows, normalised by
// norm, are f.want's.
func (f *flow) compare(t *testing.T, what string, norm func([]string) []string) {
	t.Helper()
	for topic, want := range f.want {
		deadline := time.Now().Add(20 * time.Second)
		for {
			got, err := f.r.rows(topic)
			if oe := (*orderError)(nil); errors.As(err, &oe) {
				t.Fatalf("%s: topic %s: %v", what, topic, err)
			}
			for k, rows := range got {
				got[k] = norm(rows)
			}
			if err == nil && cmp.Equal(want, got) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: topic %s (-want +got):\n%s(read error: %v)", what, topic, cmp.Diff(want, got), err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}
