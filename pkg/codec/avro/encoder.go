package avro

import (
	"context"
	"fmt"
	"sync"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/registry"
)

// Registry resolves the id of a schema registered under a subject. The
// table name and version let an implementation cache ids so that only the
// first row of a table version reaches the network (registry.Cache does).
type Registry interface {
	Register(ctx context.Context, subject, table string, version uint64, schema string) (int, error)
}

// Encoder turns row changes into Confluent-framed Kafka messages. It keeps
// one TableEncoder per (topic, table) and replaces it when the table's
// definition changes, so schemas are generated and registered once per
// table version. An Encoder is safe for concurrent use.
type Encoder struct {
	opts Options
	reg  Registry

	mu     sync.RWMutex
	tables map[tableKey]*TableEncoder
}

type tableKey struct{ topic, schema, table string }

// NewEncoder returns an encoder that registers schemas with reg.
func NewEncoder(o Options, reg Registry) (*Encoder, error) {
	o, err := o.normalized()
	if err != nil {
		return nil, err
	}
	return &Encoder{opts: o, reg: reg, tables: make(map[tableKey]*TableEncoder)}, nil
}

// TableEncoder encodes rows of one table version for one topic with
// resolved schema ids. Hot loops may hold one and call its Append methods.
type TableEncoder struct {
	Plan    *Plan
	Topic   string
	KeyID   int // 0 when the table has no key
	ValueID int
}

// For returns the TableEncoder of table t on topic, generating and
// registering its schemas the first time this table version is seen.
func (e *Encoder) For(ctx context.Context, topic string, t *event.Table) (*TableEncoder, error) {
	k := tableKey{topic, t.Schema, t.Name}
	e.mu.RLock()
	te := e.tables[k]
	e.mu.RUnlock()
	if te != nil && te.Plan.Table == t {
		return te, nil
	}
	te, err := e.build(ctx, topic, t)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	e.tables[k] = te
	e.mu.Unlock()
	return te, nil
}

func (e *Encoder) build(ctx context.Context, topic string, t *event.Table) (*TableEncoder, error) {
	p, err := NewPlan(t, e.opts)
	if err != nil {
		return nil, err
	}
	te := &TableEncoder{Plan: p, Topic: topic}
	if p.HasKey() {
		if te.KeyID, err = e.reg.Register(ctx, registry.KeySubject(topic), t.QualifiedName(), t.Version, p.KeySchema); err != nil {
			return nil, fmt.Errorf("table %s: key schema: %w", t.QualifiedName(), err)
		}
	}
	if te.ValueID, err = e.reg.Register(ctx, registry.ValueSubject(topic), t.QualifiedName(), t.Version, p.ValueSchema); err != nil {
		return nil, fmt.Errorf("table %s: value schema: %w", t.QualifiedName(), err)
	}
	return te, nil
}

// AppendKey appends the framed key built from row (the identifying image).
func (te *TableEncoder) AppendKey(dst []byte, row []event.Value) ([]byte, error) {
	start := len(dst)
	dst = AppendHeader(dst, te.KeyID)
	dst, err := te.Plan.AppendKeyDatum(dst, row)
	if err != nil {
		return dst[:start], err
	}
	return dst, nil
}

// AppendValue appends the framed value of an insert or update.
func (te *TableEncoder) AppendValue(dst []byte, row []event.Value, op event.Op, commitTs uint64) ([]byte, error) {
	start := len(dst)
	dst = AppendHeader(dst, te.ValueID)
	dst, err := te.Plan.AppendValueDatum(dst, row, op, commitTs)
	if err != nil {
		return dst[:start], err
	}
	return dst, nil
}
