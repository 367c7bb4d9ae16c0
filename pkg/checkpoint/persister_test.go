package checkpoint_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/meta"
)

// recordingSaver records checkpoint writes and fails while failing is set.
type recordingSaver struct {
	mu      sync.Mutex
	writes  []meta.Checkpoint
	failing bool
}

func (s *recordingSaver) PutCheckpoint(_ context.Context, _ meta.Key, cp meta.Checkpoint) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failing {
		return errors.New("store down")
	}
	s.writes = append(s.writes, cp)
	return nil
}

func (s *recordingSaver) snapshot() []meta.Checkpoint {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]meta.Checkpoint(nil), s.writes...)
}

func (s *recordingSaver) setFailing(v bool) {
	s.mu.Lock()
	s.failing = v
	s.mu.Unlock()
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

var key = meta.Key{Namespace: "default", ID: "cf"}

func TestPersisterWritesOnlyWhenMoved(t *testing.T) {
	start := point(0)
	tr := checkpoint.NewTracker(start, 0)
	saver := &recordingSaver{}
	p := checkpoint.StartPersister(context.Background(), tr, start, checkpoint.PersisterOptions{
		Store: saver, Key: key, Interval: 5 * time.Millisecond,
		History: func(_ context.Context, pt checkpoint.Point) ([]byte, error) {
			return fmt.Appendf(nil, "history@%d", pt.CommitTs), nil
		},
	})
	time.Sleep(30 * time.Millisecond)
	if n := len(saver.snapshot()); n != 0 {
		t.Fatalf("%d writes before anything moved", n)
	}
	h1, h2 := tr.Track(pos(1), 1), tr.Track(pos(2), 2)
	h2.Ack()
	time.Sleep(30 * time.Millisecond)
	if n := len(saver.snapshot()); n != 0 {
		t.Fatalf("%d writes while batch 1 is unacked", n)
	}
	h1.Ack()
	waitFor(t, "checkpoint 2", func() bool { return p.Persisted() == point(2) })
	time.Sleep(30 * time.Millisecond) // several more ticks
	writes := saver.snapshot()
	if len(writes) != 1 {
		t.Fatalf("%d writes for one move, want 1", len(writes))
	}
	got, err := checkpoint.Decode(writes[0])
	if err != nil || got != point(2) {
		t.Errorf("written %v (%v), want %v", got, err, point(2))
	}
	if string(writes[0].SchemaHistory) != "history@2" {
		t.Errorf("history %q, want the one at the written point", writes[0].SchemaHistory)
	}
	tr.Track(pos(3), 3).Ack()
	if err := p.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if writes := saver.snapshot(); len(writes) != 2 || writes[1].CommitTs != 3 {
		t.Errorf("after Close: %d writes, want a final one at ts 3", len(writes))
	}
}

func TestPersisterFinalWriteOnClose(t *testing.T) {
	tr := checkpoint.NewTracker(checkpoint.Point{}, 0)
	saver := &recordingSaver{}
	p := checkpoint.StartPersister(context.Background(), tr, checkpoint.Point{}, checkpoint.PersisterOptions{
		Store: saver, Key: key, Interval: time.Hour,
	})
	tr.Track(pos(7), 7).Ack()
	if err := p.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	writes := saver.snapshot()
	if len(writes) != 1 || writes[0].CommitTs != 7 {
		t.Fatalf("writes %+v, want one at ts 7", writes)
	}
	if err := p.Close(context.Background()); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if n := len(saver.snapshot()); n != 1 {
		t.Errorf("second Close wrote again: %d writes", n)
	}
}

func TestPersisterRetriesAfterFailure(t *testing.T) {
	tr := checkpoint.NewTracker(checkpoint.Point{}, 0)
	saver := &recordingSaver{failing: true}
	p := checkpoint.StartPersister(context.Background(), tr, checkpoint.Point{}, checkpoint.PersisterOptions{
		Store: saver, Key: key, Interval: 5 * time.Millisecond,
	})
	defer p.Close(context.Background())
	tr.Track(pos(1), 1).Ack()
	time.Sleep(30 * time.Millisecond)
	if !p.Persisted().IsZero() {
		t.Fatalf("persisted %v while the store fails", p.Persisted())
	}
	err := p.Flush(context.Background())
	if err == nil || !strings.Contains(err.Error(), "store down") || !strings.Contains(err.Error(), key.String()) {
		t.Fatalf("Flush on a failing store: got %v, want the store's error naming %s", err, key)
	}
	saver.setFailing(false)
	waitFor(t, "the retried write", func() bool { return p.Persisted() == point(1) })
}

func TestPersisterStopsWithContext(t *testing.T) {
	tr := checkpoint.NewTracker(checkpoint.Point{}, 0)
	saver := &recordingSaver{}
	ctx, cancel := context.WithCancel(context.Background())
	p := checkpoint.StartPersister(ctx, tr, checkpoint.Point{}, checkpoint.PersisterOptions{
		Store: saver, Key: key, Interval: 5 * time.Millisecond,
	})
	cancel()
	time.Sleep(20 * time.Millisecond)
	tr.Track(pos(1), 1).Ack()
	time.Sleep(30 * time.Millisecond)
	if n := len(saver.snapshot()); n != 0 {
		t.Fatalf("%d writes after the context ended", n)
	}
	closeCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
	defer done()
	if err := p.Close(closeCtx); err != nil {
		t.Fatal(err)
	}
	if p.Persisted() != point(1) {
		t.Errorf("Close did not write the final checkpoint: %v", p.Persisted())
	}
}

// TestPersistAndResumeWithBolt goes through the real store: what the
// persister writes is what a restart decodes.
func TestPersistAndResumeWithBolt(t *testing.T) {
	ctx := context.Background()
	store, err := meta.OpenBolt(filepath.Join(t.TempDir(), "meta.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := store.CreateChangefeed(ctx, key, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	tr := checkpoint.NewTracker(checkpoint.Point{}, 0)
	p := checkpoint.StartPersister(ctx, tr, checkpoint.Point{}, checkpoint.PersisterOptions{
		Store: store, Key: key, Interval: time.Hour,
		History: func(context.Context, checkpoint.Point) ([]byte, error) { return []byte("h"), nil },
	})
	want := checkpoint.Point{Pos: pos(9), CommitTs: 417318403368288260}
	want.Pos.GTID = "0-1-42"
	tr.Track(want.Pos, want.CommitTs).Ack()
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	cp, err := store.GetCheckpoint(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	got, err := checkpoint.Decode(cp)
	if err != nil || got != want || string(cp.SchemaHistory) != "h" {
		t.Errorf("resumed at %v (%v) history %q, want %v", got, err, cp.SchemaHistory, want)
	}
}

func TestDecodeRejectsGarbage(t *testing.T) {
	if _, err := checkpoint.Decode(meta.Checkpoint{Position: []byte("{nope")}); err == nil {
		t.Error("Decode accepted a corrupt position")
	}
}
