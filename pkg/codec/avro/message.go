package avro

import (
	"bytes"
	"context"
	"fmt"
	"math"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// Message is one Kafka record of the Avro protocol. A nil Value is a
// tombstone (a delete); Key is nil only for tables without a handle key.
type Message struct {
	Key   []byte
	Value []byte
	Op    event.Op // what the message carries: insert, update or delete
}

// AppendMessages encodes rc for topic: the bytes go to the end of buf, the
// messages (slices of buf) to the end of msgs. Earlier messages stay valid
// when buf grows, so a whole batch can be encoded into one reused buffer.
//
//   - insert → key + value ("c")
//   - update → key + value ("u"); when a primary/unique/handle key column
//     changes value, a tombstone for the old key then an insert for the new
//     key, unless Options.OutputRawChangeEvent (spec §1.1)
//   - delete → key from the old row + nil value
func (e *Encoder) AppendMessages(ctx context.Context, buf []byte, msgs []Message, topic string, rc *event.RowChange) ([]byte, []Message, error) {
	te, err := e.For(ctx, topic, rc.Table)
	if err != nil {
		return buf, msgs, err
	}
	switch rc.Op {
	case event.OpInsert:
		return te.appendUpsert(buf, msgs, rc.After, event.OpInsert, rc.CommitTs)
	case event.OpUpdate:
		if !e.opts.OutputRawChangeEvent && keyChanged(rc) {
			buf, msgs, err = te.appendDelete(buf, msgs, rc.Before)
			if err != nil {
				return buf, msgs, err
			}
			return te.appendUpsert(buf, msgs, rc.After, event.OpInsert, rc.CommitTs)
		}
		return te.appendUpsert(buf, msgs, rc.After, event.OpUpdate, rc.CommitTs)
	case event.OpDelete:
		return te.appendDelete(buf, msgs, rc.Before)
	}
	return buf, msgs, fmt.Errorf("table %s: unknown row change kind %d", rc.Table.QualifiedName(), rc.Op)
}

func (te *TableEncoder) appendUpsert(buf []byte, msgs []Message, row []event.Value, op event.Op, ts uint64) ([]byte, []Message, error) {
	start := len(buf)
	var err error
	var key []byte
	if te.Plan.HasKey() {
		if buf, err = te.AppendKey(buf, row); err != nil {
			return buf, msgs, err
		}
		key = buf[start:len(buf):len(buf)]
	}
	mid := len(buf)
	if buf, err = te.AppendValue(buf, row, op, ts); err != nil {
		return buf[:start], msgs, err
	}
	return buf, append(msgs, Message{Key: key, Value: buf[mid:len(buf):len(buf)], Op: op}), nil
}

func (te *TableEncoder) appendDelete(buf []byte, msgs []Message, before []event.Value) ([]byte, []Message, error) {
	if !te.Plan.HasKey() {
		return buf, msgs, fmt.Errorf("table %s: a delete needs a key, but the table has no primary key or not-null unique key",
			te.Plan.Table.QualifiedName())
	}
	start := len(buf)
	buf, err := te.AppendKey(buf, before)
	if err != nil {
		return buf, msgs, err
	}
	return buf, append(msgs, Message{Key: buf[start:len(buf):len(buf)], Op: event.OpDelete}), nil
}

// keyChanged reports whether an update changes the value of a column that
// belongs to the primary key, a not-null unique key or the handle key.
func keyChanged(rc *event.RowChange) bool {
	cols := rc.Table.Columns
	if len(rc.Before) != len(cols) || len(rc.After) != len(cols) {
		return false // the encoder reports the malformed image
	}
	for i := range cols {
		if (cols[i].UniqueKey || cols[i].HandleKey) && !sameValue(&rc.Before[i], &rc.After[i]) {
			return true
		}
	}
	return false
}

func sameValue(a, b *event.Value) bool {
	if a.Null || b.Null {
		return a.Null == b.Null
	}
	return a.Int == b.Int && math.Float64bits(a.Float) == math.Float64bits(b.Float) && bytes.Equal(a.Bytes, b.Bytes)
}
