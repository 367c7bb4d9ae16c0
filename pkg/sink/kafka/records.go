package kafka

import (
	"errors"
	"io"
	"sync"

	kafkago "github.com/segmentio/kafka-go"
)

// errAbandoned stops kafka-go from encoding a request we stopped waiting
// for.
var errAbandoned = errors.New("produce request abandoned")

// recordReader hands kafka-go the messages of one produce request without
// copying them or allocating per message: it reuses one Record and two
// payloads.
//
// kafka-go encodes the request on its connection goroutine, which can
// still run after Produce returned on a cancelled context. abandon makes
// every later read fail, so once it returns the request can no longer
// touch the caller's messages, and a retry or the caller may reuse them.
type recordReader struct {
	mu        sync.Mutex
	abandoned bool
	msgs      []Message
	idx       []int32 // indexes into msgs, in send order
	next      int
	rec       kafkago.Record
	key, val  payload
}

func newRecordReader(msgs []Message, idx []int32) *recordReader {
	r := &recordReader{msgs: msgs, idx: idx}
	r.key.r, r.val.r = r, r
	return r
}

// ReadRecord implements kafkago.RecordReader. The returned record is valid
// until the next call, as the interface allows.
func (r *recordReader) ReadRecord() (*kafkago.Record, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.abandoned {
		return nil, errAbandoned
	}
	if r.next == len(r.idx) {
		return nil, io.EOF
	}
	m := &r.msgs[r.idx[r.next]]
	r.next++
	r.rec.Key = r.key.set(m.Key)
	r.rec.Value = r.val.set(m.Value) // nil value: a Kafka null, the tombstone
	return &r.rec, nil
}

func (r *recordReader) abandon() {
	r.mu.Lock()
	r.abandoned = true
	r.mu.Unlock()
}

// payload is a kafkago.Bytes over a message's key or value.
type payload struct {
	r   *recordReader
	b   []byte
	off int
}

// set points p at b and returns it as kafkago.Bytes, or nil for a nil
// slice so that kafka-go writes a null.
func (p *payload) set(b []byte) kafkago.Bytes {
	if b == nil {
		return nil
	}
	p.b, p.off = b, 0
	return p
}

func (p *payload) Len() int { return len(p.b) - p.off }

func (p *payload) Close() error { return nil }

func (p *payload) Read(dst []byte) (int, error) {
	p.r.mu.Lock()
	defer p.r.mu.Unlock()
	if p.r.abandoned {
		return 0, errAbandoned
	}
	if p.off == len(p.b) {
		return 0, io.EOF
	}
	n := copy(dst, p.b[p.off:])
	p.off += n
	return n, nil
}

// WriteTo lets io.Copy hand the bytes to kafka-go's encoder in one call.
func (p *payload) WriteTo(w io.Writer) (int64, error) {
	p.r.mu.Lock()
	defer p.r.mu.Unlock()
	if p.r.abandoned {
		return 0, errAbandoned
	}
	n, err := w.Write(p.b[p.off:])
	p.off += n
	return int64(n), err
}
