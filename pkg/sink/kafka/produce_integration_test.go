//go:build integration

package kafka_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	kafkago "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

func TestWriteBatchExplicitPartitions(t *testing.T) {
	tests := []struct {
		name        string
		compression string
		acks        kafka.Acks
		batchSize   int
	}{
		{"acks all, uncompressed", "none", kafka.AcksAll, 0},
		{"acks leader, gzip", "gzip", kafka.AcksLeader, 0},
		{"acks none, snappy", "snappy", kafka.AcksNone, 0},
		{"lz4, many small requests", "lz4", kafka.AcksAll, 7},
		{"zstd", "zstd", kafka.AcksAll, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCluster(t)
			brokers := c.ListenAddrs()
			opts := kafka.DefaultOptions(brokers...)
			opts.Compression, opts.RequiredAcks, opts.BatchSize = tt.compression, tt.acks, tt.batchSize
			opts.PartitionNum = 3
			p := newProducer(t, opts)
			ctx := testContext(t, 30*time.Second)
			const topic = "tidb_test_t"
			n, err := p.EnsureTopic(ctx, topic)
			if err != nil || n != 3 {
				t.Fatalf("EnsureTopic = %d, %v; want 3 partitions", n, err)
			}
			first, second := rowMessages(topic, 200, 3, 0), rowMessages(topic, 150, 3, 200)
			for _, batch := range [][]kafka.Message{first, second} {
				if err := p.WriteBatch(ctx, batch); err != nil {
					t.Fatalf("WriteBatch: %v", err)
				}
			}
			for part := range int32(3) {
				want := append(ofPartition(first, part), ofPartition(second, part)...)
				got := readPartition(t, brokers, nil, topic, int(part), len(want))
				label := fmt.Sprintf("partition %d", part)
				if tt.acks == kafka.AcksNone && len(got) == len(want) && !bytes.Equal(got[0].Value, want[0].Value) {
					// acks=0 waits for nothing, so the two calls' requests may
					// reach the broker on different connections in either
					// order; each request still lands whole and in order.
					label += " (second call's request first)"
					want = append(ofPartition(second, part), ofPartition(first, part)...)
				}
				sameRecords(t, label, got, want)
			}
		})
	}
}

func TestWriteBatchSeveralTopics(t *testing.T) {
	c := newCluster(t)
	brokers := c.ListenAddrs()
	opts := kafka.DefaultOptions(brokers...)
	opts.PartitionNum = 2
	p := newProducer(t, opts)
	ctx := testContext(t, 30*time.Second)
	var all []kafka.Message
	topics := []string{"a", "b", "c", "d", "e"} // 10 partitions: beyond the grouper's linear scan
	for _, topic := range topics {
		if _, err := p.EnsureTopic(ctx, topic); err != nil {
			t.Fatal(err)
		}
		all = append(all, rowMessages(topic, 40, 2, 0)...)
	}
	// Interleave the topics as a transaction touching several tables would.
	mixed := make([]kafka.Message, 0, len(all))
	for i := range 40 {
		for k := range topics {
			mixed = append(mixed, all[k*40+i])
		}
	}
	if err := p.WriteBatch(ctx, mixed); err != nil {
		t.Fatal(err)
	}
	for k, topic := range topics {
		for part := range int32(2) {
			want := ofPartition(all[k*40:(k+1)*40], part)
			sameRecords(t, topic, readPartition(t, brokers, nil, topic, int(part), len(want)), want)
		}
	}
}

func TestConcurrentWriteBatchesOnDisjointPartitions(t *testing.T) {
	c := newCluster(t, kfake.SeedTopics(4, "t"))
	brokers := c.ListenAddrs()
	p := newProducer(t, kafka.DefaultOptions(brokers...))
	ctx := testContext(t, 30*time.Second)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	written := make([][]kafka.Message, 4)
	for w := range 4 {
		wg.Go(func() {
			for b := range 10 {
				msgs := rowMessages("t", 50, 1, b*50)
				for i := range msgs {
					msgs[i].Partition = int32(w)
				}
				if err := p.WriteBatch(ctx, msgs); err != nil {
					errs[w] = err
					return
				}
				written[w] = append(written[w], msgs...)
			}
		})
	}
	wg.Wait()
	for w := range 4 {
		if errs[w] != nil {
			t.Fatalf("writer %d: %v", w, errs[w])
		}
		sameRecords(t, fmt.Sprintf("partition %d", w), readPartition(t, brokers, nil, "t", w, 500), written[w])
	}
}

func TestMessageTooLarge(t *testing.T) {
	c := newCluster(t, kfake.SeedTopics(1, "t"))
	brokers := c.ListenAddrs()
	opts := kafka.DefaultOptions(brokers...)
	opts.MaxMessageBytes = 1000
	p := newProducer(t, opts)
	ctx := testContext(t, 30*time.Second)
	msgs := []kafka.Message{
		{Topic: "t", Key: []byte("small"), Value: []byte("fits"), Table: "test.t"},
		{Topic: "t", Key: make([]byte, 10), Value: make([]byte, 980), Table: "test.big"},
	}
	err := p.WriteBatch(ctx, msgs)
	const want = "[CDC:ErrMessageTooLarge]message is too large. table:test.big, length:1026, maxMessageBytes:1000"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
	var tooLarge *kafka.MessageTooLargeError
	if !errors.As(err, &tooLarge) || kafka.IsRetryable(err) {
		t.Errorf("error %T retryable=%t, want a fatal *MessageTooLargeError", err, kafka.IsRetryable(err))
	}
	if end := partitionEnd(t, brokers, "t", 0); end != 0 {
		t.Errorf("%d records written although the batch was refused", end)
	}
	// One byte less fits.
	msgs[1].Value = msgs[1].Value[:954]
	if err := p.WriteBatch(ctx, msgs); err != nil {
		t.Fatalf("message of exactly max-message-bytes: %v", err)
	}
}

// TestTopicMaxMessageBytesCapsTheLimit checks TiCDC's rule: the limit for
// a topic is min(max-message-bytes, topic max.message.bytes - 128), the
// topic's value coming from its own config or the broker's.
func TestTopicMaxMessageBytesCapsTheLimit(t *testing.T) {
	tests := []struct {
		name        string
		cluster     []kfake.Opt
		topicConfig string // max.message.bytes set on the topic at creation
		wantLimit   int
	}{
		{"broker message.max.bytes", []kfake.Opt{kfake.BrokerConfigs(map[string]string{"message.max.bytes": "2000"})}, "", 1872},
		{"topic max.message.bytes", nil, "3000", 2872},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCluster(t, tt.cluster...)
			brokers := c.ListenAddrs()
			ctx := testContext(t, 30*time.Second)
			if tt.topicConfig != "" {
				admin := &kafkago.Client{Addr: kafkago.TCP(brokers...)}
				res, err := admin.CreateTopics(ctx, &kafkago.CreateTopicsRequest{Topics: []kafkago.TopicConfig{{
					Topic: "t", NumPartitions: 3, ReplicationFactor: 1,
					ConfigEntries: []kafkago.ConfigEntry{{ConfigName: "max.message.bytes", ConfigValue: tt.topicConfig}},
				}}})
				if err == nil {
					err = res.Errors["t"]
				}
				if err != nil {
					t.Fatalf("create topic: %v", err)
				}
			}
			p := newProducer(t, kafka.DefaultOptions(brokers...))
			if _, err := p.EnsureTopic(ctx, "t"); err != nil {
				t.Fatal(err)
			}
			valueLen := tt.wantLimit - messageOverhead + 1
			err := p.WriteBatch(ctx, []kafka.Message{{Topic: "t", Value: make([]byte, valueLen), Table: "db.wide"}})
			want := fmt.Sprintf("[CDC:ErrMessageTooLarge]message is too large. table:db.wide, length:%d, maxMessageBytes:%d",
				tt.wantLimit+1, tt.wantLimit)
			if err == nil || err.Error() != want {
				t.Fatalf("got %v, want %q", err, want)
			}
			// Messages of the largest size go out one per request, which
			// the broker takes.
			msgs := make([]kafka.Message, 30)
			for i := range msgs {
				msgs[i] = kafka.Message{Topic: "t", Partition: int32(i % 3), Value: make([]byte, valueLen-1)}
			}
			if err := p.WriteBatch(ctx, msgs); err != nil {
				t.Fatalf("batch over the broker's request limit: %v", err)
			}
			for part := range 3 {
				if end := partitionEnd(t, brokers, "t", part); end != 10 {
					t.Errorf("partition %d holds %d records, want 10", part, end)
				}
			}
		})
	}
}

// messageOverhead is TiCDC's per-message constant in the size check.
const messageOverhead = 36

func TestClosedProducer(t *testing.T) {
	c := newCluster(t, kfake.SeedTopics(1, "t"))
	p := newProducer(t, kafka.DefaultOptions(c.ListenAddrs()...))
	ctx := testContext(t, 10*time.Second)
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	err := p.WriteBatch(ctx, rowMessages("t", 1, 1, 0))
	if !errors.Is(err, kafka.ErrClosed) || !strings.Contains(err.Error(), "closed") {
		t.Errorf("WriteBatch after Close: %v", err)
	}
	if _, err := p.EnsureTopic(ctx, "t"); !errors.Is(err, kafka.ErrClosed) {
		t.Errorf("EnsureTopic after Close: %v", err)
	}
}
