package avro

import (
	"fmt"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// Plan is the compiled form of one table version under one set of options:
// the key and value fields with their encodings and the schema texts that
// are registered for them. A Plan is immutable and safe for concurrent use.
type Plan struct {
	Table *event.Table
	// KeySchema and ValueSchema are the compact JSON registered with the
	// schema registry. KeySchema is "" when the table has no handle key.
	KeySchema   string
	ValueSchema string

	key       []field
	value     []field
	extension bool
	opts      Options
}

// NewPlan compiles table t. Columns are taken in table order; virtual
// generated columns are left out of the value, and the key holds the handle
// key columns (event.Table.ComputeKeys must have run).
func NewPlan(t *event.Table, o Options) (*Plan, error) {
	o, err := o.normalized()
	if err != nil {
		return nil, err
	}
	p := &Plan{Table: t, extension: o.EnableTiDBExtension, opts: o}
	for i := range t.Columns {
		if t.Columns[i].Generated == event.GeneratedVirtual {
			continue
		}
		f, err := newField(t, i, &o)
		if err != nil {
			return nil, err
		}
		p.value = append(p.value, f)
	}
	for _, i := range t.Handle {
		if i < 0 || i >= len(t.Columns) {
			return nil, fmt.Errorf("table %s: handle column offset %d out of range", t.QualifiedName(), i)
		}
		f, err := newField(t, i, &o)
		if err != nil {
			return nil, err
		}
		p.key = append(p.key, f)
	}
	ns := RecordNamespace(o.Namespace, t.Schema)
	if len(p.key) > 0 {
		p.KeySchema = string(appendSchema(nil, t, ns, p.key, false))
	}
	p.ValueSchema = string(appendSchema(nil, t, ns, p.value, o.EnableTiDBExtension))
	return p, nil
}

// HasKey reports whether messages of this table carry a key.
func (p *Plan) HasKey() bool { return len(p.key) > 0 }

// AppendKeyDatum appends the key record's Avro datum (no framing) built
// from row, which must be the identifying image (event.RowChange.Image).
func (p *Plan) AppendKeyDatum(dst []byte, row []event.Value) ([]byte, error) {
	return appendRecord(dst, p.Table, p.key, row, p.opts.TimeZone)
}

// AppendValueDatum appends the value record's Avro datum (no framing) of
// the new row image; op is event.OpInsert or event.OpUpdate.
func (p *Plan) AppendValueDatum(dst []byte, row []event.Value, op event.Op, commitTs uint64) ([]byte, error) {
	dst, err := appendRecord(dst, p.Table, p.value, row, p.opts.TimeZone)
	if err != nil || !p.extension {
		return dst, err
	}
	switch op {
	case event.OpInsert:
		dst = appendString(dst, "c")
	case event.OpUpdate:
		dst = appendString(dst, "u")
	default:
		return dst, fmt.Errorf("table %s: a %s has no value record", p.Table.QualifiedName(), op)
	}
	dst = appendLong(dst, int64(commitTs))
	return appendLong(dst, event.PhysicalMs(commitTs)), nil
}
