package kafka

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	kafkago "github.com/segmentio/kafka-go"
)

// Size accounting, as TiCDC and Kafka count.
const (
	messageOverhead = 36 // per record, TiCDC's constant for the size check
	batchOverhead   = 61 // v2 record batch header
)

// WriteBatch writes msgs, each to its own topic and partition, and returns
// once Kafka acknowledged every one of them as RequiredAcks asks, or with
// the first error that is fatal or outlives ctx.
//
// The messages of a partition go out in call order, in requests of at most
// BatchSize messages and BatchBytes bytes, one request in flight per
// partition; partitions are written concurrently, up to MaxInFlight at
// once. A retryable failure resends the partition's remaining messages in
// order after a backoff, until ctx ends, so a later message never
// overtakes an earlier one. Nothing is sent when a message is larger than
// the limit (*MessageTooLargeError). After an error some partitions may
// have been written: delivery is at-least-once.
func (p *Producer) WriteBatch(ctx context.Context, msgs []Message) error {
	if len(msgs) == 0 {
		return nil
	}
	ctx, end, err := p.begin(ctx)
	if err != nil {
		return err
	}
	defer end()
	g := p.groupers.Get().(*grouper)
	defer func() { g.reset(); p.groupers.Put(g) }()
	groups := g.split(msgs)
	for i := range groups {
		groups[i].limit = p.messageLimit(groups[i].topic)
		if err := checkSizes(msgs, &groups[i]); err != nil {
			return err
		}
	}
	if len(groups) == 1 {
		return p.writePartition(ctx, msgs, &groups[0])
	}
	return p.writeGroups(ctx, msgs, groups)
}

// messageLimit is the largest message accepted for topic.
func (p *Producer) messageLimit(topic string) int {
	if info, ok := p.topicInfo(topic); ok && info.maxMessageBytes > 0 {
		return info.maxMessageBytes
	}
	return p.opts.MaxMessageBytes
}

func checkSizes(msgs []Message, g *partitionGroup) error {
	for _, i := range g.idx {
		m := &msgs[i]
		if n := len(m.Key) + len(m.Value) + messageOverhead; n > g.limit {
			return &MessageTooLargeError{Table: m.Table, Length: n, MaxMessageBytes: g.limit}
		}
	}
	return nil
}

// writeGroups writes the partitions concurrently, the calling goroutine
// being one of the workers. The first failure cancels the others.
func (p *Producer) writeGroups(ctx context.Context, msgs []Message, groups []partitionGroup) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next     atomic.Int32
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	work := func() {
		for ctx.Err() == nil {
			i := int(next.Add(1) - 1)
			if i >= len(groups) {
				return
			}
			if err := p.writePartition(ctx, msgs, &groups[i]); err != nil {
				errOnce.Do(func() { firstErr = err; cancel() })
				return
			}
		}
	}
	for range min(len(groups), p.opts.MaxInFlight) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil {
		// Cancelled from outside between two partitions.
		return fmt.Errorf("write %d messages: %w", len(msgs), context.Cause(ctx))
	}
	return firstErr
}

// writePartition sends one partition's messages in order, request by
// request, each retried until it is acknowledged.
func (p *Producer) writePartition(ctx context.Context, msgs []Message, g *partitionGroup) error {
	maxBytes := min(p.opts.BatchBytes, g.limit)
	for start := 0; start < len(g.idx); {
		end, size := start, batchOverhead
		for end < len(g.idx) && end-start < p.opts.BatchSize {
			m := &msgs[g.idx[end]]
			n := len(m.Key) + len(m.Value) + messageOverhead
			if end > start && size+n > maxBytes {
				break
			}
			size += n
			end++
		}
		if err := p.produceRetrying(ctx, msgs, g, g.idx[start:end]); err != nil {
			return err
		}
		start = end
	}
	return nil
}

func (p *Producer) produceRetrying(ctx context.Context, msgs []Message, g *partitionGroup, idx []int32) error {
	backoff := p.opts.RetryBackoff
	for attempt := 1; ; attempt++ {
		err := p.produce(ctx, msgs, g.topic, g.partition, idx)
		if err == nil {
			return nil
		}
		err = p.explain(ctx, err)
		if ctx.Err() != nil || !IsRetryable(err) {
			return fmt.Errorf("produce %d messages to topic %q partition %d: %w", len(idx), g.topic, g.partition, err)
		}
		if isConnectionError(err) {
			// A broker restart or a network cut breaks every pooled
			// connection, and kafka-go finds each broken one only by
			// failing a request on it: one retry and one backoff each.
			// Dropping the idle ones makes the next attempt dial afresh.
			p.transport.CloseIdleConnections()
		}
		level := slog.LevelDebug
		if attempt&(attempt-1) == 0 { // attempts 1, 2, 4, 8...: an outage logs little
			level = slog.LevelWarn
		}
		p.log.Log(ctx, level, "kafka produce failed, retrying", "topic", g.topic, "partition", g.partition,
			"messages", len(idx), "attempt", attempt, "backoff", backoff, "err", err)
		if serr := sleep(ctx, backoff); serr != nil {
			return fmt.Errorf("produce %d messages to topic %q partition %d: %w (last error: %w)",
				len(idx), g.topic, g.partition, serr, err)
		}
		backoff = min(2*backoff, p.opts.RetryBackoffMax)
	}
}

// produce sends one request and waits for its acknowledgement.
func (p *Producer) produce(ctx context.Context, msgs []Message, topic string, partition int32, idx []int32) error {
	rr := newRecordReader(msgs, idx)
	res, err := p.client.Produce(ctx, &kafkago.ProduceRequest{
		Topic:        topic,
		Partition:    int(partition),
		RequiredAcks: p.acks,
		Records:      rr,
		Compression:  p.compression,
	})
	rr.abandon() // kafka-go may still hold rr when ctx ended first
	if err != nil {
		return err
	}
	if res != nil && res.Error != nil { // nil response: acks=0
		return res.Error
	}
	return nil
}
