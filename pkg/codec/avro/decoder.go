package avro

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"sync"
)

// SchemaLookup returns the schema text registered under an id;
// registry.(*Client).Lookup is one.
type SchemaLookup func(ctx context.Context, id int) (string, error)

// Decoder decodes Confluent-framed Avro records of the shapes TiCDC and
// cdcctl produce (records of primitive fields, nullable unions, the decimal
// logical type) into Go values. It is meant for tests and `cdcctl tail`,
// not the hot path. A Decoder is safe for concurrent use.
type Decoder struct {
	lookup SchemaLookup

	mu      sync.Mutex
	schemas map[int]*recordSchema
}

// NewDecoder returns a decoder that fetches schemas with lookup.
func NewDecoder(lookup SchemaLookup) *Decoder {
	return &Decoder{lookup: lookup, schemas: make(map[int]*recordSchema)}
}

// Record is a decoded record with its fields in schema order. Values are
// nil (null), int32, int64, float32, float64, bool, string, []byte or
// *big.Rat (decimal).
type Record struct {
	SchemaID  int
	Name      string
	Namespace string
	Fields    []FieldValue
}

// FieldValue is one decoded field.
type FieldValue struct {
	Name  string
	Value any
}

// Map returns the fields as a map.
func (r *Record) Map() map[string]any {
	m := make(map[string]any, len(r.Fields))
	for _, f := range r.Fields {
		m[f.Name] = f.Value
	}
	return m
}

// Decode decodes one framed message (a key or a non-null value).
func (d *Decoder) Decode(ctx context.Context, msg []byte) (*Record, error) {
	id, datum, err := ParseHeader(msg)
	if err != nil {
		return nil, err
	}
	rs, err := d.schema(ctx, id)
	if err != nil {
		return nil, err
	}
	rec, rest, err := rs.decode(datum)
	if err != nil {
		return nil, fmt.Errorf("schema id %d (%s.%s): %w", id, rs.namespace, rs.name, err)
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("schema id %d (%s.%s): %d bytes left after the record", id, rs.namespace, rs.name, len(rest))
	}
	rec.SchemaID = id
	return rec, nil
}

func (d *Decoder) schema(ctx context.Context, id int) (*recordSchema, error) {
	d.mu.Lock()
	rs := d.schemas[id]
	d.mu.Unlock()
	if rs != nil {
		return rs, nil
	}
	text, err := d.lookup(ctx, id)
	if err != nil {
		return nil, err
	}
	if rs, err = parseRecordSchema(text); err != nil {
		return nil, fmt.Errorf("schema id %d: %w", id, err)
	}
	d.mu.Lock()
	d.schemas[id] = rs
	d.mu.Unlock()
	return rs, nil
}

// recordSchema is the decodable form of a record schema.
type recordSchema struct {
	name, namespace string
	fields          []decField
}

type decField struct {
	name    string
	typ     string // int, long, float, double, string, bytes, boolean
	union   bool
	nullIdx int64 // branch index of "null" in a union
	decimal bool
	scale   int
}

// parseRecordSchema parses an Avro record schema whose fields are
// primitives, decimals or unions of one of those with "null".
func parseRecordSchema(text string) (*recordSchema, error) {
	var top struct {
		Type      string            `json:"type"`
		Name      string            `json:"name"`
		Namespace string            `json:"namespace"`
		Fields    []json.RawMessage `json:"fields"`
	}
	if err := json.Unmarshal([]byte(text), &top); err != nil {
		return nil, fmt.Errorf("parse Avro schema: %w", err)
	}
	if top.Type != "record" {
		return nil, fmt.Errorf("parse Avro schema: top-level type %q, want record", top.Type)
	}
	rs := &recordSchema{name: top.Name, namespace: top.Namespace}
	for _, raw := range top.Fields {
		var f struct {
			Name string          `json:"name"`
			Type json.RawMessage `json:"type"`
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, fmt.Errorf("parse Avro schema: field: %w", err)
		}
		df, err := parseFieldType(f.Name, f.Type)
		if err != nil {
			return nil, fmt.Errorf("parse Avro schema: field %s: %w", f.Name, err)
		}
		rs.fields = append(rs.fields, df)
	}
	return rs, nil
}

func parseFieldType(name string, raw json.RawMessage) (decField, error) {
	df := decField{name: name}
	var branches []json.RawMessage
	if json.Unmarshal(raw, &branches) == nil {
		if len(branches) != 2 {
			return df, fmt.Errorf("only unions of null and one type are supported")
		}
		df.union = true
		for i, b := range branches {
			if string(b) == `"null"` {
				df.nullIdx = int64(i)
			} else {
				raw = b
			}
		}
	}
	var prim string
	if json.Unmarshal(raw, &prim) == nil {
		df.typ = prim
	} else {
		var obj struct {
			Type        string `json:"type"`
			LogicalType string `json:"logicalType"`
			Scale       int    `json:"scale"`
		}
		if err := json.Unmarshal(raw, &obj); err != nil {
			return df, err
		}
		df.typ, df.decimal, df.scale = obj.Type, obj.LogicalType == "decimal" && obj.Type == "bytes", obj.Scale
	}
	switch df.typ {
	case "int", "long", "float", "double", "string", "bytes", "boolean":
		return df, nil
	}
	return df, fmt.Errorf("unsupported type %q", df.typ)
}

func (rs *recordSchema) decode(b []byte) (*Record, []byte, error) {
	rec := &Record{Name: rs.name, Namespace: rs.namespace, Fields: make([]FieldValue, len(rs.fields))}
	for i := range rs.fields {
		f := &rs.fields[i]
		rec.Fields[i].Name = f.name
		if f.union {
			branch, n := readLong(b)
			if n == 0 || branch < 0 || branch > 1 {
				return nil, nil, fmt.Errorf("field %s: bad union branch", f.name)
			}
			b = b[n:]
			if branch == f.nullIdx {
				continue
			}
		}
		v, rest, err := f.decodeValue(b)
		if err != nil {
			return nil, nil, fmt.Errorf("field %s: %w", f.name, err)
		}
		rec.Fields[i].Value, b = v, rest
	}
	return rec, b, nil
}

func (f *decField) decodeValue(b []byte) (any, []byte, error) {
	switch f.typ {
	case "int", "long":
		v, n := readLong(b)
		if n == 0 {
			return nil, nil, fmt.Errorf("truncated %s", f.typ)
		}
		if f.typ == "int" {
			if v < math.MinInt32 || v > math.MaxInt32 {
				return nil, nil, fmt.Errorf("int out of range")
			}
			return int32(v), b[n:], nil
		}
		return v, b[n:], nil
	case "float":
		if len(b) < 4 {
			return nil, nil, fmt.Errorf("truncated float")
		}
		return math.Float32frombits(binary.LittleEndian.Uint32(b)), b[4:], nil
	case "double":
		if len(b) < 8 {
			return nil, nil, fmt.Errorf("truncated double")
		}
		return math.Float64frombits(binary.LittleEndian.Uint64(b)), b[8:], nil
	case "boolean":
		if len(b) < 1 {
			return nil, nil, fmt.Errorf("truncated boolean")
		}
		return b[0] != 0, b[1:], nil
	}
	l, n := readLong(b)
	if n == 0 || l < 0 || int64(len(b)-n) < l {
		return nil, nil, fmt.Errorf("truncated %s", f.typ)
	}
	data, rest := b[n:n+int(l)], b[n+int(l):]
	switch {
	case f.decimal:
		return decimalFromBytes(data, f.scale), rest, nil
	case f.typ == "string":
		return string(data), rest, nil
	}
	return append([]byte(nil), data...), rest, nil
}

// decimalFromBytes turns big-endian two's-complement unscaled bytes into a
// rational number.
func decimalFromBytes(data []byte, scale int) *big.Rat {
	n := new(big.Int).SetBytes(data)
	if len(data) > 0 && data[0]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(len(data))*8))
	}
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil)
	return new(big.Rat).SetFrac(n, den)
}
