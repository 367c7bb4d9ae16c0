//go:build integration

package e2e

import (
	"strings"
	"testing"
	"time"
)

// updatedConf routes to new topics: rows after the update must land there.
const updatedConf = `[sink]
dispatchers = [
  {matcher = ['*.*'], topic = "upd_{schema}_{table}", partition = "index-value"},
]
`

func (f *flow) pauseUpdateResume(t *testing.T) {
	s := f.s
	if r := s.mustCLI(t, "changefeed", "pause", "-c", feedID); r.stdout != "" {
		t.Errorf("pause printed %q; TiCDC's prints nothing", r.stdout)
	}
	paused := f.querySimple(t)
	if paused.State != "stopped" {
		t.Fatalf("state after pause = %q", paused.State)
	}
	before := f.r.count(t, "tidb_shop_item")

	// Written while paused: nothing may be delivered.
	s.exec(t, "INSERT INTO shop.item VALUES (20, 'paused', 0)", "UPDATE shop.item SET name = 'cup2' WHERE id = 4")
	time.Sleep(1500 * time.Millisecond) // delivery takes well under 200 ms here
	if n := f.r.count(t, "tidb_shop_item"); n != before {
		t.Fatalf("a paused changefeed delivered %d messages", n-before)
	}
	if again := f.querySimple(t); again.State != "stopped" || again.CheckpointTSO != paused.CheckpointTSO {
		t.Errorf("while paused: %+v, want stopped at checkpoint %d", again, paused.CheckpointTSO)
	}

	// Update while stopped: new dispatchers (the registry is given again,
	// as --config replaces the whole replica configuration).
	conf := s.writeFile(t, "updated.conf", updatedConf)
	r := s.mustCLI(t, "changefeed", "update", "-c", feedID, "--config", conf, "--schema-registry", s.ep.Registry,
		"--schema-registry-user", registryUser, "--schema-registry-password-file", f.srFile, "--no-confirm")
	if !strings.HasPrefix(r.stdout, "Diff of changefeed config:\n") ||
		!strings.Contains(r.stdout, `"topic":"tidb_{schema}_{table}"}] -> [{"matcher":["*.*"],"partition":"index-value","topic":"upd_{schema}_{table}"}]`) {
		t.Errorf("update's diff:\n%s", r.stdout)
	}
	info := parseTiCDCInfo(t, r.stdout, "Update changefeed config successfully! ")
	if d := info.Config.Sink.DispatchRules; info.State != "stopped" || len(d) != 1 || d[0].Topic != "upd_{schema}_{table}" {
		t.Errorf("after update: state %q dispatchers %+v", info.State, d)
	}
	if reg := info.Config.Sink.SchemaRegistry; reg == nil || !strings.Contains(*reg, registryUser+":xxxxx@") {
		t.Errorf("after update: registry %v", reg)
	}

	// Resume: the paused rows arrive, in the new topic only.
	if r := s.mustCLI(t, "changefeed", "resume", "-c", feedID, "--no-confirm"); r.stdout != "" {
		t.Errorf("resume printed %q; TiCDC's prints nothing", r.stdout)
	}
	f.want["upd_shop_item"] = map[string][]string{
		"id=20": {"c id=20 name=paused price=0.00"},
		"id=4":  {"u id=4 name=cup2 price=4.00"},
	}
	f.check(t, "rows written while paused, after resume")
	if q := f.querySimple(t); q.State != "normal" || q.CheckpointTSO <= paused.CheckpointTSO {
		t.Errorf("after resume: %+v, want normal past checkpoint %d", q, paused.CheckpointTSO)
	}
}

// remove deletes the changefeed (TiCDC's four lines, then not found), and
// stops the server, which drains cleanly with nothing left to run.
func (f *flow) remove(t *testing.T) {
	s := f.s
	r := s.mustCLI(t, "changefeed", "remove", "-c", feedID)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 4 || lines[0] != "Changefeed remove successfully." || lines[1] != "ID: "+feedID ||
		!strings.HasPrefix(lines[2], "CheckpointTs: ") || lines[2] == "CheckpointTs: 0" || lines[3] != "SinkURI: "+f.sinkURI() {
		t.Errorf("remove output:\n%s", r.stdout)
	}
	if list := s.mustCLI(t, "changefeed", "list", "-a"); list.stdout != "[]\n" {
		t.Errorf("list -a after remove = %q", list.stdout)
	}
	q := s.cli(t, "changefeed", "query", "-c", feedID)
	if q.code != 3 || !strings.Contains(q.stderr, "Error: [CDC:ErrChangeFeedNotExists]changefeed not exists, default/"+feedID) {
		t.Errorf("query after remove: want exit 3 and CDC:ErrChangeFeedNotExists\n%s", q)
	}
	// Removing it again is not an error for the server, but says so.
	if again := s.cli(t, "changefeed", "remove", "-c", feedID); again.code != 3 || !strings.HasPrefix(again.stdout, "Changefeed not found.\nID: "+feedID) {
		t.Errorf("second remove:\n%s", again)
	}
	f.srv.signal(t, sigterm)
	if code, ok := f.srv.wait(30 * time.Second); !ok || code != 0 {
		t.Errorf("server after SIGTERM: exited %v, code %d\n%s", ok, code, f.srv)
	}
	drained(t, f.srv)
}
