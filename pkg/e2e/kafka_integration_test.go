//go:build integration

package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/registry"
)

// message is one decoded Kafka message: the key's fields, and the row as
// "<op> <field>=<value> …" (op from _tidb_op: c insert, u update; d for a
// tombstone, which has no value).
type message struct {
	partition int
	offset    int64
	key       string // "id=1"
	row       string // "c id=1 name=pen price=1.50"
	commitTs  int64
}

// reader reads topics from the start and decodes them through the
// registry, as a consumer of TiCDC's Avro does.
type reader struct {
	brokers string
	client  *kafka.Client
	dec     *avro.Decoder
}

func newReader(t *testing.T, brokers, registryURL string) *reader {
	t.Helper()
	reg, err := registry.New(registryURL)
	if err != nil {
		t.Fatal(err)
	}
	return &reader{brokers: brokers, client: &kafka.Client{Addr: kafka.TCP(brokers), Timeout: 10 * time.Second},
		dec: avro.NewDecoder(reg.Lookup)}
}

// read returns every message of topic, by partition then offset; a topic
// that does not exist yet has none.
func (r *reader) read(ctx context.Context, topic string) ([]message, error) {
	meta, err := r.client.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
	if err != nil {
		return nil, fmt.Errorf("metadata of %s: %w", topic, err)
	}
	var out []message
	for _, tp := range meta.Topics {
		if tp.Error != nil {
			if errors.Is(tp.Error, kafka.UnknownTopicOrPartition) {
				return nil, nil
			}
			return nil, fmt.Errorf("topic %s: %w", topic, tp.Error)
		}
		for _, p := range tp.Partitions {
			msgs, err := r.partition(ctx, topic, p.ID)
			if err != nil {
				return nil, err
			}
			out = append(out, msgs...)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].partition != out[j].partition {
			return out[i].partition < out[j].partition
		}
		return out[i].offset < out[j].offset
	})
	return out, nil
}

func (r *reader) partition(ctx context.Context, topic string, partition int) ([]message, error) {
	res, err := r.client.Fetch(ctx, &kafka.FetchRequest{Topic: topic, Partition: partition, Offset: 0,
		MinBytes: 1, MaxBytes: 10 << 20, MaxWait: 50 * time.Millisecond})
	if err != nil {
		return nil, fmt.Errorf("fetch %s/%d: %w", topic, partition, err)
	}
	if res.Error != nil {
		return nil, fmt.Errorf("fetch %s/%d: %w", topic, partition, res.Error)
	}
	var out []message
	for {
		rec, err := res.Records.ReadRecord()
		if err != nil {
			break // io.EOF or the end of the batch
		}
		m, err := r.decode(ctx, rec)
		if err != nil {
			return nil, fmt.Errorf("%s/%d@%d: %w", topic, partition, rec.Offset, err)
		}
		m.partition, m.offset = partition, rec.Offset
		out = append(out, m)
	}
	return out, nil
}

func (r *reader) decode(ctx context.Context, rec *kafka.Record) (message, error) {
	key, err := readBytes(rec.Key)
	if err != nil {
		return message{}, err
	}
	k, err := r.dec.Decode(ctx, key)
	if err != nil {
		return message{}, fmt.Errorf("key: %w", err)
	}
	m := message{key: fields(k, false)}
	val, err := readBytes(rec.Value)
	if err != nil {
		return message{}, err
	}
	if val == nil {
		m.row = "d " + m.key
		return m, nil
	}
	v, err := r.dec.Decode(ctx, val)
	if err != nil {
		return message{}, fmt.Errorf("value: %w", err)
	}
	vals := v.Map()
	ts, _ := vals["_tidb_commit_ts"].(int64)
	m.commitTs = ts
	m.row = fmt.Sprintf("%v %s", vals["_tidb_op"], fields(v, true))
	return m, nil
}

// fields renders a record's fields as "name=value …", without TiCDC's
// _tidb_* extension fields.
func fields(rec *avro.Record, skipExt bool) string {
	var parts []string
	for _, f := range rec.Fields {
		if skipExt && strings.HasPrefix(f.Name, "_tidb_") {
			continue
		}
		v := f.Value
		if r, ok := v.(*big.Rat); ok {
			v = r.FloatString(2)
		}
		parts = append(parts, fmt.Sprintf("%s=%v", f.Name, v))
	}
	return strings.Join(parts, " ")
}

func readBytes(r io.Reader) ([]byte, error) {
	if r == nil {
		return nil, nil
	}
	return io.ReadAll(r)
}

// byKey groups messages by key, in offset order. It also checks what
// must hold for every key: it stays in one partition (index-value
// dispatching) and its commit timestamps never go back.
func byKey(msgs []message) (map[string][]string, error) {
	out := map[string][]string{}
	part := map[string]int{}
	last := map[string]int64{}
	var problems []string
	for _, m := range msgs {
		if p, ok := part[m.key]; ok && p != m.partition {
			problems = append(problems, fmt.Sprintf("key %s is in partitions %d and %d", m.key, p, m.partition))
		}
		part[m.key] = m.partition
		if m.commitTs != 0 {
			if m.commitTs < last[m.key] {
				problems = append(problems, fmt.Sprintf("key %s: commit ts goes back from %d to %d", m.key, last[m.key], m.commitTs))
			}
			last[m.key] = m.commitTs
		}
		out[m.key] = append(out[m.key], m.row)
	}
	if len(problems) > 0 {
		return out, errors.New(strings.Join(problems, "; "))
	}
	return out, nil
}

// rows returns the messages of topic now, by key; a broken per-key
// guarantee is an *orderError.
func (r *reader) rows(topic string) (map[string][]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	msgs, err := r.read(ctx, topic)
	if err != nil {
		return nil, err
	}
	got, err := byKey(msgs)
	if err != nil {
		return got, &orderError{err}
	}
	return got, nil
}

// orderError is a broken per-key guarantee: it never heals by waiting.
type orderError struct{ error }

// count returns how many messages topic holds now.
func (r *reader) count(t *testing.T, topic string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	msgs, err := r.read(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	return len(msgs)
}
