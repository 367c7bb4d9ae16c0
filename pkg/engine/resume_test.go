package engine

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/meta"
)

// TestResumeFailedChangefeedStartsItAgain: a changefeed whose supervisor
// ended on its own (here: its definition cannot run) must start a new
// supervisor on Resume, not answer "already running".
func TestResumeFailedChangefeedStartsItAgain(t *testing.T) {
	store, err := meta.OpenBolt(filepath.Join(t.TempDir(), "meta.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	e, err := New(context.Background(), Options{Store: store})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close(context.Background())
	f := e.newFeed(Definition{Namespace: "default", ID: "bad", SinkURI: "not a uri"}) // fails at once, for good
	e.mu.Lock()
	e.feeds[f.key] = f
	e.startLocked(f)
	e.mu.Unlock()
	waitFor := func(what string, cond func(Status) bool) Status {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for {
			st, err := e.Get("default", "bad")
			if err != nil {
				t.Fatal(err)
			}
			if cond(st) {
				return st
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: state %s", what, st.State)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	first := waitFor("first failure", func(st Status) bool { return st.State == StateFailed })
	if err := e.Resume(context.Background(), "default", "bad", 0); err != nil {
		t.Fatal(err)
	}
	// The resumed run fails again (the definition is still bad): a new
	// error, later than the first, proves a new supervisor ran.
	waitFor("failure after resume", func(st Status) bool {
		return st.State == StateFailed && st.LastError != nil && st.LastError.Time.After(first.LastError.Time)
	})
}
