package avro

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// ValueError reports a value that does not fit its column: out of range,
// invalid UTF-8 in a text column, a decimal that overflows its precision, a
// malformed temporal text. The message names table, column and value.
type ValueError struct {
	Table  string // "db.table"
	Column string
	Value  string // the offending value, rendered for humans
	Reason string
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("table %s: column %s: value %s: %s", e.Table, e.Column, e.Value, e.Reason)
}

// valueError builds a ValueError for the value v of field f of table t.
func valueError(t *event.Table, f *field, v *event.Value, reason string) error {
	return &ValueError{Table: t.QualifiedName(), Column: f.col.Name, Value: renderValue(f, v), Reason: reason}
}

func renderValue(f *field, v *event.Value) string {
	switch f.op {
	case opInt, opLong, opYear:
		return strconv.FormatInt(v.Int, 10)
	case opIntU, opLongU32, opLongU64, opStringU64, opEnum, opTimestamp:
		return strconv.FormatUint(v.Uint(), 10)
	case opSet, opBit:
		return "0x" + strconv.FormatUint(v.Uint(), 16)
	case opFloat, opDouble:
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	}
	const maxLen = 64
	b := v.Bytes
	suffix := ""
	if len(b) > maxLen {
		b, suffix = b[:maxLen], "…"
	}
	if utf8.Valid(b) && f.op != opBytes {
		return strconv.Quote(string(b)) + suffix
	}
	return fmt.Sprintf("0x%x%s", b, suffix)
}
