package registry

import (
	"math/rand/v2"
	"time"
)

// Backoff is an exponential retry schedule: Initial, then ×Multiplier up to
// Max, each wait randomised by ±Jitter (a fraction).
type Backoff struct {
	Initial    time.Duration
	Max        time.Duration
	Multiplier float64
	Jitter     float64
}

// DefaultBackoff mirrors TiCDC's (cenkalti/backoff defaults with a 30 s
// maximum interval): 500 ms, ×1.5, ±50 %, at most 30 s.
func DefaultBackoff() Backoff {
	return Backoff{Initial: 500 * time.Millisecond, Max: 30 * time.Second, Multiplier: 1.5, Jitter: 0.5}
}

func (b Backoff) next(d time.Duration) time.Duration {
	n := time.Duration(float64(d) * b.Multiplier)
	if n > b.Max || n <= 0 {
		n = b.Max
	}
	return n
}

func (b Backoff) jitter(d time.Duration) time.Duration {
	if b.Jitter <= 0 {
		return d
	}
	delta := b.Jitter * float64(d)
	return time.Duration(float64(d) - delta + rand.Float64()*2*delta)
}
