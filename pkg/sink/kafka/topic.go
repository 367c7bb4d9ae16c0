package kafka

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	kafkago "github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/protocol"
	metadataAPI "github.com/segmentio/kafka-go/protocol/metadata"
)

// topicInfo is what EnsureTopic learnt about a topic.
type topicInfo struct {
	partitions      int32
	maxMessageBytes int // effective limit for one message
}

// maxMessageBytesMargin is what TiCDC keeps below a topic's
// max.message.bytes for the record batch overhead.
const maxMessageBytesMargin = 128

// EnsureTopic makes sure topic exists and returns its partition count,
// which the partition dispatcher must use. A missing topic is created with
// PartitionNum partitions and ReplicationFactor when AutoCreateTopic is
// set, and is an error wrapping ErrTopicNotFound otherwise. An existing
// topic keeps its own partition count. The answer is cached for the life
// of the producer. It also learns the topic's max.message.bytes, which
// caps MaxMessageBytes for messages to it as in TiCDC.
func (p *Producer) EnsureTopic(ctx context.Context, topic string) (int32, error) {
	if info, ok := p.topicInfo(topic); ok {
		return info.partitions, nil
	}
	ctx, end, err := p.begin(ctx)
	if err != nil {
		return 0, err
	}
	defer end()
	info, err := p.ensureTopic(ctx, topic)
	if err != nil {
		return 0, fmt.Errorf("ensure kafka topic %q: %w", topic, p.explain(ctx, err))
	}
	p.topicsMu.Lock()
	p.topics[topic] = info
	p.topicsMu.Unlock()
	return info.partitions, nil
}

func (p *Producer) topicInfo(topic string) (topicInfo, bool) {
	p.topicsMu.Lock()
	defer p.topicsMu.Unlock()
	info, ok := p.topics[topic]
	return info, ok
}

func (p *Producer) ensureTopic(ctx context.Context, topic string) (topicInfo, error) {
	// DescribeConfigs answers from the broker (metadata would come from
	// kafka-go's cache) and never creates the topic.
	limit, exists, err := p.describeTopic(ctx, topic)
	if err != nil {
		return topicInfo{}, err
	}
	if !exists {
		if !p.opts.AutoCreateTopic {
			return topicInfo{}, &topicNotFoundError{topic: topic}
		}
		if err := p.createTopic(ctx, topic); err != nil {
			return topicInfo{}, err
		}
		if limit, _, err = p.describeTopic(ctx, topic); err != nil {
			return topicInfo{}, err
		}
	}
	n, err := p.partitionCount(ctx, topic)
	if err != nil {
		return topicInfo{}, err
	}
	if exists && n != p.opts.PartitionNum {
		p.log.Info("using the existing topic's partition count", "topic", topic,
			"partitions", n, "partition-num", p.opts.PartitionNum)
	}
	return topicInfo{partitions: n, maxMessageBytes: limit}, nil
}

// describeTopic reports whether topic exists and the message limit for it:
// MaxMessageBytes capped at the topic's max.message.bytes minus TiCDC's
// margin.
func (p *Producer) describeTopic(ctx context.Context, topic string) (limit int, exists bool, err error) {
	res, err := p.client.DescribeConfigs(ctx, &kafkago.DescribeConfigsRequest{
		Resources: []kafkago.DescribeConfigRequestResource{{
			ResourceType: kafkago.ResourceTypeTopic,
			ResourceName: topic,
			// A broker answers max.message.bytes with the effective value;
			// kfake names a broker-level value message.max.bytes instead.
			ConfigNames: []string{"max.message.bytes", "message.max.bytes"},
		}},
	})
	if err != nil {
		return 0, false, err
	}
	if len(res.Resources) != 1 {
		return 0, false, fmt.Errorf("describe configs: %d resources in the answer", len(res.Resources))
	}
	r := res.Resources[0]
	if errors.Is(r.Error, kafkago.UnknownTopicOrPartition) {
		return 0, false, nil
	}
	if r.Error != nil {
		return 0, false, fmt.Errorf("describe configs: %w", r.Error)
	}
	limit = p.opts.MaxMessageBytes
	for _, e := range r.ConfigEntries {
		if e.ConfigName != "max.message.bytes" && e.ConfigName != "message.max.bytes" {
			continue
		}
		if v, err := strconv.Atoi(e.ConfigValue); err == nil && v > maxMessageBytesMargin {
			limit = min(limit, v-maxMessageBytesMargin)
		}
	}
	return limit, true, nil
}

func (p *Producer) createTopic(ctx context.Context, topic string) error {
	res, err := p.client.CreateTopics(ctx, &kafkago.CreateTopicsRequest{
		Topics: []kafkago.TopicConfig{{
			Topic:             topic,
			NumPartitions:     int(p.opts.PartitionNum),
			ReplicationFactor: int(p.opts.ReplicationFactor),
		}},
	})
	if err != nil {
		return fmt.Errorf("create topic: %w", err)
	}
	switch err := res.Errors[topic]; {
	case err == nil:
		p.log.Info("created kafka topic", "topic", topic, "partitions", p.opts.PartitionNum,
			"replication-factor", p.opts.ReplicationFactor)
	case errors.Is(err, kafkago.TopicAlreadyExists): // created by someone else meanwhile
	default:
		return fmt.Errorf("create topic: %w", err)
	}
	return nil
}

// partitionCount asks for the topic's metadata until its partitions have
// leaders. It sets AllowAutoTopicCreation, which is harmless for a topic
// known to exist, because that is what makes kafka-go's transport refresh
// its cached metadata when the topic is new to it; produce requests are
// routed by that cache.
func (p *Producer) partitionCount(ctx context.Context, topic string) (int32, error) {
	backoff := 20 * time.Millisecond
	for {
		n, err := p.metadataPartitions(ctx, topic)
		if err == nil || !IsRetryable(err) {
			return n, err
		}
		if serr := sleep(ctx, backoff); serr != nil {
			return 0, fmt.Errorf("%w (last error: %w)", serr, err)
		}
		backoff = min(2*backoff, time.Second)
	}
}

func (p *Producer) metadataPartitions(ctx context.Context, topic string) (int32, error) {
	res, err := p.transport.RoundTrip(ctx, p.addr, &metadataAPI.Request{
		TopicNames:             []string{topic},
		AllowAutoTopicCreation: true,
	})
	if err != nil {
		return 0, fmt.Errorf("metadata: %w", err)
	}
	for _, t := range res.(*metadataAPI.Response).Topics {
		if t.Name != topic {
			continue
		}
		if t.ErrorCode != 0 {
			return 0, fmt.Errorf("metadata: %w", kafkago.Error(t.ErrorCode))
		}
		for _, part := range t.Partitions {
			if part.ErrorCode != 0 {
				return 0, fmt.Errorf("metadata of partition %d: %w", part.PartitionIndex, kafkago.Error(part.ErrorCode))
			}
		}
		if len(t.Partitions) == 0 {
			return 0, fmt.Errorf("metadata: %w", kafkago.LeaderNotAvailable)
		}
		return int32(len(t.Partitions)), nil
	}
	return 0, fmt.Errorf("metadata: %w", kafkago.UnknownTopicOrPartition)
}

// explain adds what kafka-go leaves out of err. When the transport has no
// usable metadata, kafka-go reports "broker not available" or "topic not
// found" while the real cause, such as failed authentication or TLS
// verification, sits in its metadata state: explain appends it. And a
// connection closed while every SASL authentication so far failed is
// reported as the authentication failure it almost surely is.
func (p *Producer) explain(ctx context.Context, err error) error {
	if errors.Is(err, kafkago.BrokerNotAvailable) || noRoute(err) {
		if _, merr := p.client.Metadata(ctx, &kafkago.MetadataRequest{}); merr != nil && ctx.Err() == nil {
			err = fmt.Errorf("%w (cluster metadata: %w)", err, merr)
		}
	}
	if p.auth.failedOnly() && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)) {
		err = fmt.Errorf("%w: the broker closed the connection while authenticating user %q with SASL %s: %w",
			kafkago.SASLAuthenticationFailed, p.opts.SASL.User, p.auth.Name(), err)
	}
	return err
}

// noRoute reports kafka-go's errors for a request it cannot route with
// its cached metadata.
func noRoute(err error) bool {
	return errors.Is(err, protocol.ErrNoTopic) || errors.Is(err, protocol.ErrNoPartition) ||
		errors.Is(err, protocol.ErrNoLeader)
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
