package kafka_test

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	kafkago "github.com/segmentio/kafka-go"

	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

func TestIsRetryable(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("produce to topic %q: %w", "t", err) }
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"leader not available", wrap(kafkago.LeaderNotAvailable), true},
		{"not leader for partition", wrap(kafkago.NotLeaderForPartition), true},
		{"broker not available", wrap(kafkago.BrokerNotAvailable), true},
		{"request timed out", wrap(kafkago.RequestTimedOut), true},
		{"not enough replicas", wrap(kafkago.NotEnoughReplicas), true},
		{"connection refused", wrap(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}), true},
		{"connection reset", wrap(syscall.ECONNRESET), true},
		{"unexpected EOF", wrap(io.ErrUnexpectedEOF), true},
		{"request timeout", wrap(context.DeadlineExceeded), true},
		{"SASL failure", wrap(kafkago.SASLAuthenticationFailed), false},
		{"SASL failure next to EOF", errors.Join(io.ErrUnexpectedEOF, kafkago.SASLAuthenticationFailed), false},
		{"topic authorization", wrap(kafkago.TopicAuthorizationFailed), false},
		{"broker says too large", wrap(kafkago.MessageSizeTooLarge), false},
		{"our message too large", &kafka.MessageTooLargeError{Table: "a.b", Length: 10, MaxMessageBytes: 5}, false},
		{"unknown CA", wrap(x509.UnknownAuthorityError{}), false},
		{"TLS alert from the broker", wrap(&net.OpError{Op: "remote error", Err: errors.New("tls: bad certificate")}), false},
		{"topic missing, no auto-create", wrap(kafka.ErrTopicNotFound), false},
		{"cancelled", wrap(context.Canceled), false},
		{"closed producer", kafka.ErrClosed, false},
		{"unknown error", errors.New("something odd"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := kafka.IsRetryable(tt.err); got != tt.want {
				t.Errorf("IsRetryable(%v) = %t, want %t", tt.err, got, tt.want)
			}
		})
	}
}

func TestMessageTooLargeText(t *testing.T) {
	err := &kafka.MessageTooLargeError{Table: "test.t", Length: 1100, MaxMessageBytes: 1000}
	const want = "[CDC:ErrMessageTooLarge]message is too large. table:test.t, length:1100, maxMessageBytes:1000"
	if err.Error() != want {
		t.Errorf("got %q, want %q", err.Error(), want)
	}
}
