package avro

import (
	"fmt"
	"math"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// opcode says how one column's value is encoded.
type opcode uint8

const (
	opInt        opcode = iota + 1 // Avro int from a signed integer, range-checked
	opIntU                         // Avro int from an unsigned integer, range-checked
	opLongU32                      // INT UNSIGNED as Avro long
	opLong                         // BIGINT as Avro long
	opLongU64                      // BIGINT UNSIGNED as long (bits reinterpreted)
	opStringU64                    // BIGINT UNSIGNED as decimal digits
	opFloat                        // FLOAT as Avro float
	opDouble                       // DOUBLE as Avro double
	opDecimal                      // DECIMAL as bytes.decimal (unscaled two's complement)
	opDecimalStr                   // DECIMAL as text with exactly the column's scale
	opText                         // UTF-8 text (CHAR … LONGTEXT, JSON, VECTOR)
	opBytes                        // binary strings
	opBit                          // BIT as minimal big-endian bytes
	opEnum                         // ENUM index → member name
	opSet                          // SET bitmask → comma-joined names
	opDate                         // DATE text
	opDatetime                     // DATETIME text with fsp digits
	opTimestamp                    // TIMESTAMP micros → text in the time zone
	opTime                         // TIME text with fsp digits
	opYear                         // YEAR as Avro int
)

// field is one column of a key or value record: everything the schema
// generator and the encoder need, computed once per table version.
type field struct {
	col  *event.Column
	idx  int    // offset of the column in row images
	name string // sanitised field name

	avroType   string // int, long, float, double, string, bytes
	tidbType   string
	allowed    string // ENUM/SET members, escaped; "" when not applicable
	hasAllowed bool
	bitLen     int // BIT length (also connect.parameters "length")
	precision  int // DECIMAL
	scale      int // DECIMAL scale
	logical    bool
	fsp        int // DATETIME/TIMESTAMP/TIME fractional digits

	op       opcode
	min, max int64  // opInt range
	umax     uint64 // opIntU, opLongU32 range

	nullable    bool
	nullFirst   bool   // union is ["null",T]; else [T,"null"]
	defaultJSON string // "" when the field has no default
}

// newField builds the field of column idx of t.
func newField(t *event.Table, idx int, o *Options) (field, error) {
	c := &t.Columns[idx]
	f := field{col: c, idx: idx, name: SanitizeName(c.Name), nullable: c.Nullable}
	if err := f.setType(o); err != nil {
		return field{}, fmt.Errorf("table %s: column %s: %w", t.QualifiedName(), c.Name, err)
	}
	def, err := f.defaultValue(o)
	if err != nil {
		return field{}, fmt.Errorf("table %s: column %s: default %q: %w", t.QualifiedName(), c.Name, *c.Default, err)
	}
	switch {
	case f.logical:
		// goavro cannot default logical types, so TiCDC drops the default.
		f.nullFirst = true
		if f.nullable {
			f.defaultJSON = "null"
		}
	case f.nullable:
		f.nullFirst = def == ""
		f.defaultJSON = def
		if def == "" {
			f.defaultJSON = "null"
		}
	default:
		f.defaultJSON = def
	}
	return f, nil
}

func intRange(tp event.Type) (min, max int64, umax uint64) {
	switch tp {
	case event.TypeTiny:
		return math.MinInt8, math.MaxInt8, math.MaxUint8
	case event.TypeShort:
		return math.MinInt16, math.MaxInt16, math.MaxUint16
	case event.TypeInt24:
		return -1 << 23, 1<<23 - 1, 1<<24 - 1
	case event.TypeLong:
		return math.MinInt32, math.MaxInt32, math.MaxUint32
	}
	return math.MinInt64, math.MaxInt64, math.MaxUint64
}

// setType fills the Avro type, connect.parameters and opcode.
func (f *field) setType(o *Options) error {
	c := f.col
	switch c.Type {
	case event.TypeTiny, event.TypeShort, event.TypeInt24, event.TypeLong:
		f.min, f.max, f.umax = intRange(c.Type)
		f.avroType, f.tidbType, f.op = "int", "INT", opInt
		if c.Unsigned {
			f.tidbType, f.op = "INT UNSIGNED", opIntU
			if c.Type == event.TypeLong {
				f.avroType, f.op = "long", opLongU32
			}
		}
	case event.TypeLongLong:
		f.min, f.max, f.umax = intRange(c.Type)
		f.avroType, f.tidbType, f.op = "long", "BIGINT", opLong
		if c.Unsigned {
			f.tidbType, f.op = "BIGINT UNSIGNED", opLongU64
			if o.BigintUnsignedMode == BigintUnsignedString {
				f.avroType, f.op = "string", opStringU64
			}
		}
	case event.TypeFloat:
		f.avroType, f.tidbType, f.op = "float", "FLOAT", opFloat
	case event.TypeDouble:
		f.avroType, f.tidbType, f.op = "double", "DOUBLE", opDouble
	case event.TypeDecimal:
		f.tidbType = "DECIMAL"
		f.precision, f.scale = c.Precision, c.Scale
		if f.precision < 0 {
			f.precision = 10
		}
		if f.scale < 0 {
			f.scale = 0
		}
		if f.precision < 1 || f.precision > 65 || f.scale > 30 || f.scale > f.precision {
			return fmt.Errorf("invalid DECIMAL(%d,%d)", f.precision, f.scale)
		}
		f.avroType, f.op = "string", opDecimalStr
		if o.DecimalMode == DecimalPrecise {
			f.avroType, f.op, f.logical = "bytes", opDecimal, true
		}
	case event.TypeBit:
		f.avroType, f.tidbType, f.op, f.bitLen = "bytes", "BIT", opBit, c.Length
		if f.bitLen < 0 {
			f.bitLen = 1
		}
		if f.bitLen < 1 || f.bitLen > 64 {
			return fmt.Errorf("invalid BIT(%d)", f.bitLen)
		}
	case event.TypeChar, event.TypeVarchar, event.TypeTinyText, event.TypeText, event.TypeMediumText, event.TypeLongText:
		f.avroType, f.tidbType, f.op = "string", "TEXT", opText
		if c.Binary {
			f.avroType, f.tidbType, f.op = "bytes", "BLOB", opBytes
		}
	case event.TypeEnum, event.TypeSet:
		f.avroType, f.tidbType, f.op = "string", "ENUM", opEnum
		if c.Type == event.TypeSet {
			f.tidbType, f.op = "SET", opSet
			if len(c.Elems) > 64 {
				return fmt.Errorf("SET has %d members, at most 64 are allowed", len(c.Elems))
			}
		}
		es := make([]string, len(c.Elems))
		for i, e := range c.Elems {
			es[i] = escapeElem(e)
		}
		f.allowed, f.hasAllowed = strings.Join(es, ","), true
	case event.TypeJSON:
		f.avroType, f.tidbType, f.op = "string", "JSON", opText
	case event.TypeVector:
		f.avroType, f.tidbType, f.op = "string", "TiDBVECTORFloat32", opText
	case event.TypeDate:
		f.avroType, f.tidbType, f.op = "string", "DATE", opDate
	case event.TypeDatetime, event.TypeTimestamp, event.TypeTime:
		f.avroType, f.fsp = "string", max(c.Scale, 0)
		if f.fsp > 6 {
			return fmt.Errorf("invalid fractional seconds precision %d", f.fsp)
		}
		f.tidbType, f.op = temporalType(c.Type)
	case event.TypeYear:
		f.avroType, f.tidbType, f.op = "int", "YEAR", opYear
	default:
		return fmt.Errorf("unsupported column type %s", c.Type)
	}
	return nil
}

func temporalType(tp event.Type) (string, opcode) {
	switch tp {
	case event.TypeDatetime:
		return "DATETIME", opDatetime
	case event.TypeTimestamp:
		return "TIMESTAMP", opTimestamp
	}
	return "TIME", opTime
}
