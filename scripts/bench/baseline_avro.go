package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/go-mysql-org/go-mysql/schema"
	"github.com/linkedin/goavro/v2"
	"github.com/riferrei/srclient"
)

// naiveTable is what the naive pipeline keeps per table: goavro codecs for
// the key (primary key columns) and the value (every column, nullable),
// their registry ids and the Avro type of each column.
type naiveTable struct {
	topic            string
	table            *schema.Table
	types            []string // Avro type per column
	keyCodec, vCodec *goavro.Codec
	keyID, valueID   int
}

// avroType maps a canal column type to the Avro type a user would pick.
func avroType(c *schema.TableColumn) string {
	switch c.Type {
	case schema.TYPE_NUMBER, schema.TYPE_MEDIUM_INT:
		return "long"
	case schema.TYPE_FLOAT:
		return "double"
	case schema.TYPE_BINARY:
		return "bytes"
	}
	return "string" // decimals, temporals, text: as canal renders them
}

type avroField struct {
	Name    string `json:"name"`
	Type    any    `json:"type"`
	Default any    `json:"default,omitempty"`
}

func recordSchema(name string, fields []avroField) string {
	b, _ := json.Marshal(map[string]any{"type": "record", "name": name, "fields": fields})
	return string(b)
}

// newNaiveTable builds the codecs of t and registers their schemas.
func newNaiveTable(reg *srclient.SchemaRegistryClient, t *schema.Table) (*naiveTable, error) {
	nt := &naiveTable{topic: "tidb_" + t.Schema + "_" + t.Name, table: t}
	var keyFields, valueFields []avroField
	for i := range t.Columns {
		c := &t.Columns[i]
		typ := avroType(c)
		nt.types = append(nt.types, typ)
		valueFields = append(valueFields, avroField{Name: c.Name, Type: []string{"null", typ}})
	}
	for _, i := range t.PKColumns {
		keyFields = append(keyFields, avroField{Name: t.Columns[i].Name, Type: nt.types[i]})
	}
	var err error
	keySchema, valueSchema := recordSchema(t.Name+"_key", keyFields), recordSchema(t.Name, valueFields)
	if nt.keyCodec, err = goavro.NewCodec(keySchema); err != nil {
		return nil, fmt.Errorf("%s key schema: %w", t, err)
	}
	if nt.vCodec, err = goavro.NewCodec(valueSchema); err != nil {
		return nil, fmt.Errorf("%s value schema: %w", t, err)
	}
	ks, err := reg.CreateSchema(nt.topic+"-key", keySchema, srclient.Avro)
	if err != nil {
		return nil, fmt.Errorf("register %s key schema: %w", t, err)
	}
	vs, err := reg.CreateSchema(nt.topic+"-value", valueSchema, srclient.Avro)
	if err != nil {
		return nil, fmt.Errorf("register %s value schema: %w", t, err)
	}
	nt.keyID, nt.valueID = ks.ID(), vs.ID()
	return nt, nil
}

// encode builds the row's key and value the way TiCDC's own Avro encoder
// does: a map per row, every nullable value wrapped by goavro.Union, then
// goavro's BinaryFromNative and the Confluent framing. A nil value is the
// tombstone of a delete.
func (nt *naiveTable) encode(row []any, del bool) (key, value []byte, err error) {
	keyNative := make(map[string]any, len(nt.table.PKColumns))
	for _, i := range nt.table.PKColumns {
		keyNative[nt.table.Columns[i].Name] = native(nt.types[i], row[i])
	}
	body, err := nt.keyCodec.BinaryFromNative(nil, keyNative)
	if err != nil {
		return nil, nil, fmt.Errorf("%s key: %w", nt.table, err)
	}
	key = frame(nt.keyID, body)
	if del {
		return key, nil, nil
	}
	valueNative := make(map[string]any, len(row))
	for i, v := range row {
		name := nt.table.Columns[i].Name
		if v == nil {
			valueNative[name] = goavro.Union("null", nil)
			continue
		}
		valueNative[name] = goavro.Union(nt.types[i], native(nt.types[i], v))
	}
	if body, err = nt.vCodec.BinaryFromNative(nil, valueNative); err != nil {
		return nil, nil, fmt.Errorf("%s value: %w", nt.table, err)
	}
	return key, frame(nt.valueID, body), nil
}

// native converts a canal value to the Go type goavro wants for typ.
func native(typ string, v any) any {
	switch typ {
	case "long":
		switch x := v.(type) {
		case int8:
			return int64(x)
		case int16:
			return int64(x)
		case int32:
			return int64(x)
		case int64:
			return x
		case int:
			return int64(x)
		case uint8:
			return int64(x)
		case uint16:
			return int64(x)
		case uint32:
			return int64(x)
		case uint64:
			return int64(x)
		}
	case "double":
		switch x := v.(type) {
		case float32:
			return float64(x)
		case float64:
			return x
		}
	case "bytes":
		switch x := v.(type) {
		case []byte:
			return x
		case string:
			return []byte(x)
		}
	}
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return fmt.Sprint(v)
}

// frame prepends the Confluent wire header: magic byte 0, schema id.
func frame(id int, body []byte) []byte {
	out := make([]byte, 5, 5+len(body))
	binary.BigEndian.PutUint32(out[1:], uint32(id))
	return append(out, body...)
}
