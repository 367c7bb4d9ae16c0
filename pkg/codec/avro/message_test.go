package avro

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
)

func TestAppendMessages(t *testing.T) {
	tb := mustTable(t, "CREATE TABLE test.t (id INT PRIMARY KEY, email VARCHAR(20) NOT NULL UNIQUE, n INT)", "test.t")
	row := func(id int64, email string, n int64) []event.Value {
		return []event.Value{event.IntValue(id), event.StringValue(email), event.IntValue(n)}
	}
	type want struct {
		op    event.Op
		keyID int64 // id column of the key record
		value bool
		vOp   string // _tidb_op
	}
	tests := []struct {
		name string
		raw  bool
		rc   event.RowChange
		want []want
	}{
		{"insert", false, event.RowChange{Op: event.OpInsert, After: row(1, "a", 1)},
			[]want{{event.OpInsert, 1, true, "c"}}},
		{"update of a non-key column", false, event.RowChange{Op: event.OpUpdate, Before: row(1, "a", 1), After: row(1, "a", 2)},
			[]want{{event.OpUpdate, 1, true, "u"}}},
		{"update of the primary key splits", false, event.RowChange{Op: event.OpUpdate, Before: row(1, "a", 1), After: row(2, "a", 1)},
			[]want{{event.OpDelete, 1, false, ""}, {event.OpInsert, 2, true, "c"}}},
		{"update of a unique key splits", false, event.RowChange{Op: event.OpUpdate, Before: row(1, "a", 1), After: row(1, "b", 1)},
			[]want{{event.OpDelete, 1, false, ""}, {event.OpInsert, 1, true, "c"}}},
		{"raw change event keeps the update", true, event.RowChange{Op: event.OpUpdate, Before: row(1, "a", 1), After: row(2, "a", 1)},
			[]want{{event.OpUpdate, 2, true, "u"}}},
		{"delete is a tombstone keyed by the old row", false, event.RowChange{Op: event.OpDelete, Before: row(9, "z", 1)},
			[]want{{event.OpDelete, 9, false, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, _ := newTestRegistry(t)
			enc, err := NewEncoder(Options{EnableTiDBExtension: true, OutputRawChangeEvent: tt.raw}, registryCache(client))
			if err != nil {
				t.Fatal(err)
			}
			rc := tt.rc
			rc.Table, rc.CommitTs = tb, event.ComposeTS(1700000000000, 1)
			// Start from a non-empty batch to check appending keeps earlier messages intact.
			buf, msgs, err := enc.AppendMessages(context.Background(), make([]byte, 0, 8), nil, "t",
				&event.RowChange{Table: tb, Op: event.OpInsert, After: row(100, "x", 0), CommitTs: rc.CommitTs})
			if err != nil {
				t.Fatal(err)
			}
			first := append([]byte(nil), msgs[0].Value...)
			_, msgs, err = enc.AppendMessages(context.Background(), buf, msgs, "t", &rc)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(msgs[0].Value, first) {
				t.Fatal("earlier message changed while appending")
			}
			msgs = msgs[1:]
			if len(msgs) != len(tt.want) {
				t.Fatalf("got %d messages, want %d", len(msgs), len(tt.want))
			}
			dec := NewDecoder(client.Lookup)
			for i, w := range tt.want {
				m := msgs[i]
				if m.Op != w.op {
					t.Errorf("message %d op = %s, want %s", i, m.Op, w.op)
				}
				key, err := dec.Decode(context.Background(), m.Key)
				if err != nil {
					t.Fatal(err)
				}
				if got := key.Map()["id"]; got != int32(w.keyID) {
					t.Errorf("message %d key id = %v, want %d", i, got, w.keyID)
				}
				if (m.Value != nil) != w.value {
					t.Fatalf("message %d value = %x, want present=%v", i, m.Value, w.value)
				}
				if m.Value == nil {
					continue
				}
				val, err := dec.Decode(context.Background(), m.Value)
				if err != nil {
					t.Fatal(err)
				}
				if got := val.Map()["_tidb_op"]; got != w.vOp {
					t.Errorf("message %d _tidb_op = %v, want %s", i, got, w.vOp)
				}
			}
		})
	}
}

func TestKeylessTable(t *testing.T) {
	tb := mustTable(t, "CREATE TABLE test.t (a INT, b INT)", "test.t")
	reg := &fakeRegistry{ids: map[string]int{"t-value": 3}}
	enc, err := NewEncoder(Options{}, reg)
	if err != nil {
		t.Fatal(err)
	}
	_, msgs, err := enc.AppendMessages(context.Background(), nil, nil, "t",
		&event.RowChange{Table: tb, Op: event.OpInsert, After: []event.Value{event.IntValue(1), event.NullValue()}})
	if err != nil {
		t.Fatal(err)
	}
	if msgs[0].Key != nil || msgs[0].Value == nil {
		t.Errorf("keyless insert: key %x value %x", msgs[0].Key, msgs[0].Value)
	}
	_, _, err = enc.AppendMessages(context.Background(), nil, nil, "t",
		&event.RowChange{Table: tb, Op: event.OpDelete, Before: []event.Value{event.IntValue(1), event.NullValue()}})
	if err == nil || !strings.Contains(err.Error(), "table test.t: a delete needs a key") {
		t.Errorf("keyless delete error = %v", err)
	}
}

func TestEncoderReregistersNewTableVersion(t *testing.T) {
	v1 := mustTable(t, "CREATE TABLE test.t (id INT PRIMARY KEY)", "test.t")
	v2 := mustTable(t, "CREATE TABLE test.t (id INT PRIMARY KEY, extra INT)", "test.t")
	v2.Version = 2
	reg := &fakeRegistry{ids: map[string]int{"t-key": 1, "t-value": 2}}
	enc, err := NewEncoder(Options{}, reg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tb := range []*event.Table{v1, v1, v2, v2} {
		if _, err := enc.For(ctx, "t", tb); err != nil {
			t.Fatal(err)
		}
	}
	if reg.calls != 4 {
		t.Errorf("registrations = %d, want 4 (key and value for each of two versions)", reg.calls)
	}
	if !strings.Contains(reg.schemas["t-value"], `"name":"extra"`) {
		t.Errorf("last value schema is not v2's: %s", reg.schemas["t-value"])
	}
}

func TestParseHeaderErrors(t *testing.T) {
	tests := []struct {
		name string
		msg  []byte
		want string
	}{
		{"short", []byte{0, 0, 0}, "shorter than the 5-byte header"},
		{"bad magic", []byte{1, 0, 0, 0, 1, 2}, "magic byte is 0x01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := ParseHeader(tt.msg); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestDecoderErrors(t *testing.T) {
	lookup := func(context.Context, int) (string, error) {
		return `{"type":"record","name":"t","namespace":"n","fields":[{"name":"a","type":"string"}]}`, nil
	}
	dec := NewDecoder(lookup)
	tests := []struct {
		name string
		msg  []byte
		want string
	}{
		{"truncated string", []byte{0, 0, 0, 0, 1, 0x08, 'a'}, "field a: truncated string"},
		{"trailing bytes", []byte{0, 0, 0, 0, 1, 0x02, 'a', 'b'}, "1 bytes left after the record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := dec.Decode(context.Background(), tt.msg); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}
