package engine

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
)

func TestLifecycleRetryBackoffAndRecovery(t *testing.T) {
	l := newLifecycle(Backoff{Initial: time.Second, Max: 4 * time.Second}, time.Minute)
	now := time.Unix(1000, 0)
	var waits []time.Duration
	for i := 0; i < 4; i++ {
		w, failed := l.retryableError(now, "CDC:ErrKafkaSendMessage", errors.New("broker down"), 100)
		if failed || l.state != StatePending {
			t.Fatalf("retry %d: failed=%v state=%s", i, failed, l.state)
		}
		waits = append(waits, w)
		l.restarted()
		if l.state != StateWarning {
			t.Fatalf("after restart state = %s, want warning", l.state)
		}
	}
	if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 4 * time.Second}; !equal(waits, want) {
		t.Errorf("waits = %v, want %v", waits, want)
	}
	l.checkpointAdvanced(100) // not past the point where the trouble began
	if l.state != StateWarning {
		t.Fatalf("state = %s, want warning until the checkpoint moves past 100", l.state)
	}
	l.checkpointAdvanced(101)
	if l.state != StateNormal || l.next != time.Second {
		t.Fatalf("state = %s next = %v, want normal and a reset backoff", l.state, l.next)
	}
	if l.lastError == nil || l.lastError.Message != "broker down" {
		t.Errorf("last error = %+v", l.lastError)
	}
}

func TestLifecycleStuckFails(t *testing.T) {
	l := newLifecycle(Backoff{Initial: time.Second, Max: time.Second}, 30*time.Second)
	start := time.Unix(0, 0)
	if _, failed := l.retryableError(start, "C", errors.New("x"), 5); failed {
		t.Fatal("failed on the first error")
	}
	if _, failed := l.retryableError(start.Add(29*time.Second), "C", errors.New("x"), 5); failed {
		t.Fatal("failed before the stuck limit")
	}
	if _, failed := l.retryableError(start.Add(30*time.Second), "C", errors.New("x"), 5); !failed || l.state != StateFailed {
		t.Fatalf("state = %s, want failed after the stuck limit", l.state)
	}
}

func TestLifecycleWarningStuckFails(t *testing.T) {
	l := newLifecycle(DefaultBackoff(), 10*time.Second)
	start := time.Unix(0, 0)
	if l.warning(start, "W", errors.New("slow"), 7) || l.state != StateWarning {
		t.Fatalf("state = %s, want warning", l.state)
	}
	if !l.warning(start.Add(11*time.Second), "W", errors.New("slow"), 7) || l.state != StateFailed {
		t.Fatalf("state = %s, want failed", l.state)
	}
	if l.lastError == nil || l.lastError.Code != "W" {
		t.Errorf("last error = %+v", l.lastError)
	}
}

func TestLifecyclePauseResumeFatal(t *testing.T) {
	l := newLifecycle(DefaultBackoff(), 0)
	l.fatal(time.Unix(1, 0), "CDC:ErrAvroSchemaAPIError", errors.New("409"))
	if l.state != StateFailed || l.running() {
		t.Fatalf("state = %s", l.state)
	}
	l.resume()
	if l.state != StateNormal || l.lastError != nil || !l.running() {
		t.Fatalf("after resume: %s %+v", l.state, l.lastError)
	}
	l.pause()
	if l.state != StateStopped || l.running() {
		t.Fatalf("after pause: %s", l.state)
	}
	l.finish()
	if l.state != StateFinished || l.running() {
		t.Fatalf("after finish: %s", l.state)
	}
}

func TestLifecycleJitterStaysInRange(t *testing.T) {
	l := newLifecycle(Backoff{Initial: 10 * time.Second, Max: time.Minute, Jitter: 0.1}, 0)
	for i := 0; i < 50; i++ {
		l.next = 10 * time.Second
		w, _ := l.retryableError(time.Unix(0, 0), "C", errors.New("x"), 0)
		if w < 9*time.Second || w > 11*time.Second {
			t.Fatalf("wait %v outside 10s ±10%%", w)
		}
	}
}

func equal(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		code      string
		retryable bool
	}{
		{"topic lookup while Kafka is down", &stageError{stage: "encode", err: fmt.Errorf("topic %q: %w: %w", "t", errTopicMetadata, errors.New("dial tcp: connection refused"))}, CodeKafka, true},
		{"missing topic without auto-create", &stageError{stage: "encode", err: fmt.Errorf("topic %q: %w: %w", "t", errTopicMetadata, kafka.ErrTopicNotFound)}, CodeKafka, false},
		{"bad input", inputErr(CodeUpstream, errors.New("binlog_format is STATEMENT")), CodeUpstream, false},
		{"schema drift", &stageError{stage: "read", err: fmt.Errorf("%w: columns differ", binlog.ErrSchema)}, CodeSource, false},
		{"upstream connection", &stageError{stage: "read", err: errors.New("connection reset")}, CodeSource, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, retryable := classify(tt.err)
			if code != tt.code || retryable != tt.retryable {
				t.Errorf("classify = %s, %v; want %s, %v", code, retryable, tt.code, tt.retryable)
			}
		})
	}
}
