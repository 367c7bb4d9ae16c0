package snapshot

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// tableReader copies one table in key order, a chunk at a time.
type tableReader struct {
	table     *event.Table
	name      string // the table's qualified name
	chunkRows int
	first     string // query of the first chunk
	after     string // query of the chunks after a key
	lastKey   []any  // key of the last row read (nil before the first chunk)
	copied    int64
}

func newTableReader(t *event.Table, chunkRows int) *tableReader {
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = quote(c.Name)
		if c.Type == event.TypeFloat {
			// FLOAT's text form keeps 6 significant digits (-721536.375
			// reads -721536); as a double it keeps every digit.
			cols[i] += " + 0e0"
		}
	}
	keys := make([]string, len(t.Handle))
	marks := make([]string, len(t.Handle))
	for i, j := range t.Handle {
		keys[i] = quote(t.Columns[j].Name)
		marks[i] = "?"
	}
	from := fmt.Sprintf("SELECT %s FROM %s.%s", strings.Join(cols, ", "), quote(t.Schema), quote(t.Name))
	order := fmt.Sprintf(" ORDER BY %s LIMIT %d", strings.Join(keys, ", "), chunkRows)
	return &tableReader{
		table:     t,
		name:      t.QualifiedName(),
		chunkRows: chunkRows,
		first:     from + order,
		after:     fmt.Sprintf("%s WHERE (%s) > (%s)%s", from, strings.Join(keys, ", "), strings.Join(marks, ", "), order),
	}
}

func quote(ident string) string { return "`" + strings.ReplaceAll(ident, "`", "``") + "`" }

// next reads the next chunk; an empty result means the table is done.
func (r *tableReader) next(ctx context.Context, conn *sql.Conn) ([]event.RowChange, error) {
	var rows *sql.Rows
	var err error
	if r.lastKey == nil {
		rows, err = conn.QueryContext(ctx, r.first)
	} else {
		rows, err = conn.QueryContext(ctx, r.after, r.lastKey...)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", r.table.QualifiedName(), err)
	}
	defer rows.Close()
	n := len(r.table.Columns)
	raw := make([]sql.RawBytes, n)
	ptrs := make([]any, n)
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	out := make([]event.RowChange, 0, r.chunkRows)
	arena := make([]event.Value, 0, r.chunkRows*n)
	var buf []byte
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("read %s: %w", r.table.QualifiedName(), err)
		}
		start := len(arena)
		for i := range raw {
			var v event.Value
			if raw[i] == nil {
				v.Null = true
			} else {
				at := len(buf)
				buf = append(buf, raw[i]...) // RawBytes are reused by the next Scan
				if err := textValue(&r.table.Columns[i], buf[at:len(buf):len(buf)], &v); err != nil {
					return nil, fmt.Errorf("read %s: column %s: %w", r.table.QualifiedName(), r.table.Columns[i].Name, err)
				}
			}
			arena = append(arena, v)
		}
		out = append(out, event.RowChange{Table: r.table, Op: event.OpInsert, After: arena[start:len(arena):len(arena)]})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", r.table.QualifiedName(), err)
	}
	if len(out) > 0 {
		last := out[len(out)-1].After
		r.lastKey = make([]any, len(r.table.Handle))
		for i, j := range r.table.Handle {
			r.lastKey[i] = keyArg(&r.table.Columns[j], last[j])
		}
	}
	r.copied += int64(len(out))
	return out, nil
}
