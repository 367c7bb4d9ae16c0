//go:build integration

package kafka_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	kafkago "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

// topicPartitions asks the cluster directly (a fresh client, so no cache of
// ours) how many partitions topic has; 0 when it does not exist.
func topicPartitions(t *testing.T, brokers []string, topic string) int {
	t.Helper()
	c := &kafkago.Client{Addr: kafkago.TCP(brokers...), Transport: &kafkago.Transport{}, Timeout: 10 * time.Second}
	res, err := c.Metadata(context.Background(), &kafkago.MetadataRequest{Topics: []string{topic}})
	if err != nil {
		t.Fatalf("metadata: %v", err)
	}
	for _, tp := range res.Topics {
		if tp.Name == topic && tp.Error == nil {
			return len(tp.Partitions)
		}
	}
	return 0
}

func TestEnsureTopic(t *testing.T) {
	tests := []struct {
		name         string
		topic        string
		autoCreate   bool
		partitionNum int32
		want         int32
		wantErr      string
	}{
		{"creates with partition-num", "new-5", true, 5, 5, ""},
		{"creates with the default of 3", "new-default", true, 0, 3, ""},
		{"existing topic with fewer partitions keeps them", "existing-2", true, 3, 2, ""},
		{"existing topic with more partitions keeps them", "existing-7", true, 3, 7, ""},
		{"existing topic, auto-create off", "existing-7", false, 0, 7, ""},
		{"missing topic, auto-create off", "missing", false, 3, 0, "`auto-create-topic` is false, and missing not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// No AllowAutoTopicCreation: only our CreateTopics may create.
			c := newCluster(t, kfake.SeedTopics(2, "existing-2"), kfake.SeedTopics(7, "existing-7"))
			brokers := c.ListenAddrs()
			opts := kafka.DefaultOptions(brokers...)
			opts.AutoCreateTopic, opts.PartitionNum = tt.autoCreate, tt.partitionNum
			p := newProducer(t, opts)
			ctx := testContext(t, 30*time.Second)
			got, err := p.EnsureTopic(ctx, tt.topic)
			if tt.wantErr != "" {
				if err == nil || !errors.Is(err, kafka.ErrTopicNotFound) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %d, %v; want an ErrTopicNotFound error with %q", got, err, tt.wantErr)
				}
				if kafka.IsRetryable(err) {
					t.Errorf("missing topic reported as retryable")
				}
				if n := topicPartitions(t, brokers, tt.topic); n != 0 {
					t.Errorf("the check created the topic with %d partitions", n)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("EnsureTopic = %d, %v; want %d", got, err, tt.want)
			}
			if n := topicPartitions(t, brokers, tt.topic); n != int(tt.want) {
				t.Errorf("cluster says %d partitions, want %d", n, tt.want)
			}
			// The last partition is writable right away: the producer's
			// routing knows the new topic.
			msg := kafka.Message{Topic: tt.topic, Partition: got - 1, Key: []byte("k"), Value: []byte("v")}
			if err := p.WriteBatch(ctx, []kafka.Message{msg}); err != nil {
				t.Fatalf("write to partition %d: %v", got-1, err)
			}
			// The answer is cached: it survives the cluster going away.
			c.Close()
			if again, err := p.EnsureTopic(ctx, tt.topic); err != nil || again != got {
				t.Errorf("cached EnsureTopic = %d, %v; want %d", again, err, got)
			}
		})
	}
}

func TestEnsureTopicBrokerDownIsRetryable(t *testing.T) {
	c := newCluster(t)
	brokers := c.ListenAddrs()
	c.Close()
	opts := kafka.DefaultOptions(brokers...)
	opts.DialTimeout = time.Second
	p := newProducer(t, opts)
	ctx := testContext(t, 5*time.Second)
	_, err := p.EnsureTopic(ctx, "t")
	if err == nil || !kafka.IsRetryable(err) {
		t.Fatalf("got %v (retryable %t), want a retryable error", err, kafka.IsRetryable(err))
	}
	if ctx.Err() != nil {
		t.Errorf("EnsureTopic ran into the test's deadline instead of failing: %v", err)
	}
}
