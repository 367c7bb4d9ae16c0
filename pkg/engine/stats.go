package engine

import (
	"math"
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

// rateWindow is the time constant of the rows-per-second average: a burst
// weighs 1/e of its weight after this long.
const rateWindow = 5 * time.Second

// rateMeter turns a growing count into a recent rate per second: an
// exponentially weighted moving average of the rate between observations,
// which may come at any spacing (each weighs by the time it covers). It is
// used by one goroutine (the run's watcher).
type rateMeter struct {
	window time.Duration
	count  int64     // the count at the last observation
	at     time.Time // the last observation
	rate   float64
	primed bool // rate holds a measurement
}

// newRateMeter starts a meter at count, at time start.
func newRateMeter(window time.Duration, start time.Time, count int64) *rateMeter {
	return &rateMeter{window: window, count: count, at: start}
}

// observe records count at now and returns the average rate; ok is false
// until a first interval has been measured. Observations that do not move
// the clock forward change nothing.
func (m *rateMeter) observe(now time.Time, count int64) (rate float64, ok bool) {
	dt := now.Sub(m.at)
	if dt <= 0 {
		return m.rate, m.primed
	}
	inst := float64(count-m.count) / dt.Seconds()
	if m.primed {
		m.rate += (1 - math.Exp(-dt.Seconds()/m.window.Seconds())) * (inst - m.rate)
	} else {
		m.rate, m.primed = inst, true
	}
	if m.rate < 0.001 { // an idle feed decays to 0, not to 1e-300
		m.rate = 0
	}
	m.count, m.at = count, now
	return m.rate, true
}

// atomicRate holds a rate safe for concurrent use, unset until stored.
type atomicRate struct {
	bits atomic.Uint64
	set  atomic.Bool
}

func (a *atomicRate) Store(v float64) {
	a.bits.Store(math.Float64bits(v))
	a.set.Store(true)
}

// Load returns the rate, or nil when none was stored.
func (a *atomicRate) Load() *float64 {
	if !a.set.Load() {
		return nil
	}
	v := math.Float64frombits(a.bits.Load())
	return &v
}
