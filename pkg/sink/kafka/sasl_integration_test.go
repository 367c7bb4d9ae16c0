//go:build integration

package kafka_test

import (
	"strings"
	"testing"
	"time"

	kafkago "github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl"
	"github.com/segmentio/kafka-go/sasl/plain"
	"github.com/segmentio/kafka-go/sasl/scram"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

func TestSASL(t *testing.T) {
	const user, password, wrong = "cdc", "s3cret-Pa55word", "wr0ng-Pa55word"
	mechanisms := []struct {
		name   string // as the sink URI spells it
		kfake  string // as kfake spells it
		reader func(t *testing.T) sasl.Mechanism
	}{
		{"plain", "PLAIN", func(*testing.T) sasl.Mechanism { return plain.Mechanism{Username: user, Password: password} }},
		{"scram-sha-256", "SCRAM-SHA-256", func(t *testing.T) sasl.Mechanism { return mustScram(t, scram.SHA256, user, password) }},
		{"SCRAM-SHA-512", "SCRAM-SHA-512", func(t *testing.T) sasl.Mechanism { return mustScram(t, scram.SHA512, user, password) }},
	}
	for _, m := range mechanisms {
		c := newCluster(t, kfake.EnableSASL(), kfake.Superuser(m.kfake, user, password))
		brokers := c.ListenAddrs()
		opts := kafka.DefaultOptions(brokers...)
		opts.SASL = kafka.SASL{Mechanism: m.name, User: user, Password: password}

		t.Run(m.name+"/right password", func(t *testing.T) {
			p := newProducer(t, opts)
			ctx := testContext(t, 30*time.Second)
			if n, err := p.EnsureTopic(ctx, "t"); err != nil || n != 3 {
				t.Fatalf("EnsureTopic = %d, %v", n, err)
			}
			msgs := rowMessages("t", 30, 3, 0)
			if err := p.WriteBatch(ctx, msgs); err != nil {
				t.Fatalf("WriteBatch: %v", err)
			}
			transport := &kafkago.Transport{SASL: m.reader(t)}
			for part := range int32(3) {
				want := ofPartition(msgs, part)
				sameRecords(t, "read back", readPartition(t, brokers, transport, "t", int(part), len(want)), want)
			}
		})

		for _, call := range []string{"EnsureTopic", "WriteBatch"} {
			t.Run(m.name+"/wrong password/"+call, func(t *testing.T) {
				bad := opts
				bad.SASL.Password = wrong
				p := newProducer(t, bad)
				ctx := testContext(t, 30*time.Second)
				var err error
				if call == "EnsureTopic" {
					_, err = p.EnsureTopic(ctx, "t")
				} else {
					err = p.WriteBatch(ctx, rowMessages("t", 3, 3, 0))
				}
				if err == nil {
					t.Fatal("authenticated with a wrong password")
				}
				t.Logf("error: %v", err)
				if kafka.IsRetryable(err) || ctx.Err() != nil {
					t.Errorf("error %q: retryable %t, deadline hit %t; want fatal at once", err, kafka.IsRetryable(err), ctx.Err() != nil)
				}
				if !strings.Contains(err.Error(), "SASL Authentication Failed") {
					t.Errorf("error %q does not say authentication failed", err)
				}
				if strings.Contains(err.Error(), wrong) || strings.Contains(err.Error(), password) {
					t.Errorf("error %q contains a password", err)
				}
			})
		}
	}
}

func mustScram(t *testing.T, algo scram.Algorithm, user, pass string) sasl.Mechanism {
	t.Helper()
	m, err := scram.Mechanism(algo, user, pass)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
