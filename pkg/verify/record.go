package verify

import (
	"context"
	"fmt"
	"hash/maphash"
	"slices"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
)

// record applies one Kafka record: decode the key, find the table and the
// key's state, apply the upsert or tombstone and feed the order checker.
func (c *checker) record(ctx context.Context, r *kgo.Record) error {
	c.rep.Messages++
	at := position{topic: r.Topic, partition: r.Partition, offset: r.Offset}
	if r.Value == nil {
		c.rep.Tombstones++
	}
	if len(r.Key) == 0 {
		c.problem(Finding{Kind: KindUnkeyed, Topic: at.topic, Partition: at.partition, Offset: at.offset,
			Detail: "a message without a key cannot be placed in a table"})
		return nil
	}
	keyRec, err := c.dec.Decode(ctx, r.Key)
	if err != nil {
		return c.undecodable(at, "key", err)
	}
	t := c.byName[recordName(keyRec)]
	if t == nil {
		c.rep.Skipped++
		return nil
	}
	t.rep.Messages++
	if !slices.Contains(t.rep.Topics, r.Topic) {
		t.rep.Topics = append(t.rep.Topics, r.Topic)
	}
	key, cells, err := t.keyOf(keyRec, c)
	if err != nil {
		return c.undecodable(at, "key", err)
	}
	k := t.keys[key]
	if k == nil {
		k = &keyState{key: cells}
		t.keys[key] = k
	}
	if k.seen && k.last.topic == at.topic && k.last.partition != at.partition {
		c.order.violation(KindSplitKey, t, k, at, fmt.Sprintf(
			"the key was in partition %d before; order across partitions is not defined", k.last.partition))
	}
	k.seen, k.last = true, at
	if r.Value == nil {
		k.rec = nil
		c.order.tombstone(t, k, at)
		return nil
	}
	val, err := c.dec.Decode(ctx, r.Value)
	if err != nil {
		return c.undecodable(at, "value", err)
	}
	if vn, kn := recordName(val), recordName(keyRec); vn != kn {
		return c.undecodable(at, "value", fmt.Errorf("value record %s does not match key record %s", vn, kn))
	}
	ts, op, hasTs := extension(val)
	k.rec, k.ts = val, ts
	if !hasTs {
		c.withoutTs++
		return nil
	}
	c.withTs++
	c.order.valued(t, k, ts, maphash.Bytes(c.seed, r.Value), op, at)
	return nil
}

// extension reads _tidb_commit_ts and _tidb_op, the last fields of a value
// record written with the TiDB extension.
func extension(r *avro.Record) (ts uint64, op string, ok bool) {
	for i := len(r.Fields) - 1; i >= 0 && i >= len(r.Fields)-4; i-- {
		switch f := r.Fields[i]; f.Name {
		case fieldCommitTs:
			if v, isLong := f.Value.(int64); isLong {
				ts, ok = uint64(v), true
			}
		case fieldOp:
			op, _ = f.Value.(string)
		}
	}
	return ts, op, ok
}

// undecodable records a message that cannot be decoded, unless the
// registry failed: then the check cannot go on.
func (c *checker) undecodable(at position, what string, err error) error {
	c.lookupMu.Lock()
	lerr := c.lookupErr
	c.lookupMu.Unlock()
	if lerr != nil {
		return fmt.Errorf("verify: %s at %s/%d@%d: %w", what, at.topic, at.partition, at.offset, lerr)
	}
	c.problem(Finding{Kind: KindUndecodable, Topic: at.topic, Partition: at.partition, Offset: at.offset,
		Detail: what + ": " + err.Error()})
	return nil
}
