package tail

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/hamba/avro/v2"
	"github.com/segmentio/kafka-go"

	codec "github.com/cdcctl/cdcctl/pkg/codec/avro"
)

// SchemaLookup returns the schema text registered under an id;
// registry.(*Client).Lookup is one (it caches through srclient).
type SchemaLookup func(ctx context.Context, id int) (string, error)

// decoder decodes Confluent-framed Avro keys and values, any schema: it
// parses each schema id's schema once (hamba/avro) and keeps it.
type decoder struct {
	lookup  SchemaLookup
	schemas map[int]avro.Schema // used by one goroutine, the printing loop
}

func newDecoder(lookup SchemaLookup) *decoder {
	return &decoder{lookup: lookup, schemas: make(map[int]avro.Schema)}
}

// decodeFramed decodes one framed datum: the schema id and the value.
func (d *decoder) decodeFramed(ctx context.Context, msg []byte) (int, any, error) {
	id, datum, err := codec.ParseHeader(msg)
	if err != nil {
		return 0, nil, err
	}
	s, ok := d.schemas[id]
	if !ok {
		text, err := d.lookup(ctx, id)
		if err != nil {
			return id, nil, err
		}
		// A cache per schema: named types of one schema do not leak into
		// another (two versions of a table share the record name).
		if s, err = avro.ParseWithCache(text, "", &avro.SchemaCache{}); err != nil {
			return id, nil, fmt.Errorf("schema id %d: %w", id, err)
		}
		d.schemas[id] = s
	}
	r := &avroReader{b: datum}
	v, err := r.value(s, 0)
	if err != nil {
		return id, nil, fmt.Errorf("schema id %d: %w", id, err)
	}
	if r.remaining() != 0 {
		return id, nil, fmt.Errorf("schema id %d: %d bytes left after the value (not written with this schema?)", id, r.remaining())
	}
	return id, v, nil
}

// Message is one decoded Kafka record.
type Message struct {
	Topic         string
	Partition     int
	Offset        int64
	Time          time.Time
	Op            string // _tidb_op ("c", "u"), "d" for a tombstone, else "upsert"
	Key           any    // *Record (or another Avro value), a string or []byte for keys that are not Confluent Avro, nil for none
	Value         any    // nil for a tombstone
	KeySchemaID   int    // 0 when the key is not Confluent Avro
	ValueSchemaID int    // 0 for a tombstone
}

// decode decodes m. Keys that are not Confluent-framed (plain string keys)
// are kept as text; a value must be Confluent Avro or empty (tombstone).
// Errors name the topic, partition and offset.
func (d *decoder) decode(ctx context.Context, m kafka.Message) (*Message, error) {
	out := &Message{Topic: m.Topic, Partition: m.Partition, Offset: m.Offset, Time: m.Time, Op: "upsert"}
	where := func(part string, err error) error {
		return fmt.Errorf("topic %s partition %d offset %d: %s: %w", m.Topic, m.Partition, m.Offset, part, err)
	}
	if len(m.Key) > 0 {
		if len(m.Key) >= codec.HeaderLen && m.Key[0] == codec.MagicByte {
			id, v, err := d.decodeFramed(ctx, m.Key)
			if err != nil {
				return nil, where("key", err)
			}
			out.Key, out.KeySchemaID = v, id
		} else if utf8.Valid(m.Key) {
			out.Key = string(m.Key)
		} else {
			out.Key = append([]byte(nil), m.Key...)
		}
	}
	if len(m.Value) == 0 {
		out.Op = "d"
		return out, nil
	}
	id, v, err := d.decodeFramed(ctx, m.Value)
	if err != nil {
		return nil, where("value", err)
	}
	out.Value, out.ValueSchemaID = v, id
	if rec, ok := v.(*Record); ok {
		if op, ok := rec.Get("_tidb_op"); ok {
			if s, ok := op.(string); ok && s != "" {
				out.Op = s
			}
		}
	}
	return out, nil
}
