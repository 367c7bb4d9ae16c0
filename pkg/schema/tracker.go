package schema

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// Tracker knows the definition of every table at the current position of
// the binlog: it starts from definitions loaded at a start position and
// applies DDL statements in binlog order (see Apply). Every change publishes
// a new *event.Table with a higher Version; published tables are never
// modified, so rows decoded earlier keep the definition they were written
// under. A Tracker is not safe for concurrent use: the binlog reader owns it.
//
// Database and table names are compared exactly (MySQL on Linux with
// lower_case_table_names=0); column names case-insensitively.
type Tracker struct {
	tables  map[tableKey]*event.Table
	version uint64
}

type tableKey struct{ db, table string }

// NewTracker returns a tracker holding tables.
func NewTracker(tables ...*event.Table) *Tracker {
	t := &Tracker{tables: map[tableKey]*event.Table{}}
	for _, tb := range tables {
		t.put(tb)
	}
	return t
}

// Table returns the current definition of db.name, or nil.
func (t *Tracker) Table(db, name string) *event.Table {
	return t.tables[tableKey{db, name}]
}

// Tables returns every tracked table, sorted by database and name.
func (t *Tracker) Tables() []*event.Table {
	out := make([]*event.Table, 0, len(t.tables))
	for _, tb := range t.tables {
		out = append(out, tb)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Schema != out[j].Schema {
			return out[i].Schema < out[j].Schema
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Version is the highest table version handed out so far.
func (t *Tracker) Version() uint64 { return t.version }

func (t *Tracker) put(tb *event.Table) {
	if tb.Version > t.version {
		t.version = tb.Version
	}
	t.tables[tableKey{tb.Schema, tb.Name}] = tb
}

// publish gives tb the next version and makes it current.
func (t *Tracker) publish(tb *event.Table) *event.Table {
	t.version++
	tb.Version = t.version
	tb.ComputeKeys()
	t.tables[tableKey{tb.Schema, tb.Name}] = tb
	return tb
}

func (t *Tracker) drop(db, name string) bool {
	k := tableKey{db, name}
	if _, ok := t.tables[k]; !ok {
		return false
	}
	delete(t.tables, k)
	return true
}

// trackerState is the persisted form of a Tracker.
type trackerState struct {
	Version uint64         `json:"version"`
	Tables  []*event.Table `json:"tables"`
}

// MarshalJSON saves the tracker, to be stored with a checkpoint.
func (t *Tracker) MarshalJSON() ([]byte, error) {
	return json.Marshal(trackerState{Version: t.version, Tables: t.Tables()})
}

// UnmarshalJSON restores a tracker saved by MarshalJSON.
func (t *Tracker) UnmarshalJSON(b []byte) error {
	var st trackerState
	if err := json.Unmarshal(b, &st); err != nil {
		return fmt.Errorf("schema history: %w", err)
	}
	t.tables = map[tableKey]*event.Table{}
	t.version = 0
	for _, tb := range st.Tables {
		tb.ComputeKeys()
		t.put(tb)
	}
	if st.Version > t.version {
		t.version = st.Version
	}
	return nil
}

// cloneTable returns a deep copy of tb that can be changed.
func cloneTable(tb *event.Table) *event.Table {
	c := *tb
	c.Columns = append([]event.Column(nil), tb.Columns...)
	c.Indexes = make([]event.Index, len(tb.Indexes))
	for i, ix := range tb.Indexes {
		ix.Columns = append([]string(nil), ix.Columns...)
		c.Indexes[i] = ix
	}
	c.Handle = nil
	return &c
}
