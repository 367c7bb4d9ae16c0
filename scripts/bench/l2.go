package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
	"time"

	kafkago "github.com/segmentio/kafka-go"
)

// Producer settings shared by cdcctl (pkg/sink/kafka defaults) and L2.
const (
	produceBatchSize   = 10000   // messages per request and partition
	produceBatchBytes  = 1 << 20 // bytes per request and partition
	produceMaxInFlight = 16      // concurrent requests
	recordOverhead     = 36      // per record, as the producer counts
)

// partitionData is the records of one topic partition, in offset order.
type partitionData struct {
	topic     string
	partition int
	keys      [][]byte
	values    [][]byte // nil: a tombstone
}

// output is what a cdcctl run wrote to the broker.
type output struct {
	parts    []partitionData
	messages int64
	bytes    int64
}

// fetchOutput reads every record of every topic on the broker at addr.
func fetchOutput(ctx context.Context, addr string) (*output, error) {
	client := &kafkago.Client{Addr: kafkago.TCP(addr), Timeout: time.Minute}
	md, err := client.Metadata(ctx, &kafkago.MetadataRequest{})
	if err != nil {
		return nil, fmt.Errorf("read topics: %w", err)
	}
	out := &output{}
	for _, t := range md.Topics {
		for _, p := range t.Partitions {
			pd := partitionData{topic: t.Name, partition: p.ID}
			if err := fetchPartition(ctx, client, &pd); err != nil {
				return nil, err
			}
			if len(pd.keys) == 0 {
				continue
			}
			for i := range pd.keys {
				out.bytes += int64(len(pd.keys[i]) + len(pd.values[i]))
			}
			out.messages += int64(len(pd.keys))
			out.parts = append(out.parts, pd)
		}
	}
	sort.Slice(out.parts, func(i, j int) bool {
		a, b := out.parts[i], out.parts[j]
		return a.topic < b.topic || a.topic == b.topic && a.partition < b.partition
	})
	return out, nil
}

func fetchPartition(ctx context.Context, client *kafkago.Client, pd *partitionData) error {
	for offset := int64(0); ; {
		res, err := client.Fetch(ctx, &kafkago.FetchRequest{Topic: pd.topic, Partition: pd.partition, Offset: offset,
			MinBytes: 1, MaxBytes: 32 << 20, MaxWait: 100 * time.Millisecond})
		if err == nil {
			err = res.Error
		}
		if err != nil {
			return fmt.Errorf("fetch %s/%d at %d: %w", pd.topic, pd.partition, offset, err)
		}
		for {
			r, err := res.Records.ReadRecord()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return fmt.Errorf("fetch %s/%d: %w", pd.topic, pd.partition, err)
			}
			if r.Offset < offset {
				continue
			}
			k, err := readBytes(r.Key)
			if err != nil {
				return err
			}
			v, err := readBytes(r.Value)
			if err != nil {
				return err
			}
			pd.keys, pd.values = append(pd.keys, k), append(pd.values, v)
			offset = r.Offset + 1
		}
		if offset >= res.HighWatermark {
			return nil
		}
	}
}

func readBytes(b kafkago.Bytes) ([]byte, error) {
	if b == nil {
		return nil, nil
	}
	defer b.Close()
	out := make([]byte, b.Len())
	_, err := io.ReadFull(b, out)
	return out, err
}

// l2Result is one L2 measurement.
type l2Result struct {
	Messages int64
	Elapsed  time.Duration
}

func (r l2Result) rate() float64 { return float64(r.Messages) / r.Elapsed.Seconds() }

// measureL2 produces out's records again to the broker at addr with
// kafka-go's Client.Produce alone: the same topics and partitions, the
// same request limits as cdcctl's producer (10,000 messages / 1 MiB per
// request and partition, 16 requests in flight, acks=all, no
// compression), one request in flight per partition so that order holds.
// Records are built before the clock starts.
func measureL2(ctx context.Context, addr string, out *output) (l2Result, error) {
	client := &kafkago.Client{Addr: kafkago.TCP(addr), Timeout: time.Minute}
	if err := createTopics(ctx, client, out); err != nil {
		return l2Result{}, err
	}
	type request struct {
		part    *partitionData
		records []kafkago.Record
	}
	var perPart [][]request
	for i := range out.parts {
		pd := &out.parts[i]
		var reqs []request
		for start := 0; start < len(pd.keys); {
			end, size := start, 61
			var recs []kafkago.Record
			for end < len(pd.keys) && end-start < produceBatchSize {
				n := len(pd.keys[end]) + len(pd.values[end]) + recordOverhead
				if end > start && size+n > produceBatchBytes {
					break
				}
				rec := kafkago.Record{Key: kafkago.NewBytes(pd.keys[end])}
				if pd.values[end] != nil {
					rec.Value = kafkago.NewBytes(pd.values[end])
				}
				recs = append(recs, rec)
				size += n
				end++
			}
			reqs = append(reqs, request{part: pd, records: recs})
			start = end
		}
		perPart = append(perPart, reqs)
	}
	sem := make(chan struct{}, produceMaxInFlight)
	var wg sync.WaitGroup
	var errOnce sync.Once
	var firstErr error
	start := time.Now()
	for _, reqs := range perPart {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, r := range reqs {
				sem <- struct{}{}
				res, err := client.Produce(ctx, &kafkago.ProduceRequest{Topic: r.part.topic, Partition: r.part.partition,
					RequiredAcks: kafkago.RequireAll, Records: kafkago.NewRecordReader(r.records...)})
				<-sem
				if err == nil {
					err = res.Error
				}
				if err != nil {
					errOnce.Do(func() { firstErr = fmt.Errorf("L2: produce to %s/%d: %w", r.part.topic, r.part.partition, err) })
					return
				}
			}
		}()
	}
	wg.Wait()
	return l2Result{Messages: out.messages, Elapsed: time.Since(start)}, firstErr
}

// createTopics creates out's topics with their partition counts and waits
// until the broker's metadata lists them.
func createTopics(ctx context.Context, client *kafkago.Client, out *output) error {
	counts := map[string]int{}
	for _, pd := range out.parts {
		counts[pd.topic] = max(counts[pd.topic], pd.partition+1, partitions)
	}
	req := &kafkago.CreateTopicsRequest{}
	var names []string
	for t, n := range counts {
		req.Topics = append(req.Topics, kafkago.TopicConfig{Topic: t, NumPartitions: n, ReplicationFactor: 1})
		names = append(names, t)
	}
	if _, err := client.CreateTopics(ctx, req); err != nil {
		return fmt.Errorf("L2: create topics: %w", err)
	}
	for range 100 {
		md, err := client.Metadata(ctx, &kafkago.MetadataRequest{Topics: names})
		if err == nil && len(md.Topics) == len(names) {
			ready := true
			for _, t := range md.Topics {
				ready = ready && t.Error == nil && len(t.Partitions) == counts[t.Name]
			}
			if ready {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("L2: topics %v not ready", names)
}
