package kafka

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	kafkago "github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/protocol"
)

// ErrClosed is returned by a Producer used after Close.
var ErrClosed = errors.New("kafka producer is closed")

// ErrTopicNotFound is wrapped by EnsureTopic's error for a missing topic
// when auto-creation is off.
var ErrTopicNotFound = errors.New("topic not found")

// MessageTooLargeError reports a message over the size limit, in TiCDC's
// words. It is never retryable.
type MessageTooLargeError struct {
	Table           string // "db.table" the message came from
	Length          int    // len(key)+len(value)+36, as TiCDC counts
	MaxMessageBytes int
}

func (e *MessageTooLargeError) Error() string {
	return fmt.Sprintf("[CDC:ErrMessageTooLarge]message is too large. table:%s, length:%d, maxMessageBytes:%d",
		e.Table, e.Length, e.MaxMessageBytes)
}

// topicNotFoundError keeps TiCDC's text for a missing topic.
type topicNotFoundError struct{ topic string }

func (e *topicNotFoundError) Error() string {
	return "`auto-create-topic` is false, and " + e.topic + " not found"
}

func (e *topicNotFoundError) Unwrap() error { return ErrTopicNotFound }

// IsRetryable reports whether err is transient: the network, a broker or
// leader being unavailable, timeouts, stale metadata. Authentication and
// authorisation failures, TLS verification failures, oversized messages, a
// missing topic, a cancelled context and any error it does not recognise
// are not retryable: retrying cannot fix them, and
// a fatal error loses nothing, since the checkpoint has not moved past the
// failed batch.
func IsRetryable(err error) bool {
	if err == nil || isFatal(err) {
		return false
	}
	var kerr kafkago.Error
	if errors.As(err, &kerr) {
		return kerr.Temporary() || retryableCode(kerr)
	}
	var netErr net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), // a request timeout
		errors.As(err, &netErr),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, net.ErrClosed),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE),
		errors.Is(err, protocol.ErrNoTopic), errors.Is(err, protocol.ErrNoPartition),
		errors.Is(err, protocol.ErrNoLeader):
		return true
	}
	return false
}

// isConnectionError reports a failure of the connection itself (reset,
// refused, closed, timed out) rather than a broker's answer.
func isConnectionError(err error) bool {
	var kerr kafkago.Error
	if errors.As(err, &kerr) {
		return false
	}
	var netErr net.Error
	return errors.As(err, &netErr) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE)
}

// retryableCode reports broker errors kafka-go does not call temporary
// but that go away when the cluster settles.
func retryableCode(e kafkago.Error) bool {
	switch e {
	case kafkago.BrokerNotAvailable,
		kafkago.ReplicaNotAvailable,
		kafkago.NotEnoughReplicas,
		kafkago.NotEnoughReplicasAfterAppend,
		kafkago.RequestTimedOut,
		kafkago.NetworkException,
		kafkago.LeaderNotAvailable,
		kafkago.NotLeaderForPartition,
		kafkago.KafkaStorageError,
		kafkago.ThrottlingQuotaExceeded,
		kafkago.PreferredLeaderNotAvailable,
		kafkago.EligibleLeadersNotAvailable,
		kafkago.NotController:
		return true
	}
	return false
}

// isFatal finds a cause anywhere in err's tree that retrying cannot fix.
func isFatal(err error) bool {
	var (
		tooLarge  *MessageTooLargeError
		verify    *tls.CertificateVerificationError
		unknownCA x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		alert     tls.AlertError
		recHeader tls.RecordHeaderError
	)
	switch {
	case errors.As(err, &tooLarge), errors.Is(err, ErrTopicNotFound), errors.Is(err, ErrClosed),
		errors.Is(err, context.Canceled),
		errors.As(err, &verify), errors.As(err, &unknownCA), errors.As(err, &hostname),
		errors.As(err, &invalid), errors.As(err, &alert), errors.As(err, &recHeader):
		return true
	}
	// A TLS alert from the broker (bad or missing client certificate,
	// no common protocol version) arrives as crypto/tls's unexported alert
	// type inside this net.OpError.
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "remote error" {
		return true
	}
	for _, code := range [...]kafkago.Error{ // broker errors no retry can fix
		kafkago.SASLAuthenticationFailed,
		kafkago.UnsupportedSASLMechanism,
		kafkago.IllegalSASLState,
		kafkago.TopicAuthorizationFailed,
		kafkago.ClusterAuthorizationFailed,
		kafkago.TransactionalIDAuthorizationFailed,
		kafkago.MessageSizeTooLarge,
		kafkago.RecordListTooLarge,
		kafkago.InvalidRecord,
		kafkago.InvalidRequiredAcks,
		kafkago.InvalidTopic,
		kafkago.UnsupportedVersion,
		kafkago.UnsupportedForMessageFormat,
		kafkago.PolicyViolation,
	} {
		if errors.Is(err, code) {
			return true
		}
	}
	return false
}
