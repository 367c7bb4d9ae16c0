package avro

import (
	"context"
	"testing"

	"github.com/linkedin/goavro/v2"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// TestEncodeDoesNotAllocate encodes a row of every type, in both modes, into
// a reused buffer and requires zero allocations per row.
func TestEncodeDoesNotAllocate(t *testing.T) {
	tb := mustTable(t, vectorADDL(), "testdb.avroencode")
	row := make([]event.Value, len(tb.Columns))
	row[0] = event.IntValue(1)
	for _, c := range typeCases() {
		row[tb.ColumnIndex(c.col)] = c.value
		row[tb.ColumnIndex(c.col+"nullable")] = c.value
	}
	for _, m := range modeOptions() {
		t.Run(m.name, func(t *testing.T) {
			reg := &fakeRegistry{ids: map[string]int{"t-key": 1, "t-value": 2}}
			enc, err := NewEncoder(m.opts, reg)
			if err != nil {
				t.Fatal(err)
			}
			te, err := enc.For(context.Background(), "t", tb)
			if err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, 0, 8192)
			allocs := testing.AllocsPerRun(100, func() {
				buf, err = te.AppendKey(buf[:0], row)
				if err == nil {
					buf, err = te.AppendValue(buf, row, event.OpUpdate, 1<<20)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if allocs != 0 {
				t.Errorf("%.1f allocations per row, want 0", allocs)
			}
		})
	}
}

// TestNullSecondUnion checks the [T,"null"] union order of nullable columns
// with defaults against goavro: a value is branch 0, null is branch 1.
func TestNullSecondUnion(t *testing.T) {
	tb := mustTable(t, "CREATE TABLE test.t (id INT PRIMARY KEY, n INT DEFAULT 5, s VARCHAR(5) DEFAULT 'x', e ENUM('a','b') DEFAULT 'b')", "test.t")
	p, err := NewPlan(tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	codec, err := goavro.NewCodec(p.ValueSchema)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		row  []event.Value
		want map[string]any
	}{
		{"values", []event.Value{event.IntValue(1), event.IntValue(-3), event.StringValue("yz"), event.IntValue(1)},
			map[string]any{"n": map[string]any{"int": int32(-3)}, "s": map[string]any{"string": "yz"}, "e": map[string]any{"string": "a"}}},
		{"nulls", []event.Value{event.IntValue(1), event.NullValue(), event.NullValue(), event.NullValue()},
			map[string]any{"n": nil, "s": nil, "e": nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			datum, err := p.AppendValueDatum(nil, tt.row, event.OpInsert, 0)
			if err != nil {
				t.Fatal(err)
			}
			native, rest, err := codec.NativeFromBinary(datum)
			if err != nil || len(rest) != 0 {
				t.Fatalf("goavro: %v", err)
			}
			got := native.(map[string]any)
			for k, w := range tt.want {
				if wm, ok := w.(map[string]any); ok {
					gm, ok := got[k].(map[string]any)
					if !ok || len(gm) != 1 {
						t.Errorf("%s = %#v, want %#v", k, got[k], w)
						continue
					}
					for bk, bv := range wm {
						if gm[bk] != bv {
							t.Errorf("%s = %#v, want %#v", k, got[k], w)
						}
					}
					continue
				}
				if got[k] != nil {
					t.Errorf("%s = %#v, want nil", k, got[k])
				}
			}
		})
	}
}
