package binlog

import (
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// Without binlog_row_metadata the binlog carries no signedness: go-mysql
// decodes signed values, which the tracked definition turns unsigned at
// the column's own width.
func TestConvertValueUnsignedWithoutMetadata(t *testing.T) {
	tests := []struct {
		name string
		typ  event.Type
		in   any
		want int64
	}{
		{"tinyint unsigned 255", event.TypeTiny, int8(-1), 255},
		{"smallint unsigned 65535", event.TypeShort, int16(-1), 65535},
		{"mediumint unsigned 16777215", event.TypeInt24, int32(-1), 16777215},
		{"int unsigned 4294967295", event.TypeLong, int32(-1), 4294967295},
		{"bigint unsigned max", event.TypeLongLong, int64(-1), -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			col := &event.Column{Name: "c", Type: tt.typ, Unsigned: true}
			var v event.Value
			if err := convertValue(col, tt.in, &v); err != nil {
				t.Fatal(err)
			}
			if v.Int != tt.want {
				t.Errorf("got %d, want %d", v.Int, tt.want)
			}
		})
	}
}

func TestPadFixedBinary(t *testing.T) {
	tb := &event.Table{Columns: []event.Column{
		{Name: "fx", Type: event.TypeChar, Binary: true, Length: 4},
		{Name: "vb", Type: event.TypeVarchar, Binary: true, Length: 4},
	}}
	rows := []event.RowChange{{Op: event.OpUpdate,
		Before: []event.Value{event.BytesValue([]byte{1}), event.BytesValue([]byte{1})},
		After:  []event.Value{event.NullValue(), event.BytesValue([]byte{2})}}}
	padFixedBinary(tb, rows)
	if got := rows[0].Before[0].Bytes; string(got) != "\x01\x00\x00\x00" {
		t.Errorf("BINARY(4) = %x, want 01000000", got)
	}
	if got := rows[0].Before[1].Bytes; string(got) != "\x01" {
		t.Errorf("VARBINARY changed: %x", got)
	}
	if !rows[0].After[0].Null {
		t.Errorf("NULL was padded")
	}
}
