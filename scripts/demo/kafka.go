package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
)

// topicCount is the number of messages a topic holds.
type topicCount struct {
	Topic      string
	Partitions int
	Messages   int64
}

// countMessages lists every topic of the broker (but Kafka's internal
// ones) with its message count: the sum over its partitions of the high
// watermark minus the log start offset.
func countMessages(ctx context.Context, broker string) ([]topicCount, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	client := &kafka.Client{Addr: kafka.TCP(broker)}
	md, err := client.Metadata(ctx, &kafka.MetadataRequest{})
	if err != nil {
		return nil, fmt.Errorf("kafka %s: metadata: %w", broker, err)
	}
	req := &kafka.ListOffsetsRequest{Topics: map[string][]kafka.OffsetRequest{}}
	for _, t := range md.Topics {
		if t.Error != nil {
			return nil, fmt.Errorf("kafka %s: topic %s: %w", broker, t.Name, t.Error)
		}
		if t.Internal || strings.HasPrefix(t.Name, "__") {
			continue
		}
		for _, p := range t.Partitions {
			req.Topics[t.Name] = append(req.Topics[t.Name], kafka.FirstOffsetOf(p.ID), kafka.LastOffsetOf(p.ID))
		}
	}
	resp, err := client.ListOffsets(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("kafka %s: list offsets: %w", broker, err)
	}
	var out []topicCount
	for name, parts := range resp.Topics {
		c := topicCount{Topic: name, Partitions: len(parts)}
		for _, p := range parts {
			if p.Error != nil {
				return nil, fmt.Errorf("kafka %s: %s/%d: %w", broker, name, p.Partition, p.Error)
			}
			c.Messages += p.LastOffset - p.FirstOffset
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Topic < out[j].Topic })
	return out, nil
}
