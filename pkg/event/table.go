package event

// Generated says whether and how a column is generated.
type Generated uint8

// Generated column kinds.
const (
	NotGenerated Generated = iota
	GeneratedVirtual
	GeneratedStored
)

// Column is one column of a table definition.
type Column struct {
	Name string
	Type Type
	// Length is the declared length: characters for CHAR/VARCHAR, bytes for
	// BINARY/VARBINARY, bits for BIT, display width for integers; -1 when
	// the definition gives none.
	Length int
	// Precision and Scale apply to DECIMAL; Scale is also the fractional
	// seconds precision (fsp) of DATETIME, TIMESTAMP and TIME. -1 when the
	// definition gives none (DECIMAL then means precision 10, scale 0).
	Precision int
	Scale     int
	Unsigned  bool
	// Binary is set for the binary charset: BINARY, VARBINARY and BLOBs.
	Binary    bool
	Charset   string
	Collation string
	// Elems are the ENUM/SET members in definition order, unescaped.
	Elems    []string
	Nullable bool
	// Default is the column default as MySQL stores it (a string literal,
	// "CURRENT_TIMESTAMP", …); nil when there is none or it is NULL.
	Default       *string
	Generated     Generated
	AutoIncrement bool
	Comment       string

	// Key flags, computed by Table.ComputeKeys.
	PrimaryKey bool // part of the PRIMARY KEY
	UniqueKey  bool // part of a PRIMARY or NOT NULL UNIQUE key
	HandleKey  bool // part of the key chosen as the message key (spec §1.5)
}

// Index is a key of a table.
type Index struct {
	Name    string
	Columns []string // column names in index order
	Primary bool
	Unique  bool
	// ID orders indexes as the server created them; ties in key choice
	// go to the smallest ID.
	ID int
}

// Table is a table definition at one schema version. A Table is immutable
// once published: a DDL produces a new Table with a higher Version, so rows
// keep the definition they were written under.
type Table struct {
	Schema  string
	Name    string
	Columns []Column
	Indexes []Index
	// Version increases with every DDL that changes the table.
	Version uint64
	// Handle holds the offsets in Columns of the handle-key columns, in
	// column order; empty when the table has no usable key.
	Handle []int
}

// QualifiedName returns "schema.table".
func (t *Table) QualifiedName() string { return t.Schema + "." + t.Name }

// ColumnIndex returns the offset of the named column (case-insensitive, as
// MySQL compares column names), or -1.
func (t *Table) ColumnIndex(name string) int {
	for i := range t.Columns {
		if equalFoldASCII(t.Columns[i].Name, name) {
			return i
		}
	}
	return -1
}

// Eligible reports whether the table has a handle key, i.e. can be
// replicated with a message key (TiCDC's "eligible table").
func (t *Table) Eligible() bool { return len(t.Handle) > 0 }

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
