package kafka

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"strings"
	"sync/atomic"

	"github.com/segmentio/kafka-go/sasl"
	"github.com/segmentio/kafka-go/sasl/plain"
	"github.com/segmentio/kafka-go/sasl/scram"
)

// tlsConfig builds the client TLS configuration, or nil when TLS is off.
func tlsConfig(t TLS) (*tls.Config, error) {
	if !t.enabled() {
		return nil, nil
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: t.InsecureSkipVerify}
	if t.CAFile != "" {
		pem, err := os.ReadFile(t.CAFile)
		if err != nil {
			return nil, fmt.Errorf("kafka TLS: read CA file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("kafka TLS: CA file %s holds no PEM certificate", t.CAFile)
		}
		cfg.RootCAs = pool
	}
	switch {
	case t.CertFile != "" && t.KeyFile != "":
		cert, err := tls.LoadX509KeyPair(t.CertFile, t.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("kafka TLS: load client certificate %s: %w", t.CertFile, err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	case t.CertFile != "" || t.KeyFile != "":
		return nil, fmt.Errorf("kafka TLS: client certificate and key must be given together")
	}
	return cfg, nil
}

// saslMechanism builds the SASL mechanism, or nil when SASL is off. Its
// errors never include the password.
func saslMechanism(s SASL) (sasl.Mechanism, error) {
	name := strings.ToLower(strings.TrimSpace(s.Mechanism))
	if name == "" {
		return nil, nil
	}
	if s.User == "" {
		return nil, fmt.Errorf("kafka SASL %s: no user given", s.Mechanism)
	}
	var algo scram.Algorithm
	switch name {
	case "plain":
		return plain.Mechanism{Username: s.User, Password: s.Password}, nil
	case "scram-sha-256":
		algo = scram.SHA256
	case "scram-sha-512":
		algo = scram.SHA512
	default:
		return nil, fmt.Errorf("unsupported SASL mechanism %q: want plain, scram-sha-256 or scram-sha-512", s.Mechanism)
	}
	m, err := scram.Mechanism(algo, s.User, s.Password)
	if err != nil {
		// xdg-go/scram reports stringprep failures without the input.
		return nil, fmt.Errorf("kafka SASL %s for user %q: %w", s.Mechanism, s.User, err)
	}
	return m, nil
}

// authWatch wraps a SASL mechanism to learn whether any authentication
// ever succeeded. kafka-go reports a broker that closes the connection on
// bad credentials (old brokers, kfake) as an unexpected EOF, which would
// look like a network failure and be retried forever; explain uses the
// watch to tell the two apart.
type authWatch struct {
	sasl.Mechanism
	started   atomic.Int64
	succeeded atomic.Int64
}

func (w *authWatch) Start(ctx context.Context) (sasl.StateMachine, []byte, error) {
	sess, ir, err := w.Mechanism.Start(ctx)
	if err != nil {
		return nil, nil, err
	}
	w.started.Add(1)
	return &watchedSession{StateMachine: sess, w: w}, ir, nil
}

// failedOnly reports that authentications were attempted and none ever
// succeeded.
func (w *authWatch) failedOnly() bool {
	return w != nil && w.started.Load() > 0 && w.succeeded.Load() == 0
}

type watchedSession struct {
	sasl.StateMachine
	w *authWatch
}

func (s *watchedSession) Next(ctx context.Context, challenge []byte) (bool, []byte, error) {
	done, resp, err := s.StateMachine.Next(ctx, challenge)
	if done && err == nil {
		s.w.succeeded.Add(1)
	}
	return done, resp, err
}
