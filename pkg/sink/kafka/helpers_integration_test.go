//go:build integration

package kafka_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	kafkago "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

func newCluster(t *testing.T, opts ...kfake.Opt) *kfake.Cluster {
	t.Helper()
	c, err := kfake.NewCluster(append([]kfake.Opt{kfake.NumBrokers(1)}, opts...)...)
	if err != nil {
		t.Fatalf("start kfake: %v", err)
	}
	t.Cleanup(c.Close)
	return c
}

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func newProducer(t *testing.T, opts kafka.Options) *kafka.Producer {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = testLogger(t)
	}
	p, err := kafka.New(opts)
	if err != nil {
		t.Fatalf("kafka.New: %v", err)
	}
	t.Cleanup(func() { _ = p.Close(context.Background()) })
	return p
}

func testContext(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// rowMessages builds n messages of topic over partitions, keyed so that
// every key recurs (per-key order matters), with a tombstone every 7th and
// an empty but present value every 11th.
func rowMessages(topic string, n, partitions, from int) []kafka.Message {
	msgs := make([]kafka.Message, n)
	for i := range msgs {
		seq := from + i
		m := kafka.Message{
			Topic:     topic,
			Partition: int32(seq % 5 % partitions),
			Key:       fmt.Appendf(nil, "key-%d", seq%5),
			Value:     fmt.Appendf(nil, "value-%d", seq),
			Table:     "test.t",
		}
		switch {
		case seq%7 == 0:
			m.Value = nil
		case seq%11 == 0:
			m.Value = []byte{}
		}
		msgs[i] = m
	}
	return msgs
}

// ofPartition returns the messages of msgs bound for partition, in order.
func ofPartition(msgs []kafka.Message, partition int32) []kafka.Message {
	var out []kafka.Message
	for _, m := range msgs {
		if m.Partition == partition {
			out = append(out, m)
		}
	}
	return out
}

// record is one record read back.
type record struct {
	Key, Value []byte
	Null       bool // the value is a Kafka null, not an empty value
}

// readPartition reads n records from the start of a partition with
// kafka-go's Client.Fetch, which, unlike its Reader, tells a null value
// from an empty one. transport carries SASL/TLS settings (nil: plain).
func readPartition(t *testing.T, brokers []string, transport kafkago.RoundTripper, topic string, partition, n int) []record {
	t.Helper()
	c := &kafkago.Client{Addr: kafkago.TCP(brokers...), Transport: transport, Timeout: 10 * time.Second}
	ctx := testContext(t, 15*time.Second)
	out := make([]record, 0, n)
	for len(out) < n {
		res, err := c.Fetch(ctx, &kafkago.FetchRequest{
			Topic: topic, Partition: partition, Offset: int64(len(out)),
			MinBytes: 1, MaxBytes: 10 << 20, MaxWait: 100 * time.Millisecond,
		})
		if err == nil {
			err = res.Error
		}
		if err != nil {
			t.Fatalf("fetch %s[%d] after %d of %d records: %v", topic, partition, len(out), n, err)
		}
		for {
			r, err := res.Records.ReadRecord()
			if err != nil {
				break
			}
			if r.Offset < int64(len(out)) {
				continue
			}
			key, _ := kafkago.ReadAll(r.Key)
			value, _ := kafkago.ReadAll(r.Value)
			out = append(out, record{Key: key, Value: value, Null: r.Value == nil})
		}
	}
	if len(out) > n {
		t.Fatalf("%s[%d]: %d records, want %d", topic, partition, len(out), n)
	}
	return out
}

// sameRecords compares records read back with the messages written: key,
// value, and null (tombstone) against empty values.
func sameRecords(t *testing.T, label string, got []record, want []kafka.Message) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d records, want %d", label, len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if !bytes.Equal(g.Key, w.Key) || !bytes.Equal(g.Value, w.Value) || g.Null != (w.Value == nil) {
			t.Fatalf("%s: record %d = key %q value %q (null %t), want key %q value %q (null %t)",
				label, i, g.Key, g.Value, g.Null, w.Key, w.Value, w.Value == nil)
		}
	}
}

// partitionEnd returns the next offset of a partition.
func partitionEnd(t *testing.T, brokers []string, topic string, partition int) int64 {
	t.Helper()
	c := &kafkago.Client{Addr: kafkago.TCP(brokers...), Timeout: 10 * time.Second}
	res, err := c.ListOffsets(context.Background(), &kafkago.ListOffsetsRequest{
		Topics: map[string][]kafkago.OffsetRequest{topic: {kafkago.LastOffsetOf(partition)}},
	})
	if err != nil {
		t.Fatalf("list offsets: %v", err)
	}
	for _, po := range res.Topics[topic] {
		if po.Partition == partition {
			if po.Error != nil {
				t.Fatalf("list offsets of %s[%d]: %v", topic, partition, po.Error)
			}
			return po.LastOffset
		}
	}
	t.Fatalf("list offsets: no answer for %s[%d]", topic, partition)
	return 0
}
