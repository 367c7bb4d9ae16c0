//go:build integration

package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/engine"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/meta"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// TestIdleUpstreamCheckpointAdvances: with nothing to read, the upstream's
// heartbeats move the checkpoint shown on to their time, so the lag stays
// seconds; the persisted checkpoint keeps the last transaction's commit
// ts, and the next transaction still moves the checkpoint past both.
func TestIdleUpstreamCheckpointAdvances(t *testing.T) {
	s := newStack(t)
	e, store := s.open(t, func(o *engine.Options) { o.WatchInterval = 50 * time.Millisecond })
	defer store.Close()
	defer e.Close(context.Background())
	ctx := context.Background()
	if _, err := e.Create(ctx, s.definition()); err != nil {
		t.Fatal(err)
	}
	testenv.Exec(t, s.db, "INSERT INTO shop.item VALUES (4, 'cap', 4.00)")
	caught := s.waitCaughtUp(t, e)
	persisted := waitPersisted(t, store, caught.Checkpoint.Pos)

	deadline := time.Now().Add(30 * time.Second) // heartbeats come every 5 s of silence
	var st engine.Status
	for {
		var err error
		if st, err = e.Get("default", "orders-feed"); err != nil {
			t.Fatal(err)
		}
		if st.Checkpoint.CommitTs > persisted.CommitTs {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("checkpoint still at the last commit (%s ago) after 30 s of an idle upstream",
				time.Since(event.TSOTime(persisted.CommitTs)).Round(time.Second))
		}
		time.Sleep(50 * time.Millisecond)
	}
	lag := time.Since(event.TSOTime(st.Checkpoint.CommitTs))
	if st.Checkpoint.Pos != persisted.Pos || lag < 0 || lag > 10*time.Second {
		t.Errorf("idle checkpoint %v, lag %s; want position %v and a lag of a few seconds", st.Checkpoint.Pos, lag, persisted.Pos)
	}
	time.Sleep(300 * time.Millisecond) // several persister ticks
	if again := waitPersisted(t, store, persisted.Pos); again != persisted {
		t.Errorf("persisted checkpoint became %+v, want the transaction's %+v", again, persisted)
	}

	testenv.Exec(t, s.db, "INSERT INTO shop.item VALUES (5, 'mug', 5.00)")
	next := s.waitCaughtUp(t, e)
	if next.Checkpoint.Pos == persisted.Pos || next.Checkpoint.CommitTs <= st.Checkpoint.CommitTs {
		t.Errorf("after a new transaction: checkpoint %v ts %d, want past %v ts %d",
			next.Checkpoint.Pos, next.Checkpoint.CommitTs, persisted.Pos, st.Checkpoint.CommitTs)
	}
}

// waitPersisted waits until the stored checkpoint reaches pos and returns it.
func waitPersisted(t *testing.T, store meta.Store, pos event.Position) checkpoint.Point {
	t.Helper()
	key := meta.Key{Namespace: "default", ID: "orders-feed"}
	deadline := time.Now().Add(10 * time.Second)
	for {
		rec, err := store.GetCheckpoint(context.Background(), key)
		if err == nil {
			p, err := checkpoint.Decode(rec)
			if err != nil {
				t.Fatal(err)
			}
			if p.Pos == pos {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("stored checkpoint never reached %v (last error %v)", pos, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
