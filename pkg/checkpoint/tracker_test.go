package checkpoint_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/event"
)

func pos(i int) event.Position {
	return event.Position{File: "binlog.000001", Pos: uint32(1000 + i)}
}

func point(i int) checkpoint.Point {
	return checkpoint.Point{Pos: pos(i), CommitTs: uint64(i)}
}

func TestResolvedWithOutOfOrderAcks(t *testing.T) {
	start := checkpoint.Point{Pos: event.Position{File: "binlog.000001", Pos: 4}, CommitTs: 0}
	tests := []struct {
		name  string
		acks  []int // batch indexes 0..4 in ack order
		want  []int // resolved batch index after each ack; -1 = start
		track int
	}{
		{"in order", []int{0, 1, 2, 3, 4}, []int{0, 1, 2, 3, 4}, 5},
		{"reverse", []int{4, 3, 2, 1, 0}, []int{-1, -1, -1, -1, 4}, 5},
		{"gap filled late", []int{0, 2, 3, 1, 4}, []int{0, 0, 0, 3, 4}, 5},
		{"last tracked still open", []int{1, 0, 3}, []int{-1, 1, 1}, 5},
		{"double ack is a no-op", []int{1, 1, 0, 0, 2}, []int{-1, -1, 1, 1, 2}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := checkpoint.NewTracker(start, 0)
			var hs []checkpoint.Handle
			for i := range tt.track {
				hs = append(hs, tr.Track(pos(i), uint64(i)))
			}
			for k, i := range tt.acks {
				hs[i].Ack()
				want := start
				if tt.want[k] >= 0 {
					want = point(tt.want[k])
				}
				if got := tr.Resolved(); got != want {
					t.Fatalf("after ack #%d (batch %d): resolved %v, want %v", k, i, got, want)
				}
			}
		})
	}
}

func TestZeroHandleAckIsHarmless(t *testing.T) {
	var h checkpoint.Handle
	h.Ack()
}

func TestRingGrowsAndKeepsOrder(t *testing.T) {
	tr := checkpoint.NewTracker(checkpoint.Point{}, 0)
	const n = 1000 // far beyond the initial ring
	hs := make([]checkpoint.Handle, n)
	for i := range n {
		hs[i] = tr.Track(pos(i), uint64(i))
	}
	order := rand.New(rand.NewPCG(1, 2)).Perm(n)
	acked := make([]bool, n)
	for _, i := range order {
		hs[i].Ack()
		acked[i] = true
		want := -1
		for want+1 < n && acked[want+1] {
			want++
		}
		got := tr.Resolved()
		if want < 0 && !got.IsZero() || want >= 0 && got != point(want) {
			t.Fatalf("after acking %d: resolved %v, want batch %d", i, got, want)
		}
	}
	if u := tr.Unresolved(); u != 0 {
		t.Errorf("unresolved = %d, want 0", u)
	}
}

// startAcquire runs Acquire(n) in a goroutine and returns its result.
func startAcquire(ctx context.Context, tr *checkpoint.Tracker, n int64) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- tr.Acquire(ctx, n) }()
	return ch
}

func expectBlocked(t *testing.T, ch <-chan error) {
	t.Helper()
	select {
	case err := <-ch:
		t.Fatalf("Acquire returned %v, want it to block", err)
	case <-time.After(50 * time.Millisecond):
	}
}

func expectDone(t *testing.T, ch <-chan error, want error) {
	t.Helper()
	select {
	case err := <-ch:
		if !errors.Is(err, want) {
			t.Fatalf("Acquire returned %v, want %v", err, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Acquire still blocked")
	}
}

func TestGateBlocksAndReleasesOnAck(t *testing.T) {
	ctx := context.Background()
	tr := checkpoint.NewTracker(checkpoint.Point{}, 100)
	if err := tr.Acquire(ctx, 60); err != nil {
		t.Fatal(err)
	}
	h1 := tr.Track(pos(1), 1)
	if err := tr.Acquire(ctx, 40); err != nil { // exactly at the limit
		t.Fatal(err)
	}
	h2 := tr.Track(pos(2), 2)
	third := startAcquire(ctx, tr, 10)
	expectBlocked(t, third)
	h2.Ack() // out of order: frees its 40 bytes though batch 1 is open
	expectDone(t, third, nil)
	if got := tr.InFlight(); got != 70 {
		t.Errorf("in flight = %d, want 70", got)
	}
	if got := tr.Resolved(); !got.IsZero() {
		t.Errorf("resolved = %v before batch 1 is acked", got)
	}
	h3 := tr.Track(pos(3), 3)
	h1.Ack()
	h3.Ack()
	if got := tr.InFlight(); got != 0 {
		t.Errorf("in flight after all acks = %d, want 0", got)
	}
}

func TestGateLetsOversizeBatchThroughWhenIdle(t *testing.T) {
	ctx := context.Background()
	tr := checkpoint.NewTracker(checkpoint.Point{}, 100)
	if err := tr.Acquire(ctx, 500); err != nil {
		t.Fatalf("oversize batch on an idle gate: %v", err)
	}
	h := tr.Track(pos(1), 1)
	next := startAcquire(ctx, tr, 1)
	expectBlocked(t, next)
	h.Ack()
	expectDone(t, next, nil)
}

func TestGateSeveralReservationsForOneBatch(t *testing.T) {
	ctx := context.Background()
	tr := checkpoint.NewTracker(checkpoint.Point{}, 100)
	for range 3 { // a big transaction reserved piece by piece before Track
		if err := tr.Acquire(ctx, 60); err != nil {
			t.Fatal(err)
		}
	}
	h := tr.Track(pos(1), 1)
	next := startAcquire(ctx, tr, 1)
	expectBlocked(t, next)
	h.Ack()
	expectDone(t, next, nil)
	if got := tr.InFlight(); got != 1 {
		t.Errorf("in flight = %d, want 1", got)
	}
}

func TestGateCancel(t *testing.T) {
	tr := checkpoint.NewTracker(checkpoint.Point{}, 10)
	if err := tr.Acquire(context.Background(), 10); err != nil {
		t.Fatal(err)
	}
	h := tr.Track(pos(1), 1)
	ctx, cancel := context.WithCancel(context.Background())
	ch := startAcquire(ctx, tr, 5)
	expectBlocked(t, ch)
	cancel()
	expectDone(t, ch, context.Canceled)
	if got := tr.InFlight(); got != 10 {
		t.Errorf("in flight after cancelled Acquire = %d, want 10", got)
	}
	h.Ack()
	if got := tr.InFlight(); got != 0 {
		t.Errorf("in flight after the ack = %d, want 0", got)
	}
}

func TestReleaseUntrackedReservation(t *testing.T) {
	tr := checkpoint.NewTracker(checkpoint.Point{}, 10)
	if err := tr.Acquire(context.Background(), 8); err != nil {
		t.Fatal(err)
	}
	tr.Release(8) // the batch was dropped before Track
	if got := tr.InFlight(); got != 0 {
		t.Errorf("in flight after Release = %d, want 0", got)
	}
	h := tr.Track(pos(1), 1) // carries no bytes now
	h.Ack()
	if got := tr.InFlight(); got != 0 {
		t.Errorf("in flight = %d, want 0", got)
	}
}

// TestConcurrentReaderAndAckers runs the runner's shape under -race: one
// reader acquiring and tracking, workers acking in random order, and an
// observer checking that Resolved only moves forward and memory stays
// bounded.
func TestConcurrentReaderAndAckers(t *testing.T) {
	const batches, limit, size = 5000, 4096, 100
	tr := checkpoint.NewTracker(checkpoint.Point{}, limit)
	ctx := context.Background()
	work := make(chan checkpoint.Handle, 64)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			var held []checkpoint.Handle
			for h := range work {
				held = append(held, h)
				if len(held) > 3 || rng.IntN(2) == 0 {
					i := rng.IntN(len(held))
					held[i].Ack()
					held = append(held[:i], held[i+1:]...)
				}
			}
			for _, h := range held {
				h.Ack()
			}
		})
	}
	stop := make(chan struct{})
	observed := make(chan error, 1)
	go func() {
		var last uint64
		for {
			select {
			case <-stop:
				observed <- nil
				return
			default:
			}
			if got := tr.Resolved().CommitTs; got < last {
				observed <- fmt.Errorf("resolved went back from %d to %d", last, got)
				return
			} else {
				last = got
			}
			if in := tr.InFlight(); in > limit {
				observed <- fmt.Errorf("in flight %d beyond limit %d", in, limit)
				return
			}
		}
	}()
	for i := 1; i <= batches; i++ {
		if err := tr.Acquire(ctx, size); err != nil {
			t.Fatal(err)
		}
		work <- tr.Track(pos(i), uint64(i))
	}
	close(work)
	wg.Wait()
	close(stop)
	if err := <-observed; err != nil {
		t.Fatal(err)
	}
	if got := tr.Resolved(); got != point(batches) {
		t.Errorf("final resolved %v, want %v", got, point(batches))
	}
	if in := tr.InFlight(); in != 0 {
		t.Errorf("in flight at end = %d", in)
	}
}

func BenchmarkTrackAck(b *testing.B) {
	p := pos(1)
	b.Run("in-order", func(b *testing.B) {
		tr := checkpoint.NewTracker(checkpoint.Point{}, 64<<20)
		ctx := context.Background()
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			_ = tr.Acquire(ctx, 1024)
			tr.Track(p, uint64(i)).Ack()
		}
	})
	b.Run("window-64-reverse", func(b *testing.B) {
		tr := checkpoint.NewTracker(checkpoint.Point{}, 0)
		var hs [64]checkpoint.Handle
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			hs[i%64] = tr.Track(p, uint64(i))
			if i%64 == 63 {
				for j := 63; j >= 0; j-- {
					hs[j].Ack()
				}
			}
		}
	})
}
