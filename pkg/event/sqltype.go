package event

import (
	"strconv"
	"strings"
)

// SQLType renders the column's type as information_schema.COLUMNS.COLUMN_TYPE
// shows it, e.g. "int unsigned", "decimal(10,2)", "varbinary(16)",
// "enum('a','b')", "datetime(3)".
func (c *Column) SQLType() string {
	var sb strings.Builder
	sb.WriteString(c.baseTypeName())
	switch {
	case c.Type == TypeDecimal:
		p, s := c.Precision, c.Scale
		if p < 0 {
			p = 10
		}
		if s < 0 {
			s = 0
		}
		sb.WriteString("(" + strconv.Itoa(p) + "," + strconv.Itoa(s) + ")")
	case (c.Type == TypeFloat || c.Type == TypeDouble) && c.Precision > 0 && c.Scale >= 0:
		sb.WriteString("(" + strconv.Itoa(c.Precision) + "," + strconv.Itoa(c.Scale) + ")")
	case c.Type == TypeEnum || c.Type == TypeSet:
		sb.WriteByte('(')
		for i, e := range c.Elems {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString("'" + strings.ReplaceAll(e, "'", "''") + "'")
		}
		sb.WriteByte(')')
	case c.Type == TypeDatetime || c.Type == TypeTimestamp || c.Type == TypeTime:
		if c.Scale > 0 {
			sb.WriteString("(" + strconv.Itoa(c.Scale) + ")")
		}
	case c.Type == TypeChar || c.Type == TypeVarchar || c.Type == TypeBit || c.Type == TypeVector || c.Type.IsInteger():
		if c.Length >= 0 {
			sb.WriteString("(" + strconv.Itoa(c.Length) + ")")
		}
	}
	if c.Unsigned && (c.Type.IsInteger() || c.Type == TypeDecimal || c.Type == TypeFloat || c.Type == TypeDouble) {
		sb.WriteString(" unsigned")
	}
	return sb.String()
}

// baseTypeName is the type keyword, with binary names for binary strings.
func (c *Column) baseTypeName() string {
	if !c.Binary {
		return c.Type.String()
	}
	switch c.Type {
	case TypeChar:
		return "binary"
	case TypeVarchar:
		return "varbinary"
	case TypeTinyText:
		return "tinyblob"
	case TypeText:
		return "blob"
	case TypeMediumText:
		return "mediumblob"
	case TypeLongText:
		return "longblob"
	}
	return c.Type.String()
}
