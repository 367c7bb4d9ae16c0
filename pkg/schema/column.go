package schema

import (
	"fmt"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/charset"
	"github.com/pingcap/tidb/pkg/parser/mysql"
	"github.com/pingcap/tidb/pkg/parser/types"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// InlineKey says which key a column definition declares on itself
// ("id INT PRIMARY KEY", "email VARCHAR(64) UNIQUE").
type InlineKey struct {
	Primary bool
	Unique  bool
}

// ColumnFromDef converts one column definition, as found in CREATE TABLE
// and ALTER TABLE ADD/MODIFY/CHANGE COLUMN. Key flags are left for
// Table.ComputeKeys; the charset is empty unless the definition names one
// (the caller applies the table default).
func ColumnFromDef(def *ast.ColumnDef) (event.Column, InlineKey, error) {
	name := def.Name.Name.O
	col := event.Column{Name: name, Nullable: true, Length: -1, Precision: -1, Scale: -1}
	if err := setType(&col, def.Tp); err != nil {
		return event.Column{}, InlineKey{}, fmt.Errorf("column %s: %w", name, err)
	}
	var key InlineKey
	for _, opt := range def.Options {
		switch opt.Tp {
		case ast.ColumnOptionNotNull:
			col.Nullable = false
		case ast.ColumnOptionNull:
			col.Nullable = true
		case ast.ColumnOptionPrimaryKey:
			key.Primary = true
			col.Nullable = false
		case ast.ColumnOptionUniqKey:
			key.Unique = true
		case ast.ColumnOptionAutoIncrement:
			col.AutoIncrement = true
		case ast.ColumnOptionComment:
			col.Comment = exprString(opt.Expr)
		case ast.ColumnOptionCollate:
			col.Collation = opt.StrValue
		case ast.ColumnOptionGenerated:
			col.Generated = event.GeneratedVirtual
			if opt.Stored {
				col.Generated = event.GeneratedStored
			}
		case ast.ColumnOptionDefaultValue:
			d, err := defaultString(opt.Expr, col.Type)
			if err != nil {
				return event.Column{}, InlineKey{}, fmt.Errorf("column %s: DEFAULT: %w", name, err)
			}
			col.Default = d
		}
	}
	if col.Collation != "" && col.Charset == "" && isCharType(col.Type) {
		if cs, _, ok := strings.Cut(col.Collation, "_"); ok {
			col.Charset = cs
		}
	}
	return col, key, nil
}

// setType fills the type fields of col from the parser's field type.
func setType(col *event.Column, ft *types.FieldType) error {
	tp, ok := columnType(ft.GetType())
	if !ok {
		return fmt.Errorf("type %s is not supported", ft.String())
	}
	col.Type = tp
	flen, dec := ft.GetFlen(), ft.GetDecimal()
	col.Unsigned = mysql.HasUnsignedFlag(ft.GetFlag())
	switch {
	case tp == event.TypeDecimal:
		col.Precision, col.Scale = flen, dec
		if flen >= 0 && dec < 0 {
			col.Scale = 0 // DECIMAL(p) means DECIMAL(p,0)
		}
	case tp == event.TypeFloat || tp == event.TypeDouble:
		col.Precision, col.Scale = flen, dec
	case tp.IsTemporal():
		col.Scale = dec // fsp; -1 when not given
	case tp == event.TypeEnum || tp == event.TypeSet:
		col.Elems = append([]string(nil), ft.GetElems()...)
	case tp == event.TypeJSON || tp == event.TypeYear:
	default: // integers, BIT, strings, VECTOR
		col.Length = flen
	}
	if isCharType(tp) || tp == event.TypeEnum || tp == event.TypeSet {
		col.Charset, col.Collation = ft.GetCharset(), ft.GetCollate()
		col.Binary = tp.IsString() && col.Charset == charset.CharsetBin
	}
	return nil
}

func isCharType(tp event.Type) bool {
	return tp.IsString() || tp == event.TypeEnum || tp == event.TypeSet
}

// columnType maps the parser's type byte to the model's Type.
func columnType(tp byte) (event.Type, bool) {
	switch tp {
	case mysql.TypeTiny:
		return event.TypeTiny, true
	case mysql.TypeShort:
		return event.TypeShort, true
	case mysql.TypeInt24:
		return event.TypeInt24, true
	case mysql.TypeLong:
		return event.TypeLong, true
	case mysql.TypeLonglong:
		return event.TypeLongLong, true
	case mysql.TypeFloat:
		return event.TypeFloat, true
	case mysql.TypeDouble:
		return event.TypeDouble, true
	case mysql.TypeNewDecimal:
		return event.TypeDecimal, true
	case mysql.TypeBit:
		return event.TypeBit, true
	case mysql.TypeYear:
		return event.TypeYear, true
	case mysql.TypeDate, mysql.TypeNewDate:
		return event.TypeDate, true
	case mysql.TypeDatetime:
		return event.TypeDatetime, true
	case mysql.TypeTimestamp:
		return event.TypeTimestamp, true
	case mysql.TypeDuration:
		return event.TypeTime, true
	case mysql.TypeString:
		return event.TypeChar, true
	case mysql.TypeVarchar, mysql.TypeVarString:
		return event.TypeVarchar, true
	case mysql.TypeTinyBlob:
		return event.TypeTinyText, true
	case mysql.TypeBlob:
		return event.TypeText, true
	case mysql.TypeMediumBlob:
		return event.TypeMediumText, true
	case mysql.TypeLongBlob:
		return event.TypeLongText, true
	case mysql.TypeEnum:
		return event.TypeEnum, true
	case mysql.TypeSet:
		return event.TypeSet, true
	case mysql.TypeJSON:
		return event.TypeJSON, true
	case mysql.TypeTiDBVectorFloat32:
		return event.TypeVector, true
	}
	return event.TypeUnknown, false
}
