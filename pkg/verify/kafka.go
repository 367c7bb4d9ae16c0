package verify

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/cdcctl/cdcctl/pkg/dispatch"
)

// topicPlan is a topic with the offsets to read: [start, end) per
// partition, end being the high watermark when the check began.
type topicPlan struct {
	name       string
	partitions []int32
	start, end map[int32]int64
	missing    bool
}

// stallTimeout bounds the wait for a partition that stops making progress.
const stallTimeout = 30 * time.Second

// topicNames lists the topics to read, in reading order.
func (c *checker) topicNames(ctx context.Context, admin *kgo.Client) ([]string, error) {
	switch {
	case len(c.cfg.Topics) > 0:
		return c.cfg.Topics, nil
	case c.cfg.TopicRule != "":
		var out []string
		seen := map[string]bool{}
		for _, t := range c.cfg.Tables {
			for _, name := range append(append([]string(nil), t.Previous...), t.Name) {
				db, tbl, _ := splitName(name)
				topic := dispatch.SubstituteTopic(c.cfg.TopicRule, db, tbl)
				if !seen[topic] {
					seen[topic] = true
					out = append(out, topic)
				}
			}
		}
		return out, nil
	}
	resp, err := kmsg.NewPtrMetadataRequest().RequestWith(ctx, admin)
	if err != nil {
		return nil, fmt.Errorf("verify: list topics: %w", err)
	}
	var out []string
	for _, t := range resp.Topics {
		if t.Topic != nil && c.cfg.TopicPattern.MatchString(*t.Topic) {
			out = append(out, *t.Topic)
		}
	}
	sort.Strings(out)
	return out, nil
}

// plan reads the partitions and their start and end offsets of every
// topic, before any is consumed.
func (c *checker) plan(ctx context.Context, admin *kgo.Client, names []string) ([]*topicPlan, error) {
	req := kmsg.NewPtrMetadataRequest()
	for _, n := range names {
		rt := kmsg.NewMetadataRequestTopic()
		rt.Topic = kmsg.StringPtr(n)
		req.Topics = append(req.Topics, rt)
	}
	resp, err := req.RequestWith(ctx, admin)
	if err != nil {
		return nil, fmt.Errorf("verify: topic metadata: %w", err)
	}
	byName := map[string]*topicPlan{}
	for _, t := range resp.Topics {
		if t.Topic == nil {
			continue
		}
		tp := &topicPlan{name: *t.Topic, start: map[int32]int64{}, end: map[int32]int64{}}
		if err := kerr.ErrorForCode(t.ErrorCode); err != nil {
			if !errors.Is(err, kerr.UnknownTopicOrPartition) {
				return nil, fmt.Errorf("verify: topic %s: metadata: %w", tp.name, err)
			}
			tp.missing = true
		}
		for _, p := range t.Partitions {
			tp.partitions = append(tp.partitions, p.Partition)
		}
		sort.Slice(tp.partitions, func(i, j int) bool { return tp.partitions[i] < tp.partitions[j] })
		byName[tp.name] = tp
	}
	plans := make([]*topicPlan, 0, len(names))
	for _, n := range names {
		tp := byName[n]
		if tp == nil {
			tp = &topicPlan{name: n, missing: true}
		}
		if !tp.missing {
			if err := c.offsets(ctx, admin, tp); err != nil {
				return nil, err
			}
		}
		plans = append(plans, tp)
	}
	return plans, nil
}

// offsets fills a topic's log start offsets and high watermarks.
func (c *checker) offsets(ctx context.Context, admin *kgo.Client, tp *topicPlan) error {
	for _, ts := range []int64{-2, -1} { // earliest, latest
		req := kmsg.NewPtrListOffsetsRequest()
		req.ReplicaID = -1
		rt := kmsg.NewListOffsetsRequestTopic()
		rt.Topic = tp.name
		for _, p := range tp.partitions {
			rp := kmsg.NewListOffsetsRequestTopicPartition()
			rp.Partition, rp.Timestamp, rp.CurrentLeaderEpoch = p, ts, -1
			rt.Partitions = append(rt.Partitions, rp)
		}
		req.Topics = append(req.Topics, rt)
		resp, err := req.RequestWith(ctx, admin)
		if err != nil {
			return fmt.Errorf("verify: topic %s: list offsets: %w", tp.name, err)
		}
		for _, t := range resp.Topics {
			for _, p := range t.Partitions {
				if err := kerr.ErrorForCode(p.ErrorCode); err != nil {
					return fmt.Errorf("verify: topic %s partition %d: list offsets: %w", tp.name, p.Partition, err)
				}
				if ts == -2 {
					tp.start[p.Partition] = p.Offset
				} else {
					tp.end[p.Partition] = p.Offset
				}
			}
		}
	}
	return nil
}

// consume reads every partition of tp from offset 0 (or the log start) to
// its planned end, handing records to fn in offset order per partition.
func (c *checker) consume(ctx context.Context, tp *topicPlan, fn func(*kgo.Record)) error {
	want := map[int32]kgo.Offset{}
	next := map[int32]int64{}
	for _, p := range tp.partitions {
		if tp.end[p] > tp.start[p] {
			want[p] = kgo.NewOffset().At(tp.start[p])
			next[p] = tp.start[p]
		}
	}
	if len(want) == 0 {
		return nil
	}
	opts := append([]kgo.Opt{
		kgo.SeedBrokers(c.cfg.Brokers...),
		kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{tp.name: want}),
		kgo.FetchMaxWait(500 * time.Millisecond),
	}, c.cfg.KafkaOpts...)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return fmt.Errorf("verify: topic %s: Kafka client: %w", tp.name, err)
	}
	defer cl.Close()
	progress := time.Now()
	for len(next) > 0 {
		pctx, cancel := context.WithTimeout(ctx, time.Second)
		fs := cl.PollFetches(pctx)
		cancel()
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("verify: topic %s: %w", tp.name, err)
		}
		for _, fe := range fs.Errors() {
			if !errors.Is(fe.Err, context.DeadlineExceeded) {
				return fmt.Errorf("verify: topic %s partition %d: fetch: %w", fe.Topic, fe.Partition, fe.Err)
			}
		}
		fs.EachRecord(func(r *kgo.Record) {
			n, ok := next[r.Partition]
			if !ok || r.Offset >= tp.end[r.Partition] || r.Offset < n {
				return
			}
			progress = time.Now()
			fn(r)
			next[r.Partition] = r.Offset + 1
			if r.Offset+1 >= tp.end[r.Partition] {
				delete(next, r.Partition)
			}
		})
		if time.Since(progress) > stallTimeout {
			return fmt.Errorf("verify: topic %s: no progress for %s (next offsets %v, ends %v)", tp.name, stallTimeout, next, tp.end)
		}
	}
	return nil
}
