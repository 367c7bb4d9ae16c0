package binlog

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	gomysql "github.com/go-mysql-org/go-mysql/mysql"
	"github.com/go-mysql-org/go-mysql/replication"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// imageDecoder decodes the row images of a rows event straight into
// event.Values, producing what go-mysql's decoder followed by convertValue
// produces (decode_integration_test.go checks both on the same events), without a
// []any per row, a boxed value per column, go-mysql's per-row signedness
// map or fmt for temporal text. Values are carved from chunks shared by
// consecutive events, so allocations are per chunk, not per row; text
// values alias the event's bytes, formatted ones (dates, decimals) a text
// chunk. Tables with a column type it does not know (JSON, TIME, BIT
// arrays of old servers, geometry, …) and compressed or partial-JSON
// events go through go-mysql's decoder instead.
type imageDecoder struct {
	slab []event.Value // the free part of the current values chunk
	text []byte        // the current text chunk (appended to, never reused)

	tm       *replication.TableMapEvent // the table map fast and unsigned describe
	fast     bool
	unsigned []bool // per column, from the binlog's signedness metadata
}

const (
	valueChunk = 8192     // values per chunk (320 KiB)
	textChunk  = 64 << 10 // bytes per text chunk
	maxText    = 80       // longest formatted value: a 65-digit decimal
)

var errShortImage = errors.New("row image ends early")

// prepare says whether tm's rows can be decoded here, caching the answer
// and the columns' signedness for the events that follow the table map,
// and for the next table map of the same layout (every transaction
// repeats its tables' maps).
func (d *imageDecoder) prepare(tm *replication.TableMapEvent) bool {
	if tm == d.tm {
		return d.fast
	}
	if d.tm != nil && sameLayout(tm, d.tm) {
		d.tm = tm
		return d.fast
	}
	d.tm, d.fast, d.unsigned = tm, true, d.unsigned[:0]
	if len(tm.ColumnType) != int(tm.ColumnCount) || len(tm.ColumnMeta) != int(tm.ColumnCount) {
		d.fast = false
		return false
	}
	signed := tm.UnsignedMap() // nil without binlog_row_metadata: all signed, as go-mysql assumes
	for i, tp := range tm.ColumnType {
		d.fast = d.fast && fastType(tp, tm.ColumnMeta[i])
		d.unsigned = append(d.unsigned, signed[i])
	}
	return d.fast
}

// sameLayout reports whether two table maps describe the same columns
// (types, metadata, signedness).
func sameLayout(a, b *replication.TableMapEvent) bool {
	return a.ColumnCount == b.ColumnCount && bytes.Equal(a.ColumnType, b.ColumnType) &&
		slices.Equal(a.ColumnMeta, b.ColumnMeta) && bytes.Equal(a.SignednessBitmap, b.SignednessBitmap)
}

func fastType(tp byte, meta uint16) bool {
	switch tp {
	case gomysql.MYSQL_TYPE_TINY, gomysql.MYSQL_TYPE_SHORT, gomysql.MYSQL_TYPE_INT24, gomysql.MYSQL_TYPE_LONG,
		gomysql.MYSQL_TYPE_LONGLONG, gomysql.MYSQL_TYPE_FLOAT, gomysql.MYSQL_TYPE_DOUBLE, gomysql.MYSQL_TYPE_NEWDECIMAL,
		gomysql.MYSQL_TYPE_BIT, gomysql.MYSQL_TYPE_TIMESTAMP2, gomysql.MYSQL_TYPE_DATETIME2, gomysql.MYSQL_TYPE_DATE,
		gomysql.MYSQL_TYPE_YEAR, gomysql.MYSQL_TYPE_ENUM, gomysql.MYSQL_TYPE_SET, gomysql.MYSQL_TYPE_BLOB,
		gomysql.MYSQL_TYPE_VARCHAR, gomysql.MYSQL_TYPE_VAR_STRING:
		return true
	case gomysql.MYSQL_TYPE_STRING:
		real, _ := stringType(meta)
		return real == gomysql.MYSQL_TYPE_STRING || real == gomysql.MYSQL_TYPE_ENUM || real == gomysql.MYSQL_TYPE_SET
	}
	return false
}

// stringType decodes the metadata of a MYSQL_TYPE_STRING column: the real
// type (CHAR, ENUM or SET) and CHAR's maximum length in bytes.
func stringType(meta uint16) (byte, int) {
	if meta < 256 {
		return gomysql.MYSQL_TYPE_STRING, int(meta)
	}
	b0, b1 := uint8(meta>>8), uint8(meta&0xFF)
	if b0&0x30 != 0x30 {
		return b0 | 0x30, int(uint16(b1) | uint16((b0&0x30)^0x30)<<4)
	}
	return b0, int(b1)
}

// values returns n zeroed values from the current chunk.
func (d *imageDecoder) values(n int) []event.Value {
	if len(d.slab) < n {
		d.slab = make([]event.Value, max(valueChunk, n))
	}
	v := d.slab[:n:n]
	d.slab = d.slab[n:]
	return v
}

// textBuf returns the text chunk with room for a formatted value.
func (d *imageDecoder) textBuf() []byte {
	if cap(d.text)-len(d.text) < maxText {
		d.text = make([]byte, 0, textChunk)
	}
	return d.text
}

// keepText records that the chunk grew from start, and returns the value.
func (d *imageDecoder) keepText(b []byte, start int) []byte {
	d.text = b
	return b[start:len(b):len(b)]
}

// image decodes one row image of d.tm's table (bitmap: the columns
// present) at data into a new slice of len(cols) values, returning the
// bytes it used.
func (d *imageDecoder) image(data, bitmap []byte, cols []event.Column) ([]event.Value, int, error) {
	n := len(cols)
	if len(d.unsigned) != n || len(bitmap)*8 < n {
		return nil, 0, fmt.Errorf("row image of %d columns for a table of %d", len(d.unsigned), n)
	}
	present := 0
	for i := range n {
		if isBitSet(bitmap, i) {
			present++
		}
	}
	pos := (present + 7) / 8
	if len(data) < pos {
		return nil, 0, errShortImage
	}
	nulls, ni := data[:pos], 0
	dst := d.values(n)
	for i := range n {
		if !isBitSet(bitmap, i) {
			dst[i].Null = true
			continue
		}
		ni++
		if isBitSet(nulls, ni-1) {
			dst[i].Null = true
			continue
		}
		used, err := d.value(data[pos:], d.tm.ColumnType[i], d.tm.ColumnMeta[i], d.unsigned[i], &cols[i], &dst[i])
		if err != nil {
			return nil, 0, fmt.Errorf("column %s: %w", cols[i].Name, err)
		}
		pos += used
	}
	return dst, pos, nil
}

func isBitSet(bitmap []byte, i int) bool { return bitmap[i>>3]&(1<<(uint(i)&7)) != 0 }
