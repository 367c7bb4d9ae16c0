package event

// Type is a MySQL column type, as information_schema and the binlog's table
// map know it. Text and blob variants are kept apart because downstream type
// mappings (Snowflake, ksqlDB, SQL Server) and the Avro protocol's tidb_type
// depend on them.
type Type uint8

// Column types. The zero value is TypeUnknown so that a forgotten assignment
// is caught by validation instead of encoding as an integer.
const (
	TypeUnknown    Type = iota
	TypeTiny            // TINYINT, BOOL
	TypeShort           // SMALLINT
	TypeInt24           // MEDIUMINT
	TypeLong            // INT
	TypeLongLong        // BIGINT
	TypeFloat           // FLOAT
	TypeDouble          // DOUBLE, REAL
	TypeDecimal         // DECIMAL, NUMERIC
	TypeBit             // BIT(n)
	TypeYear            // YEAR
	TypeDate            // DATE
	TypeDatetime        // DATETIME(fsp)
	TypeTimestamp       // TIMESTAMP(fsp)
	TypeTime            // TIME(fsp)
	TypeChar            // CHAR(n), BINARY(n) when Binary
	TypeVarchar         // VARCHAR(n), VARBINARY(n) when Binary
	TypeTinyText        // TINYTEXT, TINYBLOB when Binary
	TypeText            // TEXT, BLOB when Binary
	TypeMediumText      // MEDIUMTEXT, MEDIUMBLOB when Binary
	TypeLongText        // LONGTEXT, LONGBLOB when Binary
	TypeEnum            // ENUM(...)
	TypeSet             // SET(...)
	TypeJSON            // JSON
	TypeVector          // VECTOR (TiDB)
)

var typeNames = [...]string{
	TypeUnknown:    "unknown",
	TypeTiny:       "tinyint",
	TypeShort:      "smallint",
	TypeInt24:      "mediumint",
	TypeLong:       "int",
	TypeLongLong:   "bigint",
	TypeFloat:      "float",
	TypeDouble:     "double",
	TypeDecimal:    "decimal",
	TypeBit:        "bit",
	TypeYear:       "year",
	TypeDate:       "date",
	TypeDatetime:   "datetime",
	TypeTimestamp:  "timestamp",
	TypeTime:       "time",
	TypeChar:       "char",
	TypeVarchar:    "varchar",
	TypeTinyText:   "tinytext",
	TypeText:       "text",
	TypeMediumText: "mediumtext",
	TypeLongText:   "longtext",
	TypeEnum:       "enum",
	TypeSet:        "set",
	TypeJSON:       "json",
	TypeVector:     "vector",
}

// String returns the MySQL name of the type family (lower case, text names
// for the string family; see Column.SQLType for the full definition).
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "unknown"
}

// IsInteger reports whether values of t are carried in Value.Int as integers
// (signed, or unsigned reinterpreted).
func (t Type) IsInteger() bool {
	switch t {
	case TypeTiny, TypeShort, TypeInt24, TypeLong, TypeLongLong:
		return true
	}
	return false
}

// IsString reports whether t is one of the character/byte string types
// (CHAR, VARCHAR and the TEXT/BLOB family).
func (t Type) IsString() bool {
	return t >= TypeChar && t <= TypeLongText
}

// IsTemporal reports whether t is a date or time type.
func (t Type) IsTemporal() bool {
	return t >= TypeDate && t <= TypeTime
}
