package kafka

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

func TestRecordReader(t *testing.T) {
	msgs := []Message{
		{Key: []byte("k0"), Value: []byte("v0")},
		{Key: []byte("k1"), Value: nil}, // tombstone: null value
		{Key: nil, Value: []byte{}},     // no key, empty (not null) value
		{Key: []byte("k3"), Value: []byte("v3")},
	}
	r := newRecordReader(msgs, []int32{3, 1, 2}) // a partition's subset, in send order
	want := []struct {
		key, value       string
		nullKey, nullVal bool
	}{
		{"k3", "v3", false, false},
		{"k1", "", false, true},
		{"", "", true, false},
	}
	// read copies a key or value out the way kafka-go's encoder does.
	read := func(b io.Reader) string {
		if b == nil {
			return ""
		}
		var buf bytes.Buffer
		if _, err := io.Copy(&buf, b); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	for i, w := range want {
		rec, err := r.ReadRecord()
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if (rec.Key == nil) != w.nullKey || (rec.Value == nil) != w.nullVal {
			t.Fatalf("record %d: null key %t value %t, want %t %t", i, rec.Key == nil, rec.Value == nil, w.nullKey, w.nullVal)
		}
		if rec.Value != nil && rec.Value.Len() != len(w.value) {
			t.Errorf("record %d: value Len %d, want %d", i, rec.Value.Len(), len(w.value))
		}
		var key, value string
		if rec.Key != nil {
			key = read(rec.Key)
		}
		if rec.Value != nil {
			value = read(rec.Value)
		}
		if key != w.key || value != w.value {
			t.Errorf("record %d: %q=%q, want %q=%q", i, key, value, w.key, w.value)
		}
	}
	if _, err := r.ReadRecord(); err != io.EOF {
		t.Errorf("after the last record: %v, want io.EOF", err)
	}
}

func TestAbandonedReaderStopsReading(t *testing.T) {
	msgs := []Message{{Key: []byte("k"), Value: []byte("value")}, {Key: []byte("k2"), Value: []byte("v2")}}
	r := newRecordReader(msgs, []int32{0, 1})
	rec, err := r.ReadRecord()
	if err != nil {
		t.Fatal(err)
	}
	r.abandon()
	var buf bytes.Buffer
	if _, err := rec.Value.(*payload).WriteTo(&buf); !errors.Is(err, errAbandoned) || buf.Len() != 0 {
		t.Errorf("WriteTo after abandon: %v, wrote %d bytes", err, buf.Len())
	}
	if _, err := rec.Key.Read(make([]byte, 10)); !errors.Is(err, errAbandoned) {
		t.Errorf("Read after abandon: %v", err)
	}
	if _, err := r.ReadRecord(); !errors.Is(err, errAbandoned) {
		t.Errorf("ReadRecord after abandon: %v", err)
	}
}
