package dispatch

import (
	"fmt"
	"hash/crc32"
	"strings"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// Route is where the rows of one table version go: the topic and how to
// pick a partition. A Route is immutable and safe for concurrent use;
// callers may keep it for as long as they keep the table.
type Route struct {
	// Topic is the Kafka topic of the table's rows.
	Topic string
	// Kind is the partition dispatcher of the matching rule.
	Kind Kind
	// Rule is the index of the matching dispatcher rule; len(rules) for
	// the implicit catch-all.
	Rule int

	tableHash uint32   // CRC-32 of schema‖table
	keys      []keyCol // columns hashed by index-value and columns
	keep      []bool   // columns kept by a column selector; nil = all
	loc       *time.Location
}

// keyCol is one hashed column: its offset, its definition and the CRC-32
// of its (stored) name, from which the value's bytes continue the CRC.
type keyCol struct {
	idx     int
	col     *event.Column
	nameCRC uint32
}

// Partition returns the partition of a row among n partitions, with
// TiCDC's XOR-of-CRC32 hash (spec §3.3). It does not allocate. n must be
// positive; Partition returns 0 otherwise.
func (r *Route) Partition(row *event.RowChange, n int32) int32 {
	if n <= 0 {
		return 0
	}
	switch r.Kind {
	case KindTs:
		return int32(row.CommitTs % uint64(n))
	case KindDefault, KindTable:
		return int32(r.tableHash % uint32(n))
	}
	return int32(r.hashKeys(row.Image()) % uint32(n))
}

// hashKeys XORs the table hash with CRC-32(name‖valueString) of every key
// column that is present and kept. Text values are hashed in place;
// numbers and timestamps are formatted into a stack buffer.
func (r *Route) hashKeys(values []event.Value) uint32 {
	h := r.tableHash
	var buf [64]byte
	for i := range r.keys {
		k := &r.keys[i]
		if k.idx >= len(values) || (r.keep != nil && !r.keep[k.idx]) {
			continue // TiCDC skips columns absent from the row
		}
		v := &values[k.idx]
		if isText(k.col, v) {
			h ^= crc32.Update(k.nameCRC, crc32.IEEETable, v.Bytes)
			continue
		}
		h ^= crcUpdate(k.nameCRC, appendFormatted(buf[:0], k.col, v, r.loc))
	}
	return h
}

// crcUpdate continues a CRC-32/IEEE over p, byte by byte. Used for short
// formatted values: unlike crc32.Update (an indirect call) it lets the
// buffer stay on the stack.
func crcUpdate(crc uint32, p []byte) uint32 {
	tab := crc32.IEEETable
	crc = ^crc
	for _, b := range p {
		crc = tab[byte(crc)^b] ^ (crc >> 8)
	}
	return ^crc
}

// Retained reports whether column i of the table is kept by the column
// selectors (always true when no selector matches the table).
func (r *Route) Retained(i int) bool { return r.keep == nil || (i < len(r.keep) && r.keep[i]) }

// Selected returns the kept-columns mask, or nil when every column is kept.
func (r *Route) Selected() []bool { return r.keep }

// buildRoute resolves the route of table t under rule ru.
func (rt *Router) buildRoute(t *event.Table, idx int, ru *rule) (*Route, error) {
	r := &Route{Topic: ru.topicFor(t.Schema, t.Name, rt.defaultTopic), Kind: ru.kind, Rule: idx, loc: rt.loc}
	r.tableHash = crc32.Update(crc32.ChecksumIEEE([]byte(t.Schema)), crc32.IEEETable, []byte(t.Name))
	keep, err := retained(rt.selectors, t)
	if err != nil {
		return nil, err
	}
	r.keep = keep
	switch ru.kind {
	case KindIndexValue:
		err = r.indexKeys(t, ru)
	case KindColumns:
		err = r.columnKeys(t, ru)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ru.field, err)
	}
	return r, nil
}

// indexKeys hashes the handle key, or the named unique index in index
// order.
func (r *Route) indexKeys(t *event.Table, ru *rule) error {
	if ru.index == "" {
		for _, j := range t.Handle {
			r.addKey(t, j)
		}
		return nil
	}
	for i := range t.Indexes {
		ix := &t.Indexes[i]
		if !strings.EqualFold(ix.Name, ru.index) {
			continue
		}
		if !ix.Primary && !ix.Unique {
			return fmt.Errorf("index %q of table %s is not unique; index-value needs a unique index", ru.index, t.QualifiedName())
		}
		for _, name := range ix.Columns {
			j := t.ColumnIndex(name)
			if j < 0 {
				return fmt.Errorf("index %q of table %s names column %q, which the table lacks", ru.index, t.QualifiedName(), name)
			}
			r.addKey(t, j)
		}
		return nil
	}
	return fmt.Errorf("index %q not found in table %s", ru.index, t.QualifiedName())
}

// columnKeys hashes the listed columns, matched case-insensitively and
// hashed under their stored names; a missing, virtual or filtered-out
// column is an error, as in TiCDC.
func (r *Route) columnKeys(t *event.Table, ru *rule) error {
	for _, name := range ru.columns {
		j := t.ColumnIndex(name)
		switch {
		case j < 0:
			return fmt.Errorf("column %q not found in table %s", name, t.QualifiedName())
		case t.Columns[j].Generated == event.GeneratedVirtual:
			return fmt.Errorf("column %q of table %s is a virtual generated column", name, t.QualifiedName())
		case !r.Retained(j):
			return fmt.Errorf("column %q of table %s is filtered out by a column selector but used by the columns dispatcher", name, t.QualifiedName())
		}
		r.addKey(t, j)
	}
	return nil
}

func (r *Route) addKey(t *event.Table, j int) {
	c := &t.Columns[j]
	r.keys = append(r.keys, keyCol{idx: j, col: c, nameCRC: crc32.ChecksumIEEE([]byte(c.Name))})
}
