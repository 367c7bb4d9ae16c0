package verify

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/event"
)

// table is one upstream table and the state rebuilt for it from Kafka.
type table struct {
	cfg     Table
	def     *event.Table
	cols    []column
	handle  []int  // offsets in cols of the handle key
	truncTs uint64 // commit ts below which rows were truncated; 0 = never
	keys    map[string]*keyState
	fields  map[int][]int // schema id → per column, the record field index or -1
	rep     TableReport
}

// position is where a message sits in Kafka.
type position struct {
	topic     string
	partition int32
	offset    int64
}

// keyState is everything known about one key of a table.
type keyState struct {
	key  []cell       // the handle key, in canonical form
	rec  *avro.Record // the last value; nil after a tombstone
	ts   uint64       // commit ts of the last value
	last position     // the last message of the key
	// seen is set once the key has had a message; compared once the
	// upstream row with this key was compared.
	seen, compared bool
	order          keyOrder
}

// present reports whether the rebuilt table holds the key's row: its last
// message is a value written after any TRUNCATE.
func (k *keyState) present(truncTs uint64) bool {
	return k.rec != nil && (truncTs == 0 || k.ts >= truncTs)
}

func newTable(cfg Table, def *event.Table) (*table, error) {
	if !def.Eligible() {
		return nil, fmt.Errorf("table %s: no primary key or NOT NULL unique key, so rows cannot be matched by key", cfg.Name)
	}
	t := &table{cfg: cfg, def: def, handle: def.Handle, keys: map[string]*keyState{}, fields: map[int][]int{}}
	t.rep.Name = cfg.Name
	for i := range def.Columns {
		col, err := newColumn(&def.Columns[i])
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", cfg.Name, err)
		}
		t.cols = append(t.cols, col)
	}
	if !cfg.TruncatedAt.IsZero() {
		t.truncTs = event.ComposeTS(cfg.TruncatedAt.UnixMilli(), 0)
	}
	return t, nil
}

// recordNames returns the "<db>.<table>" forms, as Avro records name them,
// of the table's current and previous names.
func (t *table) recordNames() []string {
	var out []string
	for _, n := range append(append([]string(nil), t.cfg.Previous...), t.cfg.Name) {
		db, tbl, _ := splitName(n)
		out = append(out, avro.SanitizeName(db)+"."+avro.SanitizeName(tbl))
	}
	return out
}

// recordName returns "<db>.<table>" of a decoded key or value record,
// whose namespace is "<changefeed namespace>.<db>".
func recordName(r *avro.Record) string {
	_, db, ok := strings.Cut(r.Namespace, ".")
	if !ok {
		db = r.Namespace
	}
	return db + "." + r.Name
}

// fieldMap returns, per column, the index of its field in records of r's
// schema, or -1 when the schema has no such field.
func (t *table) fieldMap(r *avro.Record) []int {
	if m, ok := t.fields[r.SchemaID]; ok {
		return m
	}
	m := make([]int, len(t.cols))
	for i := range t.cols {
		m[i] = -1
		for j := range r.Fields {
			if r.Fields[j].Name == t.cols[i].field {
				m[i] = j
				break
			}
		}
	}
	t.fields[r.SchemaID] = m
	return m
}

// keyOf reads the handle key from a key record.
func (t *table) keyOf(r *avro.Record, c *checker) (string, []cell, error) {
	fm := t.fieldMap(r)
	cells := make([]cell, len(t.handle))
	for i, h := range t.handle {
		col := &t.cols[h]
		if fm[h] < 0 {
			return "", nil, fmt.Errorf("key record has no field %s (key column %s)", col.field, col.name)
		}
		v, err := col.fromAvro(r.Fields[fm[h]].Value, c.cfg.TimeZone)
		if err != nil {
			return "", nil, fmt.Errorf("key column %s: %w", col.name, err)
		}
		cells[i] = v
	}
	return encodeKey(cells), cells, nil
}

// encodeKey joins key cells into a map key, length-prefixed so that no
// value can run into the next.
func encodeKey(cells []cell) string {
	var sb strings.Builder
	for _, c := range cells {
		if c.null {
			sb.WriteString("N;")
			continue
		}
		sb.WriteString(strconv.Itoa(len(c.s)))
		sb.WriteByte(':')
		sb.WriteString(c.s)
	}
	return sb.String()
}

// keyText renders a key for reports: "id=5, region=\"eu\"".
func (t *table) keyText(cells []cell) string {
	parts := make([]string, len(cells))
	for i, h := range t.handle {
		parts[i] = t.cols[h].name + "=" + t.cols[h].display(cells[i])
	}
	return strings.Join(parts, ", ")
}
