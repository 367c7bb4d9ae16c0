//go:build integration

package kafka_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	kafkago "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
)

// benchMessages builds n pre-encoded messages of ~200 bytes spread over
// partitions, as the encoder hands them to the sink.
func benchMessages(topic string, n, partitions int) []kafka.Message {
	msgs := make([]kafka.Message, n)
	for i := range msgs {
		value := make([]byte, 200)
		for j := range value {
			value[j] = byte('a' + (i+j)%26)
		}
		msgs[i] = kafka.Message{
			Topic:     topic,
			Partition: int32(i % partitions),
			Key:       fmt.Appendf(nil, "\x00\x00\x00\x00\x01key-%06d", i),
			Value:     value,
			Table:     "bench.t",
		}
	}
	return msgs
}

// BenchmarkProduce writes batches of 1,000 pre-encoded ~200-byte messages
// over 3 partitions to an in-process broker (kfake, records discarded so
// the broker's memory stays flat), acks=all unless the case says otherwise.
// It compares the Producer with kafka-go's Writer: with only BatchTimeout
// lowered (round-robin, BatchSize 100, acks=none), and tuned the way the
// Writer would have to be for this job (explicit partition, BatchSize
// 1000, acks=all).
func BenchmarkProduce(b *testing.B) {
	const batch, partitions, topic = 1000, 3, "bench"
	cluster, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(partitions, topic), kfake.BlackholeProduce())
	if err != nil {
		b.Fatal(err)
	}
	defer cluster.Close()
	brokers := cluster.ListenAddrs()
	msgs := benchMessages(topic, batch, partitions)
	ctx := context.Background()

	report := func(b *testing.B) {
		b.ReportMetric(float64(batch*b.N)/b.Elapsed().Seconds(), "msgs/s")
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(batch*b.N), "ns/msg")
	}
	for _, tc := range []struct {
		name string
		opts func(*kafka.Options)
	}{
		{"producer", func(*kafka.Options) {}},
		{"producer-acks-leader", func(o *kafka.Options) { o.RequiredAcks = kafka.AcksLeader }},
		{"producer-lz4", func(o *kafka.Options) { o.Compression = "lz4" }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			opts := kafka.DefaultOptions(brokers...)
			tc.opts(&opts)
			p, err := kafka.New(opts)
			if err != nil {
				b.Fatal(err)
			}
			defer p.Close(ctx)
			if err := p.WriteBatch(ctx, msgs); err != nil { // connect outside the timing
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := p.WriteBatch(ctx, msgs); err != nil {
					b.Fatal(err)
				}
			}
			report(b)
		})
	}

	// The plain way to use kafka-go's Client.Produce: records built per
	// call (two kafka.NewBytes per message), one request per partition,
	// partitions concurrently.
	b.Run("raw-client-produce", func(b *testing.B) {
		client := &kafkago.Client{Addr: kafkago.TCP(brokers...), Transport: &kafkago.Transport{}}
		produce := func(part int) error {
			var records []kafkago.Record
			for _, m := range msgs {
				if int(m.Partition) == part {
					records = append(records, kafkago.Record{Key: kafkago.NewBytes(m.Key), Value: kafkago.NewBytes(m.Value)})
				}
			}
			res, err := client.Produce(ctx, &kafkago.ProduceRequest{
				Topic: topic, Partition: part, RequiredAcks: kafkago.RequireAll,
				Records: kafkago.NewRecordReader(records...),
			})
			if err == nil {
				err = res.Error
			}
			return err
		}
		b.ReportAllocs()
		for b.Loop() {
			errs := make(chan error, partitions)
			for part := range partitions {
				go func() { errs <- produce(part) }()
			}
			for range partitions {
				if err := <-errs; err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b)
	})

	kmsgs := make([]kafkago.Message, len(msgs))
	for i, m := range msgs {
		kmsgs[i] = kafkago.Message{Partition: int(m.Partition), Key: m.Key, Value: m.Value}
	}
	explicit := kafkago.BalancerFunc(func(m kafkago.Message, _ ...int) int { return m.Partition })
	for _, tc := range []struct {
		name      string
		timeout   time.Duration
		batchSize int
		balancer  kafkago.Balancer
		acks      kafkago.RequiredAcks
	}{
		{"writer-defaults-batchtimeout-5ms", 5 * time.Millisecond, 0, nil, 0},
		{"writer-tuned-5ms", 5 * time.Millisecond, batch, explicit, kafkago.RequireAll},
		{"writer-tuned-1ms", time.Millisecond, batch, explicit, kafkago.RequireAll},
	} {
		b.Run(tc.name, func(b *testing.B) {
			w := &kafkago.Writer{
				Addr: kafkago.TCP(brokers...), Topic: topic, BatchTimeout: tc.timeout,
				BatchSize: tc.batchSize, Balancer: tc.balancer, RequiredAcks: tc.acks,
			}
			defer w.Close()
			if err := w.WriteMessages(ctx, kmsgs...); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := w.WriteMessages(ctx, kmsgs...); err != nil {
					b.Fatal(err)
				}
			}
			report(b)
		})
	}
}
