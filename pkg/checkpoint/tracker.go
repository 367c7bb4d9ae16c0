package checkpoint

import (
	"context"
	"sync"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// Point is a commit position: the binlog position just after a
// transaction's commit and that transaction's commit TSO.
type Point struct {
	Pos      event.Position
	CommitTs uint64
}

// IsZero reports whether p names no position.
func (p Point) IsZero() bool { return p.Pos.IsZero() && p.CommitTs == 0 }

// entry is one tracked batch in the ring.
type entry struct {
	point Point
	bytes int64 // reserved by Acquire, released by the ack
	acked bool
}

// initialRing is the first ring size; it doubles when more batches are in
// flight, and never shrinks, so the steady state allocates nothing.
const initialRing = 64

// Tracker orders acknowledgements of batches that complete out of order
// and bounds the bytes they hold. Track is called by one reader in read
// order; Ack, Resolved and the accessors may be called from any goroutine.
type Tracker struct {
	mu       sync.Mutex
	ring     []entry // length is a power of two
	head     uint64  // sequence of the oldest unresolved batch
	tail     uint64  // sequence the next Track gets
	resolved Point

	limit    int64         // in-flight byte bound; <= 0 means none
	inflight int64         // bytes acquired and not yet released
	pending  int64         // bytes acquired but not yet bound to a batch
	wake     chan struct{} // closed when bytes are released; nil when nobody waits
}

// NewTracker returns a tracker whose Resolved starts at start (the
// checkpoint the changefeed resumed from; zero for a fresh start) and
// whose Acquire blocks beyond maxInFlightBytes (<= 0: unbounded).
func NewTracker(start Point, maxInFlightBytes int64) *Tracker {
	return &Tracker{
		ring:     make([]entry, initialRing),
		resolved: start,
		limit:    maxInFlightBytes,
	}
}

// Handle acknowledges one tracked batch. It is a small value; copying it
// is fine, acking it twice is a no-op.
type Handle struct {
	t   *Tracker
	seq uint64
}

// Track registers the next batch in read order, ending at commit position
// pos with commit TSO ts. The bytes reserved by Acquire since the previous
// Track are bound to this batch and released by its Ack.
func (t *Tracker) Track(pos event.Position, ts uint64) Handle {
	t.mu.Lock()
	if t.tail-t.head == uint64(len(t.ring)) {
		t.grow()
	}
	seq := t.tail
	t.ring[seq&t.mask()] = entry{point: Point{Pos: pos, CommitTs: ts}, bytes: t.pending}
	t.pending = 0
	t.tail++
	t.mu.Unlock()
	return Handle{t: t, seq: seq}
}

func (t *Tracker) mask() uint64 { return uint64(len(t.ring)) - 1 }

// grow doubles the ring, keeping entries at their sequence's slot.
func (t *Tracker) grow() {
	old, oldMask := t.ring, t.mask()
	t.ring = make([]entry, 2*len(old))
	for s := t.head; s < t.tail; s++ {
		t.ring[s&t.mask()] = old[s&oldMask]
	}
}

// Ack marks the batch acknowledged: its reserved bytes are released and,
// when it was the oldest unresolved batch, Resolved advances over it and
// every later batch already acknowledged.
func (h Handle) Ack() {
	if h.t != nil {
		h.t.ack(h.seq)
	}
}

func (t *Tracker) ack(seq uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if seq < t.head || seq >= t.tail {
		return // already resolved
	}
	e := &t.ring[seq&t.mask()]
	if e.acked {
		return
	}
	e.acked = true
	if e.bytes > 0 {
		t.releaseLocked(e.bytes)
		e.bytes = 0
	}
	for t.head < t.tail {
		e := &t.ring[t.head&t.mask()]
		if !e.acked {
			break
		}
		t.resolved = e.point
		*e = entry{} // drop the position's strings
		t.head++
	}
}

// Resolved returns the newest position whose batch and every earlier
// tracked batch are acknowledged; before any, the start position.
func (t *Tracker) Resolved() Point {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.resolved
}

// Unresolved returns how many tracked batches wait for an ack of their own
// or of an earlier batch.
func (t *Tracker) Unresolved() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return int(t.tail - t.head)
}

// InFlight returns the bytes reserved and not yet released.
func (t *Tracker) InFlight() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.inflight
}

// Acquire reserves n bytes for the next batch to be tracked, blocking while
// the reserved bytes would exceed the limit and an already tracked batch
// holds bytes that its ack will release. So a batch larger than the limit
// still goes through alone, and several reservations for one batch cannot
// deadlock the reader. It returns ctx's error if ctx ends first, reserving
// nothing.
func (t *Tracker) Acquire(ctx context.Context, n int64) error {
	if n <= 0 {
		return nil
	}
	t.mu.Lock()
	for t.limit > 0 && t.inflight > t.pending && t.inflight+n > t.limit {
		if t.wake == nil {
			t.wake = make(chan struct{})
		}
		wake := t.wake
		t.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return ctx.Err()
		}
		t.mu.Lock()
	}
	t.inflight += n
	t.pending += n
	t.mu.Unlock()
	return nil
}

// Release returns n bytes reserved by Acquire that will not be bound to a
// batch (the batch was dropped before Track).
func (t *Tracker) Release(n int64) {
	if n <= 0 {
		return
	}
	t.mu.Lock()
	n = min(n, t.pending)
	t.pending -= n
	t.releaseLocked(n)
	t.mu.Unlock()
}

func (t *Tracker) releaseLocked(n int64) {
	t.inflight -= n
	if t.wake != nil {
		close(t.wake)
		t.wake = nil
	}
}
