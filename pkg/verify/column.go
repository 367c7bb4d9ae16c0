package verify

import (
	"fmt"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/event"
)

// kind says how a column's values are brought to one canonical form on
// both sides.
type kind uint8

const (
	kindInt       kind = iota + 1 // signed integers, YEAR
	kindUint                      // unsigned integers; BIGINT UNSIGNED may arrive wrapped (long mode) or as text
	kindFloat                     // FLOAT: compared as float32
	kindDouble                    // DOUBLE
	kindDecimal                   // DECIMAL: compared as exact rationals
	kindBit                       // BIT: compared as an unsigned integer
	kindText                      // text, ENUM/SET names, DATE/DATETIME/TIME text
	kindBytes                     // binary strings
	kindJSON                      // JSON: compared after re-encoding
	kindTimestamp                 // TIMESTAMP: compared as microseconds since the epoch
)

// column is one upstream column with how to read and compare it.
type column struct {
	name  string // upstream name
	field string // Avro field name (sanitised)
	kind  kind
	sel   string // SELECT expression that yields a comparable value
}

// newColumn plans the comparison of c. The SELECT expressions avoid the
// lossy or session-dependent text forms: FLOAT text keeps 6 digits (so it
// is widened to DOUBLE, which is exact), TIMESTAMP text depends on the
// session time zone (so it is read as UNIX_TIMESTAMP), BIT is binary (so it
// is read as a number), and temporal types are cast to text so a DSN with
// parseTime=true cannot turn them into time.Time.
func newColumn(c *event.Column) (column, error) {
	q := quoteIdent(c.Name)
	col := column{name: c.Name, field: avro.SanitizeName(c.Name), sel: q}
	switch {
	case c.Type.IsInteger():
		col.kind = kindInt
		if c.Unsigned {
			col.kind = kindUint
		}
	case c.Type == event.TypeYear:
		col.kind = kindInt
	case c.Type == event.TypeFloat:
		col.kind, col.sel = kindFloat, q+" + 0e0"
	case c.Type == event.TypeDouble:
		col.kind = kindDouble
	case c.Type == event.TypeDecimal:
		col.kind = kindDecimal
	case c.Type == event.TypeBit:
		col.kind, col.sel = kindBit, q+" + 0"
	case c.Type == event.TypeDate || c.Type == event.TypeDatetime || c.Type == event.TypeTime:
		col.kind, col.sel = kindText, "CAST("+q+" AS CHAR)"
	case c.Type == event.TypeTimestamp:
		col.kind, col.sel = kindTimestamp, "UNIX_TIMESTAMP("+q+")"
	case c.Type == event.TypeJSON:
		col.kind = kindJSON
	case c.Type == event.TypeEnum || c.Type == event.TypeSet || c.Type == event.TypeVector:
		col.kind = kindText
	case c.Type.IsString():
		col.kind = kindText
		if c.Binary {
			col.kind = kindBytes
		}
	default:
		return column{}, fmt.Errorf("column %s: type %s cannot be compared", c.Name, c.Type)
	}
	return col, nil
}

// quoteIdent quotes a MySQL identifier.
func quoteIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }
