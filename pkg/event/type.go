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

// String returns the MySQL name of the type family (lower case, text names
// for the string family; see Column.SQLType for the full definition).
func (t Type) String() string {
	switch t {
	case TypeTiny:
		return "tinyint"
	case TypeShort:
		return "smallint"
	case TypeInt24:
		return "mediumint"
	case TypeLong:
		return "int"
	case TypeLongLong:
		return "bigint"
	case TypeFloat:
		return "float"
	case TypeDouble:
		return "double"
	case TypeDecimal:
		return "decimal"
	case TypeBit:
		return "bit"
	case TypeYear:
		return "year"
	case TypeDate:
		return "date"
	case TypeDatetime:
		return "datetime"
	case TypeTimestamp:
		return "timestamp"
	case TypeTime:
		return "time"
	case TypeChar:
		return "char"
	case TypeVarchar:
		return "varchar"
	case TypeTinyText:
		return "tinytext"
	case TypeText:
		return "text"
	case TypeMediumText:
		return "mediumtext"
	case TypeLongText:
		return "longtext"
	case TypeEnum:
		return "enum"
	case TypeSet:
		return "set"
	case TypeJSON:
		return "json"
	case TypeVector:
		return "vector"
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
