package binlog

import (
	"sync"
	"sync/atomic"
	"time"
)

// stallWatch replaces go-mysql's ReadTimeout, which re-arms the socket's
// read deadline before every packet read: on a stream of small
// transactions that was half of go-mysql's reading goroutine (profile in
// docs/performance.md). Here the reader counts events and says when it
// waits; a goroutine checks a few times per timeout and calls onStall when
// the reader waited a whole timeout without an event. Time the reader
// spends elsewhere (the pipeline holding it back) does not count.
type stallWatch struct {
	events  atomic.Uint64 // events the reader got
	waiting atomic.Bool   // the reader is waiting for the next event
	stalled atomic.Bool   // onStall was called
	done    chan struct{}
	once    sync.Once
}

// start checks every interval, in a goroutine, until stop.
func (w *stallWatch) start(interval time.Duration, limit int, onStall func()) {
	w.done = make(chan struct{})
	tick := time.NewTicker(interval)
	go func() {
		defer tick.Stop()
		w.run(w.done, tick.C, limit, onStall)
	}()
}

// run checks at every tick until done; limit checks in a row that find the
// reader waiting with no new event call onStall, once, and end it.
func (w *stallWatch) run(done <-chan struct{}, tick <-chan time.Time, limit int, onStall func()) {
	last, idle := w.events.Load(), 0
	for {
		select {
		case <-done:
			return
		case <-tick:
		}
		n := w.events.Load()
		if n != last || !w.waiting.Load() {
			last, idle = n, 0
			continue
		}
		if idle++; idle >= limit {
			w.stalled.Store(true)
			onStall()
			return
		}
	}
}

// stop ends the checks started by start.
func (w *stallWatch) stop() {
	w.once.Do(func() {
		if w.done != nil {
			close(w.done)
		}
	})
}
