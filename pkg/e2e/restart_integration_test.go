//go:build integration

package e2e

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

const sigterm = syscall.SIGTERM

// drained checks the log of a server stopped by one signal: it drained
// (final checkpoints written) rather than taking the forced path.
func drained(t *testing.T, p *proc) {
	t.Helper()
	log := p.stderr.String()
	if !strings.Contains(log, "draining: stopping changefeeds and writing final checkpoints") || !strings.Contains(log, "msg=stopped") {
		t.Errorf("%s: no drain in its log:\n%s", p.name, log)
	}
	if strings.Contains(log, "second signal") {
		t.Errorf("%s: one SIGTERM took the second-signal path (drain abandoned)", p.name)
	}
}

// restart stops the server with SIGTERM, writes rows while it is down,
// and starts it again on the same data directory: the changefeed resumes
// from its checkpoint, every row arrives, none twice.
func (f *flow) restart(t *testing.T) {
	s := f.s
	f.srv.signal(t, sigterm)
	code, ok := f.srv.wait(30 * time.Second)
	if !ok || code != 0 {
		t.Fatalf("server after SIGTERM: exited %v, code %d\n%s", ok, code, f.srv)
	}
	drained(t, f.srv)

	s.exec(t, "INSERT INTO shop.item VALUES (30, 'offline', 3.00)", "DELETE FROM shop.item WHERE id = 10")
	f.srv = s.startServer(t, "cdcctl server (2nd run)", f.dataDir)
	item := f.want["upd_shop_item"]
	item["id=30"] = []string{"c id=30 name=offline price=3.00"}
	item["id=10"] = []string{"d id=10"}
	f.check(t, "rows written while the server was down")
	if !strings.Contains(f.srv.stderr.String(), `msg="resuming from checkpoint" changefeed=default/`+feedID) {
		t.Errorf("the restarted server did not say it resumed from the checkpoint:\n%s", f.srv.stderr.String())
	}
	if q := f.querySimple(t); q.State != "normal" {
		t.Errorf("after restart: %+v", q)
	}
}

// apiAnswers records what the API answers (for the secrets search) and
// checks that the secrets are there in masked form.
func (f *flow) apiAnswers(t *testing.T) {
	s := f.s
	if f.srv.exited() {
		t.Fatalf("the server is not running:\n%s", f.srv)
	}
	one := string(s.get(t, "/api/v2/changefeeds/"+feedID))
	for _, masked := range []string{`"upstream":"mysql://` + upstreamUser + `:xxxxx@`, `"schema_registry":"http://` + registryUser + `:xxxxx@`} {
		if !strings.Contains(one, masked) {
			t.Errorf("GET changefeed lacks %s: %s", masked, one)
		}
	}
	s.get(t, "/api/v2/changefeeds?state=all")
	s.get(t, "/api/v2/changefeeds/"+feedID+"/status")
	s.get(t, "/api/v2/status")
	s.get(t, "/api/v2/captures")
	metrics := string(s.get(t, "/metrics"))
	if !strings.Contains(metrics, `cdcctl_changefeed_rows_written_total{changefeed="`+feedID+`",namespace="default"}`) {
		t.Errorf("/metrics lacks the changefeed's row counter")
	}
}

// secondSignal freezes the upstream so that the drain cannot finish (the
// binlog reader's close waits for MariaDB), then sends SIGTERM: the server
// keeps draining; a second SIGTERM makes it exit at once. A new server
// then carries on from the same data directory.
func (f *flow) secondSignal(t *testing.T) {
	s := f.s
	pid := s.mysqldPID(t)
	if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	thawed := false
	thaw := func() {
		if !thawed {
			thawed = true
			if err := syscall.Kill(pid, syscall.SIGCONT); err != nil {
				t.Errorf("SIGCONT mariadbd: %v", err)
			}
		}
	}
	t.Cleanup(thaw)

	f.srv.signal(t, sigterm)
	if code, exited := f.srv.wait(2 * time.Second); exited {
		t.Errorf("one SIGTERM with the upstream hung: the server exited (code %d) within 2s instead of draining\n%s", code, f.srv)
	} else {
		f.srv.signal(t, sigterm)
		began := time.Now()
		if _, exited := f.srv.wait(5 * time.Second); !exited {
			t.Fatalf("the server did not exit within 5s of a second SIGTERM\n%s", f.srv)
		}
		t.Logf("exited %s after the second SIGTERM", time.Since(began).Round(time.Millisecond))
		if !strings.Contains(f.srv.stderr.String(), "second signal: stopping without waiting for the drain") {
			t.Errorf("no second-signal message in the log:\n%s", f.srv.stderr.String())
		}
	}
	thaw()

	f.srv = s.startServer(t, "cdcctl server (3rd run)", f.dataDir)
	s.exec(t, "INSERT INTO shop.item VALUES (40, 'after', 4.00)")
	f.want["upd_shop_item"]["id=40"] = []string{"c id=40 name=after price=4.00"}
	f.checkAtLeastOnce(t, "a row written after the forced exit")
}
