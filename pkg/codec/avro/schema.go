package avro

import (
	"fmt"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// Extension field names (spec §1.6).
const (
	fieldOp           = "_tidb_op"
	fieldCommitTs     = "_tidb_commit_ts"
	fieldPhysicalTime = "_tidb_commit_physical_time"
)

// appendSchema appends the compact JSON of a record schema, byte-for-byte
// as TiCDC's encoding/json output: top-level keys type, name, namespace,
// fields; field keys default, name, type (a Go map, so alphabetical); type
// keys type, connect.parameters, then logicalType, precision, scale.
func appendSchema(dst []byte, t *event.Table, ns string, fields []field, extension bool) []byte {
	dst = append(dst, `{"type":"record","name":`...)
	dst = append(dst, jsonText(SanitizeName(t.Name))...)
	dst = append(dst, `,"namespace":`...)
	dst = append(dst, jsonText(ns)...)
	dst = append(dst, `,"fields":[`...)
	for i := range fields {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = fields[i].appendJSON(dst)
	}
	if extension {
		if len(fields) > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"default":"","name":"`+fieldOp+`","type":"string"},`+
			`{"default":0,"name":"`+fieldCommitTs+`","type":"long"},`+
			`{"default":0,"name":"`+fieldPhysicalTime+`","type":"long"}`...)
	}
	return append(dst, "]}"...)
}

func (f *field) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	if f.defaultJSON != "" {
		dst = append(dst, `"default":`...)
		dst = append(dst, f.defaultJSON...)
		dst = append(dst, ',')
	}
	dst = append(dst, `"name":`...)
	dst = append(dst, jsonText(f.name)...)
	dst = append(dst, `,"type":`...)
	switch {
	case !f.nullable:
		dst = f.appendType(dst)
	case f.nullFirst:
		dst = append(dst, `["null",`...)
		dst = f.appendType(dst)
		dst = append(dst, ']')
	default:
		dst = append(dst, '[')
		dst = f.appendType(dst)
		dst = append(dst, `,"null"]`...)
	}
	return append(dst, '}')
}

func (f *field) appendType(dst []byte) []byte {
	dst = append(dst, `{"type":"`...)
	dst = append(dst, f.avroType...)
	dst = append(dst, `","connect.parameters":{`...)
	if f.hasAllowed {
		dst = append(dst, `"allowed":`...)
		dst = append(dst, jsonText(f.allowed)...)
		dst = append(dst, ',')
	}
	if f.op == opBit {
		dst = append(dst, `"length":`...)
		dst = append(dst, jsonText(fmt.Sprint(f.bitLen))...)
		dst = append(dst, ',')
	}
	dst = append(dst, `"tidb_type":`...)
	dst = append(dst, jsonText(f.tidbType)...)
	dst = append(dst, '}')
	if f.logical {
		dst = append(dst, fmt.Sprintf(`,"logicalType":"decimal","precision":%d,"scale":%d`, f.precision, f.scale)...)
	}
	return append(dst, '}')
}
