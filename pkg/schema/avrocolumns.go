package schema

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// AvroModes are the TiCDC codec modes a registered schema was written in,
// as far as its fields show them, with the sink-URI values of
// avro-decimal-handling-mode ("precise", "string") and
// avro-bigint-unsigned-handling-mode ("long", "string"); "" where no column
// tells.
type AvroModes struct {
	Decimal        string
	BigintUnsigned string
}

// isAvroExtraField reports the field names TiCDC appends to value records
// after the table's columns (spec ticdc.md §1.6, §1.14); they are not
// columns.
func isAvroExtraField(name string) bool {
	switch name {
	case "_tidb_op", "_tidb_commit_ts", "_tidb_commit_physical_time",
		"_tidb_row_level_checksum", "_tidb_corrupted", "_tidb_checksum_version", "_ticdc_before":
		return true
	}
	return false
}

type avroRecord struct {
	Type      string      `json:"type"`
	Name      string      `json:"name"`
	Namespace string      `json:"namespace"`
	Fields    []avroField `json:"fields"`
}

type avroField struct {
	Name    string          `json:"name"`
	Type    json.RawMessage `json:"type"`
	Default json.RawMessage `json:"default"`
}

type avroType struct {
	Type        string            `json:"type"`
	Params      map[string]string `json:"connect.parameters"`
	LogicalType string            `json:"logicalType"`
	Precision   int               `json:"precision"`
	Scale       int               `json:"scale"`
}

// TableFromAvro rebuilds a table definition from the key and value schemas
// TiCDC registered for it (spec ticdc.md §1.2–1.5): the record name is the
// table, the namespace "<changefeed namespace>.<db>" gives the database,
// each value field is a column whose MySQL type comes from its Avro type
// and connect.parameters.tidb_type, and the key fields are the handle key.
//
// What the schemas do not carry is filled conservatively: DECIMAL in string
// mode becomes DECIMAL(65,30) and DATETIME/TIMESTAMP/TIME get fsp 6, so no
// downstream type built from the table truncates a value; integer widths
// below INT and string lengths are unknown (-1). Column names are the Avro
// field names, i.e. the MySQL names after TiCDC's sanitising.
func TableFromAvro(keySchema, valueSchema []byte) (*event.Table, AvroModes, error) {
	var modes AvroModes
	var value avroRecord
	if err := json.Unmarshal(valueSchema, &value); err != nil {
		return nil, modes, fmt.Errorf("value schema: %w", err)
	}
	if value.Type != "record" || value.Name == "" {
		return nil, modes, fmt.Errorf("value schema: want a named record, got type %q name %q", value.Type, value.Name)
	}
	ns, db, ok := strings.Cut(value.Namespace, ".")
	if !ok || ns == "" || db == "" {
		return nil, modes, fmt.Errorf("value schema %s: namespace %q is not TiCDC's \"<namespace>.<database>\"", value.Name, value.Namespace)
	}
	t := &event.Table{Schema: db, Name: value.Name, Version: 1}
	for _, f := range value.Fields {
		if isAvroExtraField(f.Name) {
			continue
		}
		col, err := avroColumn(f, &modes)
		if err != nil {
			return nil, modes, fmt.Errorf("value schema %s: field %s: %w", t.QualifiedName(), f.Name, err)
		}
		t.Columns = append(t.Columns, col)
	}
	if len(t.Columns) == 0 {
		return nil, modes, fmt.Errorf("value schema %s: no columns", t.QualifiedName())
	}
	key, err := avroKey(keySchema, t)
	if err != nil {
		return nil, modes, err
	}
	t.Indexes = []event.Index{{Name: "avro_key", Columns: key, Unique: true, ID: 1}}
	t.ComputeKeys()
	if !t.Eligible() {
		return nil, modes, fmt.Errorf("key schema %s: key fields %s are not NOT NULL columns of the value schema",
			t.QualifiedName(), strings.Join(key, ", "))
	}
	return t, modes, nil
}

// avroKey returns the field names of the key record, checking that it
// names the same record as the value and that every field is a column.
func avroKey(keySchema []byte, t *event.Table) ([]string, error) {
	if len(bytes.TrimSpace(keySchema)) == 0 {
		return nil, fmt.Errorf("key schema %s: missing; TiCDC registers one for every replicated table", t.QualifiedName())
	}
	var key avroRecord
	if err := json.Unmarshal(keySchema, &key); err != nil {
		return nil, fmt.Errorf("key schema %s: %w", t.QualifiedName(), err)
	}
	if key.Type != "record" || key.Name != t.Name {
		return nil, fmt.Errorf("key schema %s: want record %q, got type %q name %q", t.QualifiedName(), t.Name, key.Type, key.Name)
	}
	if len(key.Fields) == 0 {
		return nil, fmt.Errorf("key schema %s: no fields", t.QualifiedName())
	}
	names := make([]string, len(key.Fields))
	for i, f := range key.Fields {
		if t.ColumnIndex(f.Name) < 0 {
			return nil, fmt.Errorf("key schema %s: field %s is not in the value schema", t.QualifiedName(), f.Name)
		}
		names[i] = f.Name
	}
	return names, nil
}

// avroColumn converts one value field.
func avroColumn(f avroField, modes *AvroModes) (event.Column, error) {
	col := event.Column{Name: f.Name, Length: -1, Precision: -1, Scale: -1}
	typ, nullable, err := unwrapUnion(f.Type)
	if err != nil {
		return col, err
	}
	col.Nullable = nullable
	if err := setAvroType(&col, typ, modes); err != nil {
		return col, err
	}
	def, err := avroDefault(f.Default, &col)
	if err != nil {
		return col, fmt.Errorf("default %s: %w", f.Default, err)
	}
	col.Default = def
	return col, nil
}

// unwrapUnion returns the non-null branch of ["null",T] or [T,"null"], or
// the type itself.
func unwrapUnion(raw json.RawMessage) (avroType, bool, error) {
	var t avroType
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var branches []json.RawMessage
		if err := json.Unmarshal(raw, &branches); err != nil {
			return t, false, err
		}
		var inner json.RawMessage
		for _, b := range branches {
			if string(bytes.TrimSpace(b)) == `"null"` {
				continue
			}
			if inner != nil {
				return t, false, fmt.Errorf("union %s has more than one non-null branch", raw)
			}
			inner = b
		}
		if len(branches) != 2 || inner == nil {
			return t, false, fmt.Errorf("union %s is not [\"null\", T]", raw)
		}
		t, _, err := unwrapUnion(inner)
		return t, true, err
	}
	if len(raw) > 0 && raw[0] == '"' {
		if err := json.Unmarshal(raw, &t.Type); err != nil {
			return t, false, err
		}
		return t, false, nil
	}
	if err := json.Unmarshal(raw, &t); err != nil {
		return t, false, err
	}
	return t, false, nil
}

// avroDefault turns a field default back into the text MySQL would show.
func avroDefault(raw json.RawMessage, col *event.Column) (*string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var s string
	if raw[0] != '"' {
		s = string(raw) // a number
		return &s, nil
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, err
	}
	switch {
	case col.Type == event.TypeBit:
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, err
		}
		s = new(big.Int).SetBytes(b).String()
	case col.Binary:
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, err
		}
		s = string(b)
	}
	return &s, nil
}

// setAvroType sets the MySQL type of col from its Avro type and tidb_type
// (spec ticdc.md §1.4) and records the codec modes it reveals.
func setAvroType(col *event.Column, t avroType, modes *AvroModes) error {
	tidb, ok := t.Params["tidb_type"]
	if !ok {
		return fmt.Errorf("no connect.parameters.tidb_type: not a schema written by TiCDC")
	}
	want := func(avroTypes ...string) error {
		for _, a := range avroTypes {
			if t.Type == a {
				return nil
			}
		}
		return fmt.Errorf("tidb_type %s with Avro type %q", tidb, t.Type)
	}
	var err error
	switch tidb {
	case "INT":
		col.Type, err = event.TypeLong, want("int")
	case "INT UNSIGNED":
		col.Unsigned = true
		col.Type, err = event.TypeInt24, want("int", "long")
		if t.Type == "long" {
			col.Type = event.TypeLong
		}
	case "BIGINT":
		col.Type, err = event.TypeLongLong, want("long")
	case "BIGINT UNSIGNED":
		col.Type, col.Unsigned, err = event.TypeLongLong, true, want("long", "string")
		modes.BigintUnsigned = "long"
		if t.Type == "string" {
			modes.BigintUnsigned = "string"
		}
	case "FLOAT":
		col.Type, err = event.TypeFloat, want("float", "double")
	case "DOUBLE":
		col.Type, err = event.TypeDouble, want("double")
	case "DECIMAL":
		col.Type, err = event.TypeDecimal, want("bytes", "string")
		col.Precision, col.Scale = 65, 30 // string mode: the widest DECIMAL
		modes.Decimal = "string"
		if t.Type == "bytes" {
			if t.LogicalType != "decimal" || t.Precision < 1 {
				return fmt.Errorf("DECIMAL as bytes without the decimal logical type")
			}
			col.Precision, col.Scale = t.Precision, t.Scale
			modes.Decimal = "precise"
		}
	case "BIT":
		col.Type, err = event.TypeBit, want("bytes")
		if _, scanErr := fmt.Sscan(t.Params["length"], &col.Length); scanErr != nil {
			return fmt.Errorf("BIT without a numeric connect.parameters.length")
		}
	case "TEXT":
		col.Type, err = event.TypeText, want("string")
	case "BLOB":
		col.Type, col.Binary, col.Charset, err = event.TypeText, true, "binary", want("bytes")
	case "ENUM", "SET":
		col.Type, err = event.TypeEnum, want("string")
		if tidb == "SET" {
			col.Type = event.TypeSet
		}
		col.Elems = splitAllowed(t.Params["allowed"])
	case "JSON":
		col.Type, err = event.TypeJSON, want("string")
	case "TiDBVECTORFloat32":
		col.Type, err = event.TypeVector, want("string")
	case "DATE":
		col.Type, err = event.TypeDate, want("string")
	case "DATETIME", "TIMESTAMP", "TIME":
		col.Type, col.Scale, err = event.TypeDatetime, 6, want("string")
		switch tidb {
		case "TIMESTAMP":
			col.Type = event.TypeTimestamp
		case "TIME":
			col.Type = event.TypeTime
		}
	case "YEAR":
		col.Type, err = event.TypeYear, want("int")
	default:
		return fmt.Errorf("unknown tidb_type %q", tidb)
	}
	return err
}

// splitAllowed splits connect.parameters.allowed at the commas that are
// not escaped as "\,".
func splitAllowed(s string) []string {
	if s == "" {
		return []string{""}
	}
	var elems []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == ',':
			cur.WriteByte(',')
			i++
		case s[i] == ',':
			elems = append(elems, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(s[i])
		}
	}
	return append(elems, cur.String())
}
