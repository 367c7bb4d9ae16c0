package binlog

import (
	"fmt"
	"unsafe"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// convertRow fills dst (len(t.Columns)) from a row decoded by go-mysql.
func convertRow(t *event.Table, row []any, dst []event.Value) error {
	if len(row) != len(t.Columns) {
		return fmt.Errorf("table %s: the binlog row has %d columns, the tracked definition %d: "+
			"the table changed outside the binlog, or binlog_row_image is not FULL", t.QualifiedName(), len(row), len(t.Columns))
	}
	for i := range row {
		if err := convertValue(&t.Columns[i], row[i], &dst[i]); err != nil {
			return fmt.Errorf("table %s: column %s: %w", t.QualifiedName(), t.Columns[i].Name, err)
		}
	}
	return nil
}

// convertValue maps one go-mysql value (see RowsEvent.decodeValue) to the
// event.Value layout of col's type.
func convertValue(col *event.Column, v any, dst *event.Value) error {
	*dst = event.Value{}
	switch x := v.(type) {
	case nil:
		dst.Null = true
	case int8:
		dst.Int = unsignedFix(col, int64(x), 8)
	case int16:
		dst.Int = unsignedFix(col, int64(x), 16)
	case int32:
		bits := uint(32)
		if col.Type == event.TypeInt24 { // go-mysql decodes MEDIUMINT into an int32
			bits = 24
		}
		dst.Int = unsignedFix(col, int64(x), bits)
	case int64:
		dst.Int = unsignedFix(col, x, 64)
	case int:
		dst.Int = int64(x)
	case uint8:
		dst.Int = int64(x)
	case uint16:
		dst.Int = int64(x)
	case uint32:
		dst.Int = int64(x)
	case uint64:
		dst.Int = int64(x)
	case float32:
		dst.Float = float64(x)
	case float64:
		dst.Float = x
	case string:
		if col.Type == event.TypeTimestamp {
			us, err := event.ParseTimestampUTC(x)
			if err != nil {
				return err
			}
			dst.Int = us
			return nil
		}
		dst.Bytes = unsafe.Slice(unsafe.StringData(x), len(x))
	case []byte:
		dst.Bytes = x
	default:
		return fmt.Errorf("unsupported binlog value of type %T", v)
	}
	return nil
}

// unsignedFix reinterprets a signed value of the given bit width as unsigned
// when the column is unsigned (the binlog carried no signedness metadata).
func unsignedFix(col *event.Column, v int64, bits uint) int64 {
	if !col.Unsigned || v >= 0 || bits == 64 {
		return v
	}
	return int64(uint64(v) & (1<<bits - 1))
}
