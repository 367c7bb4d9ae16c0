package engine

import (
	"sync/atomic"
	"time"
)

// counter is a monotonically increasing count safe for concurrent use.
type counter struct{ v atomic.Int64 }

func (c *counter) Add(n int64) { c.v.Add(n) }

// Load returns the count.
func (c *counter) Load() int64 { return c.v.Load() }

// atomicTime holds a time.Time safe for concurrent use.
type atomicTime struct{ ns atomic.Int64 }

func (a *atomicTime) Store(t time.Time) {
	if t.IsZero() {
		a.ns.Store(0)
		return
	}
	a.ns.Store(t.UnixNano())
}

func (a *atomicTime) Load() time.Time {
	n := a.ns.Load()
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n)
}
