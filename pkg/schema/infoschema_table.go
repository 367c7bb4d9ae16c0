package schema

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// infoColumn is one row of information_schema.COLUMNS.
type infoColumn struct {
	Name, DataType, ColumnType, Nullable, Extra, Comment string
	Default, Charset, Collation                          sql.NullString
}

// loadTable reads one table's columns and keys.
func loadTable(ctx context.Context, db *sql.DB, schema, name string, mariadb bool) (*event.Table, error) {
	t := &event.Table{Schema: schema, Name: name, Version: 1}
	rows, err := db.QueryContext(ctx, `SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT,
		CHARACTER_SET_NAME, COLLATION_NAME, EXTRA, COLUMN_COMMENT
		FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`, schema, name)
	if err != nil {
		return nil, fmt.Errorf("table %s: information_schema.COLUMNS: %w", t.QualifiedName(), err)
	}
	defer rows.Close()
	for rows.Next() {
		var ic infoColumn
		if err := rows.Scan(&ic.Name, &ic.DataType, &ic.ColumnType, &ic.Nullable, &ic.Default,
			&ic.Charset, &ic.Collation, &ic.Extra, &ic.Comment); err != nil {
			return nil, fmt.Errorf("table %s: information_schema.COLUMNS: %w", t.QualifiedName(), err)
		}
		col, err := columnFromInfo(ic, mariadb)
		if err != nil {
			return nil, fmt.Errorf("table %s: column %s: %w", t.QualifiedName(), ic.Name, err)
		}
		t.Columns = append(t.Columns, col)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("table %s: information_schema.COLUMNS: %w", t.QualifiedName(), err)
	}
	if len(t.Columns) == 0 {
		return nil, fmt.Errorf("table %s: no columns visible in information_schema (missing privileges?)", t.QualifiedName())
	}
	if t.Indexes, err = loadIndexes(ctx, db, t); err != nil {
		return nil, err
	}
	t.ComputeKeys()
	return t, nil
}

// loadIndexes reads SHOW INDEX, which lists keys in the server's key order
// (the order ComputeKeys breaks ties by) and their columns in key order.
func loadIndexes(ctx context.Context, db *sql.DB, t *event.Table) ([]event.Index, error) {
	q := "SHOW INDEX FROM " + quoteMySQL(t.Schema) + "." + quoteMySQL(t.Name)
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("table %s: %s: %w", t.QualifiedName(), q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("table %s: %s: %w", t.QualifiedName(), q, err)
	}
	vals := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	at := map[string]int{}
	for i, c := range cols {
		ptrs[i] = &vals[i]
		at[strings.ToLower(c)] = i
	}
	for _, need := range []string{"key_name", "non_unique", "column_name"} {
		if _, ok := at[need]; !ok {
			return nil, fmt.Errorf("table %s: %s: no %s column", t.QualifiedName(), q, need)
		}
	}
	var out []event.Index
	pos := map[string]int{}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("table %s: %s: %w", t.QualifiedName(), q, err)
		}
		key := vals[at["key_name"]].String
		i, ok := pos[key]
		if !ok {
			i = len(out)
			pos[key] = i
			out = append(out, event.Index{Name: key, ID: i + 1, Primary: key == "PRIMARY",
				Unique: vals[at["non_unique"]].String == "0"})
		}
		// An expression key part has no column; "" makes the key unusable.
		out[i].Columns = append(out[i].Columns, vals[at["column_name"]].String)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("table %s: %s: %w", t.QualifiedName(), q, err)
	}
	return out, nil
}

func quoteMySQL(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

// columnFromInfo converts a COLUMNS row the way ColumnFromDef converts a
// definition: lengths, precision and fsp as written in COLUMN_TYPE (-1
// where it gives none), defaults as MySQL shows them (MariaDB's quoted
// literals and "NULL" normalised).
func columnFromInfo(ic infoColumn, mariadb bool) (event.Column, error) {
	col := event.Column{Name: ic.Name, Length: -1, Precision: -1, Scale: -1,
		Nullable: strings.EqualFold(ic.Nullable, "YES"), Comment: ic.Comment}
	_, args, flags := splitColumnType(ic.ColumnType)
	tp, binary, ok := infoType(strings.ToLower(ic.DataType))
	if !ok {
		return col, fmt.Errorf("type %s is not supported (TiCDC's Avro protocol has no encoding for it)", ic.ColumnType)
	}
	col.Type, col.Binary = tp, binary
	col.Unsigned = strings.Contains(flags, "unsigned")
	switch {
	case tp == event.TypeDecimal || tp == event.TypeFloat || tp == event.TypeDouble:
		if len(args) >= 1 {
			col.Precision = atoi(args[0])
			col.Scale = 0
		}
		if len(args) == 2 {
			col.Scale = atoi(args[1])
		}
	case tp.IsTemporal():
		if len(args) == 1 {
			col.Scale = atoi(args[0])
		}
	case tp == event.TypeEnum || tp == event.TypeSet:
		col.Elems = args
	case tp == event.TypeJSON || tp == event.TypeYear:
	case tp == event.TypeTinyText || tp == event.TypeText || tp == event.TypeMediumText || tp == event.TypeLongText:
	default: // integers, BIT, CHAR, VARCHAR, BINARY, VARBINARY, VECTOR
		if len(args) == 1 {
			col.Length = atoi(args[0])
		}
	}
	if isCharType(tp) {
		col.Charset, col.Collation = ic.Charset.String, ic.Collation.String
		if col.Binary {
			col.Charset, col.Collation = "binary", "binary"
		}
	}
	extra := strings.ToUpper(ic.Extra)
	switch {
	case strings.Contains(extra, "VIRTUAL"):
		col.Generated = event.GeneratedVirtual
	case strings.Contains(extra, "STORED") || strings.Contains(extra, "PERSISTENT"):
		col.Generated = event.GeneratedStored
	}
	col.AutoIncrement = strings.Contains(extra, "AUTO_INCREMENT")
	if col.Generated == event.NotGenerated {
		col.Default = infoDefault(ic.Default, mariadb)
	}
	return col, nil
}

// infoType maps information_schema.COLUMNS.DATA_TYPE to the model.
func infoType(dataType string) (tp event.Type, binary, ok bool) {
	switch dataType {
	case "tinyint", "bool", "boolean":
		return event.TypeTiny, false, true
	case "smallint":
		return event.TypeShort, false, true
	case "mediumint":
		return event.TypeInt24, false, true
	case "int", "integer":
		return event.TypeLong, false, true
	case "bigint":
		return event.TypeLongLong, false, true
	case "float":
		return event.TypeFloat, false, true
	case "double", "real", "double precision":
		return event.TypeDouble, false, true
	case "decimal", "numeric":
		return event.TypeDecimal, false, true
	case "bit":
		return event.TypeBit, false, true
	case "year":
		return event.TypeYear, false, true
	case "date":
		return event.TypeDate, false, true
	case "datetime":
		return event.TypeDatetime, false, true
	case "timestamp":
		return event.TypeTimestamp, false, true
	case "time":
		return event.TypeTime, false, true
	case "char":
		return event.TypeChar, false, true
	case "varchar":
		return event.TypeVarchar, false, true
	case "binary":
		return event.TypeChar, true, true
	case "varbinary":
		return event.TypeVarchar, true, true
	case "tinytext", "tinyblob":
		return event.TypeTinyText, dataType == "tinyblob", true
	case "text", "blob":
		return event.TypeText, dataType == "blob", true
	case "mediumtext", "mediumblob":
		return event.TypeMediumText, dataType == "mediumblob", true
	case "longtext", "longblob":
		return event.TypeLongText, dataType == "longblob", true
	case "enum":
		return event.TypeEnum, false, true
	case "set":
		return event.TypeSet, false, true
	case "json":
		return event.TypeJSON, false, true
	case "vector":
		return event.TypeVector, false, true
	}
	return event.TypeUnknown, false, false
}

// splitColumnType splits "decimal(10,2) unsigned zerofill" into the type
// name, its arguments (ENUM/SET members unquoted) and the trailing flags.
func splitColumnType(ct string) (name string, args []string, flags string) {
	open := strings.IndexByte(ct, '(')
	if open < 0 {
		name, flags, _ = strings.Cut(ct, " ")
		return name, nil, strings.ToLower(flags)
	}
	name = ct[:open]
	i := open + 1
	var cur strings.Builder
	inQuote := false
	for ; i < len(ct); i++ {
		c := ct[i]
		switch {
		case inQuote && c == '\'' && i+1 < len(ct) && ct[i+1] == '\'':
			cur.WriteByte('\'')
			i++
		case inQuote && c == '\\' && i+1 < len(ct):
			cur.WriteByte(ct[i+1])
			i++
		case c == '\'':
			inQuote = !inQuote
		case !inQuote && c == ',':
			args = append(args, cur.String())
			cur.Reset()
		case !inQuote && c == ')':
			args = append(args, cur.String())
			return name, args, strings.ToLower(strings.TrimSpace(ct[i+1:]))
		default:
			cur.WriteByte(c)
		}
	}
	return name, append(args, cur.String()), ""
}

// infoDefault normalises COLUMN_DEFAULT to what ParseDDL produces: MySQL
// shows literals bare and NULL as SQL NULL; MariaDB (10.2.7+) quotes string
// literals, writes "NULL" for a NULL default and current_timestamp() in
// lower case.
func infoDefault(d sql.NullString, mariadb bool) *string {
	if !d.Valid {
		return nil
	}
	s := d.String
	if mariadb {
		switch {
		case s == "NULL":
			return nil
		case len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'':
			s = unquoteSQL(s[1 : len(s)-1])
		case strings.HasPrefix(strings.ToLower(s), "current_timestamp"):
			fsp := strings.Trim(s[len("current_timestamp"):], "()")
			s = "CURRENT_TIMESTAMP"
			if fsp != "" {
				s += "(" + fsp + ")"
			}
		}
	}
	return &s
}

func unquoteSQL(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\'' && i+1 < len(s) && s[i+1] == '\'':
			b.WriteByte('\'')
			i++
		case s[i] == '\\' && i+1 < len(s):
			b.WriteByte(s[i+1])
			i++
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func atoi(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return -1
	}
	return n
}
