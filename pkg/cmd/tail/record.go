package tail

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
)

// Record is a decoded Avro record with its fields in schema order.
type Record struct {
	Name   string // full name
	Fields []Field
}

// Field is one field of a Record.
type Field struct {
	Name  string
	Value any
}

// Get returns the value of the named field.
func (r *Record) Get(name string) (any, bool) {
	for _, f := range r.Fields {
		if f.Name == name {
			return f.Value, true
		}
	}
	return nil, false
}

// Decimal is a decimal logical value: Unscaled × 10^-Scale.
type Decimal struct {
	Unscaled *big.Int
	Scale    int
}

// String renders the decimal exactly, with Scale fraction digits.
func (d Decimal) String() string {
	s := new(big.Int).Abs(d.Unscaled).String()
	sign := ""
	if d.Unscaled.Sign() < 0 {
		sign = "-"
	}
	if d.Scale <= 0 {
		return sign + s
	}
	for len(s) <= d.Scale {
		s = "0" + s
	}
	return sign + s[:len(s)-d.Scale] + "." + s[len(s)-d.Scale:]
}

// MarshalJSON writes the decimal as a JSON number with all its digits.
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

// MarshalJSON writes the record as a JSON object with its fields in schema
// order.
func (r *Record) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	buf.WriteByte('{')
	for i, f := range r.Fields {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := enc.Encode(f.Name); err != nil {
			return nil, err
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
		buf.WriteByte(':')
		if err := enc.Encode(f.Value); err != nil {
			return nil, fmt.Errorf("field %s: %w", f.Name, err)
		}
		buf.Truncate(buf.Len() - 1)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}
