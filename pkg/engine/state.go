package engine

import (
	"math/rand/v2"
	"time"
)

// State is a changefeed's state, with TiCDC's names.
type State string

// Changefeed states (spec ticdc.md §5.1).
const (
	StateNormal   State = "normal"
	StatePending  State = "pending"  // stopped after a retryable error, waiting to retry
	StateWarning  State = "warning"  // running again after an error, not yet past it
	StateStopped  State = "stopped"  // paused by the user
	StateFailed   State = "failed"   // unretryable error, or stuck too long
	StateFinished State = "finished" // reached its target
)

// RunError is an error or warning as the API reports it.
type RunError struct {
	Time    time.Time `json:"time"`
	Code    string    `json:"code"`
	Message string    `json:"message"`
}

// Backoff is the retry policy: Initial, doubled each retry up to Max, with
// ±Jitter of randomness. TiCDC's is 10s, ×2, 10min, ±10%.
type Backoff struct {
	Initial time.Duration
	Max     time.Duration
	Jitter  float64
}

// DefaultBackoff is TiCDC's retry policy.
func DefaultBackoff() Backoff {
	return Backoff{Initial: 10 * time.Second, Max: 10 * time.Minute, Jitter: 0.1}
}

// lifecycle applies TiCDC's state rules to one changefeed. Time is passed
// in, so tests drive it without sleeping. It is not safe for concurrent use.
type lifecycle struct {
	state       State
	lastError   *RunError
	lastWarning *RunError
	backoff     Backoff
	stuckLimit  time.Duration // changefeed-error-stuck-duration
	next        time.Duration // next wait
	failingFrom time.Time     // first error of the current streak
	// retryCheckpoint is the checkpoint when the current retry began; the
	// changefeed is normal again once the checkpoint moves past it.
	retryCheckpoint uint64
}

func newLifecycle(b Backoff, stuckLimit time.Duration) *lifecycle {
	return &lifecycle{state: StateNormal, backoff: b, stuckLimit: stuckLimit, next: b.Initial}
}

// retryableError records err and returns how long to wait before
// restarting; the state becomes pending, or failed when the changefeed has
// been failing for longer than the stuck limit.
func (l *lifecycle) retryableError(now time.Time, code string, err error, checkpoint uint64) (wait time.Duration, failed bool) {
	l.lastError = &RunError{Time: now, Code: code, Message: err.Error()}
	if l.failingFrom.IsZero() {
		l.failingFrom = now
		l.retryCheckpoint = checkpoint
	}
	if l.stuckLimit > 0 && now.Sub(l.failingFrom) >= l.stuckLimit {
		l.state = StateFailed
		return 0, true
	}
	l.state = StatePending
	wait = l.next
	if l.backoff.Jitter > 0 {
		wait = time.Duration(float64(wait) * (1 + l.backoff.Jitter*(2*rand.Float64()-1)))
	}
	l.next *= 2
	if l.next > l.backoff.Max {
		l.next = l.backoff.Max
	}
	return wait, false
}

// restarted marks the retry as begun: the changefeed runs again, in warning.
func (l *lifecycle) restarted() {
	if l.state == StatePending {
		l.state = StateWarning
	}
}

// warning records a non-fatal problem while running (a sink retrying in
// place); it fails the changefeed when it has lasted past the stuck limit.
func (l *lifecycle) warning(now time.Time, code string, err error, checkpoint uint64) (failed bool) {
	l.lastWarning = &RunError{Time: now, Code: code, Message: err.Error()}
	if l.failingFrom.IsZero() {
		l.failingFrom = now
		l.retryCheckpoint = checkpoint
	}
	if l.stuckLimit > 0 && now.Sub(l.failingFrom) >= l.stuckLimit {
		l.state = StateFailed
		l.lastError = &RunError{Time: now, Code: code, Message: "stuck for longer than " + l.stuckLimit.String() + ": " + err.Error()}
		return true
	}
	if l.state == StateNormal {
		l.state = StateWarning
	}
	return false
}

// checkpointAdvanced clears a warning once the checkpoint passes the point
// where the trouble began, and resets the backoff.
func (l *lifecycle) checkpointAdvanced(checkpoint uint64) {
	if l.failingFrom.IsZero() || checkpoint <= l.retryCheckpoint {
		return
	}
	l.failingFrom = time.Time{}
	l.next = l.backoff.Initial
	if l.state == StateWarning {
		l.state = StateNormal
	}
}

// fatal records an unretryable error: the changefeed fails.
func (l *lifecycle) fatal(now time.Time, code string, err error) {
	l.lastError = &RunError{Time: now, Code: code, Message: err.Error()}
	l.state = StateFailed
}

// pause stops the changefeed at the user's request.
func (l *lifecycle) pause() { l.state = StateStopped }

// resume starts a stopped, failed or finished changefeed afresh.
func (l *lifecycle) resume() {
	l.state = StateNormal
	l.failingFrom = time.Time{}
	l.next = l.backoff.Initial
	l.lastError, l.lastWarning = nil, nil
}

// finish marks the target as reached.
func (l *lifecycle) finish() { l.state = StateFinished }

// running reports whether the changefeed should have a runner.
func (l *lifecycle) running() bool {
	return l.state == StateNormal || l.state == StateWarning || l.state == StatePending
}
