package meta_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cdcctl/cdcctl/pkg/meta"
)

func openTemp(t *testing.T) (*meta.Bolt, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data", "meta.db")
	s, err := meta.OpenBolt(path)
	if err != nil {
		t.Fatalf("OpenBolt: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, path
}

var (
	ctx  = context.Background()
	keyA = meta.Key{Namespace: "default", ID: "a"}
	keyB = meta.Key{Namespace: "default", ID: "b"}
	keyC = meta.Key{Namespace: "other", ID: "c"}
)

func TestChangefeedLifecycle(t *testing.T) {
	s, _ := openTemp(t)
	if err := s.CreateChangefeed(ctx, keyA, []byte(`{"v":1}`)); err != nil {
		t.Fatalf("create: %v", err)
	}
	err := s.CreateChangefeed(ctx, keyA, []byte(`{"v":2}`))
	if !errors.Is(err, meta.ErrExists) || !strings.Contains(err.Error(), "default/a") {
		t.Fatalf("second create: got %v, want ErrExists naming default/a", err)
	}
	if err := s.PutChangefeed(ctx, keyA, []byte(`{"v":3}`)); err != nil {
		t.Fatalf("put: %v", err)
	}
	if err := s.PutStatus(ctx, keyA, []byte(`{"state":"normal"}`)); err != nil {
		t.Fatalf("put status: %v", err)
	}
	got, err := s.GetChangefeed(ctx, keyA)
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	want := meta.Changefeed{Key: keyA, Info: []byte(`{"v":3}`), Status: []byte(`{"state":"normal"}`)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("get (-want +got):\n%s", diff)
	}
	if err := s.DeleteChangefeed(ctx, keyA); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := s.GetChangefeed(ctx, keyA); !errors.Is(err, meta.ErrNotFound) {
		t.Errorf("get after delete: got %v, want ErrNotFound", err)
	}
	if _, err := s.GetCheckpoint(ctx, keyA); !errors.Is(err, meta.ErrNotFound) {
		t.Errorf("checkpoint after delete: got %v, want ErrNotFound", err)
	}
}

func TestNotFoundAndInvalid(t *testing.T) {
	s, _ := openTemp(t)
	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"get missing", func() error { _, err := s.GetChangefeed(ctx, keyA); return err }, meta.ErrNotFound},
		{"delete missing", func() error { return s.DeleteChangefeed(ctx, keyA) }, meta.ErrNotFound},
		{"status of missing", func() error { return s.PutStatus(ctx, keyA, []byte("x")) }, meta.ErrNotFound},
		{"checkpoint of missing", func() error { return s.PutCheckpoint(ctx, keyA, meta.Checkpoint{}) }, meta.ErrNotFound},
		{"read checkpoint of missing", func() error { _, err := s.GetCheckpoint(ctx, keyA); return err }, meta.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
	invalid := []struct {
		name string
		key  meta.Key
		want string
	}{
		{"empty namespace", meta.Key{ID: "x"}, "empty namespace"},
		{"empty id", meta.Key{Namespace: "default"}, "empty ID"},
		{"nul byte", meta.Key{Namespace: "default", ID: "a\x00b"}, "NUL byte"},
	}
	for _, tt := range invalid {
		t.Run(tt.name, func(t *testing.T) {
			err := s.PutChangefeed(ctx, tt.key, []byte("{}"))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want error containing %q", err, tt.want)
			}
		})
	}
}

func TestListChangefeeds(t *testing.T) {
	s, _ := openTemp(t)
	for _, k := range []meta.Key{keyC, keyB, keyA} {
		if err := s.PutChangefeed(ctx, k, []byte(k.ID)); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name      string
		namespace string
		want      []meta.Key
	}{
		{"all namespaces, sorted", "", []meta.Key{keyA, keyB, keyC}},
		{"one namespace", "default", []meta.Key{keyA, keyB}},
		{"unknown namespace", "nope", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := s.ListChangefeeds(ctx, tt.namespace)
			if err != nil {
				t.Fatal(err)
			}
			var keys []meta.Key
			for _, cf := range list {
				keys = append(keys, cf.Key)
				if string(cf.Info) != cf.Key.ID {
					t.Errorf("%s: info %q", cf.Key, cf.Info)
				}
			}
			if diff := cmp.Diff(tt.want, keys); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckpointPersistsAcrossReopen(t *testing.T) {
	s, path := openTemp(t)
	if err := s.PutChangefeed(ctx, keyA, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	want := meta.Checkpoint{
		Position:      []byte(`{"file":"binlog.000003","pos":1234}`),
		CommitTs:      417318403368288260,
		SchemaHistory: bytes.Repeat([]byte("ddl;"), 1000),
	}
	if err := s.PutCheckpoint(ctx, keyA, meta.Checkpoint{Position: []byte("old"), CommitTs: 1}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutCheckpoint(ctx, keyA, want); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetCheckpoint(ctx, keyA); !errors.Is(err, meta.ErrClosed) {
		t.Errorf("use after close: got %v, want ErrClosed", err)
	}
	s2, err := meta.OpenBolt(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s2.Close()
	got, err := s2.GetCheckpoint(ctx, keyA)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("checkpoint after reopen (-want +got):\n%s", diff)
	}
	if cf, err := s2.GetChangefeed(ctx, keyA); err != nil || string(cf.Info) != "{}" {
		t.Errorf("changefeed after reopen: %+v, %v", cf, err)
	}
}

func TestSecondOpenIsLocked(t *testing.T) {
	_, path := openTemp(t)
	start := time.Now()
	_, err := meta.OpenBolt(path, meta.WithLockTimeout(200*time.Millisecond))
	if !errors.Is(err, meta.ErrLocked) {
		t.Fatalf("second open: got %v, want ErrLocked", err)
	}
	for _, part := range []string{path, "another cdcctl server holds the data dir", "200ms"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q lacks %q", err, part)
		}
	}
	// bbolt polls the lock every 50ms and stops one poll short of the
	// timeout.
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Errorf("gave up after %s, long before the lock timeout", d)
	}
}

func TestCancelledContext(t *testing.T) {
	s, _ := openTemp(t)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.PutChangefeed(cctx, keyA, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("put: got %v, want context.Canceled", err)
	}
	if _, err := s.ListChangefeeds(cctx, ""); !errors.Is(err, context.Canceled) {
		t.Errorf("list: got %v, want context.Canceled", err)
	}
}

// TestConcurrentReadersSeeWholeCheckpoints reads while a writer replaces
// the checkpoint: every read must see the three fields of one write.
func TestConcurrentReadersSeeWholeCheckpoints(t *testing.T) {
	s, _ := openTemp(t)
	if err := s.PutChangefeed(ctx, keyA, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	put := func(i uint64) error {
		return s.PutCheckpoint(ctx, keyA, meta.Checkpoint{
			Position:      fmt.Appendf(nil, `{"pos":%d}`, i),
			CommitTs:      i,
			SchemaHistory: fmt.Appendf(nil, "history-%d", i),
		})
	}
	if err := put(0); err != nil {
		t.Fatal(err)
	}
	const writes, readers = 50, 4
	var wg sync.WaitGroup
	done := make(chan struct{})
	errs := make(chan error, readers+1)
	for range readers {
		wg.Go(func() {
			last := uint64(0)
			for {
				select {
				case <-done:
					return
				default:
				}
				cp, err := s.GetCheckpoint(ctx, keyA)
				if err != nil {
					errs <- err
					return
				}
				if string(cp.Position) != fmt.Sprintf(`{"pos":%d}`, cp.CommitTs) ||
					string(cp.SchemaHistory) != fmt.Sprintf("history-%d", cp.CommitTs) {
					errs <- fmt.Errorf("torn checkpoint: %s / %d / %s", cp.Position, cp.CommitTs, cp.SchemaHistory)
					return
				}
				if cp.CommitTs < last {
					errs <- fmt.Errorf("checkpoint went back from %d to %d", last, cp.CommitTs)
					return
				}
				last = cp.CommitTs
			}
		})
	}
	for i := uint64(1); i <= writes; i++ {
		if err := put(i); err != nil {
			errs <- err
			break
		}
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
