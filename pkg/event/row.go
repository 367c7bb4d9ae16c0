package event

// Value is one column value in a row image. Which field carries the value is
// fixed by the column's Type, so no interface boxing or allocation is needed:
//
//	integers (signed)            Int
//	integers (unsigned)          Int holds the uint64 bits (use Uint)
//	YEAR                         Int (e.g. 1970; 0 for the zero year)
//	BIT(n)                       Int holds the uint64 bits
//	ENUM                         Int = 1-based member index (0 = the '' error value)
//	SET                          Int = member bitmask (bit i = Elems[i])
//	FLOAT, DOUBLE                Float
//	DECIMAL                      Bytes = decimal text, e.g. "-12.340" (digits beyond
//	                             the column's scale must be zeros)
//	CHAR … LONGTEXT, JSON        Bytes = UTF-8 text (JSON in TiDB's text form)
//	BINARY … LONGBLOB            Bytes = raw bytes
//	DATE                         Bytes = "YYYY-MM-DD"
//	DATETIME, TIME               Bytes = "YYYY-MM-DD HH:MM:SS[.f]" / "[-]HH:MM:SS[.f]";
//	                             fraction digits beyond the column's fsp must be zeros
//	TIMESTAMP                    Int = microseconds since the Unix epoch (UTC);
//	                             0 is MySQL's zero TIMESTAMP 0000-00-00 00:00:00
//	VECTOR                       Bytes = TiDB vector text "[1,2,3]"
//
// Bytes may alias a buffer owned by the source; a stage that keeps a value
// beyond the batch's lifetime must copy it.
type Value struct {
	Null  bool
	Int   int64
	Float float64
	Bytes []byte
}

// Uint returns Int reinterpreted as unsigned.
func (v Value) Uint() uint64 { return uint64(v.Int) }

// NullValue is the SQL NULL.
func NullValue() Value { return Value{Null: true} }

// IntValue returns a value carried in Int.
func IntValue(i int64) Value { return Value{Int: i} }

// UintValue returns an unsigned value carried in Int.
func UintValue(u uint64) Value { return Value{Int: int64(u)} }

// FloatValue returns a value carried in Float.
func FloatValue(f float64) Value { return Value{Float: f} }

// BytesValue returns a value carried in Bytes.
func BytesValue(b []byte) Value { return Value{Bytes: b} }

// StringValue returns a text value carried in Bytes.
func StringValue(s string) Value { return Value{Bytes: []byte(s)} }

// Op is the kind of a row change.
type Op uint8

// Row change kinds.
const (
	OpInsert Op = iota + 1
	OpUpdate
	OpDelete
)

// String returns "insert", "update" or "delete".
func (o Op) String() string {
	switch o {
	case OpInsert:
		return "insert"
	case OpUpdate:
		return "update"
	case OpDelete:
		return "delete"
	}
	return "unknown"
}

// RowChange is one changed row. Before is set for updates and deletes, After
// for inserts and updates; both have len(Table.Columns) values.
type RowChange struct {
	Table    *Table
	Op       Op
	Before   []Value
	After    []Value
	CommitTs uint64 // TiCDC TSO layout, see ComposeTS
}

// Image returns the row image that identifies the row: After for inserts and
// updates, Before for deletes.
func (r *RowChange) Image() []Value {
	if r.Op == OpDelete {
		return r.Before
	}
	return r.After
}
