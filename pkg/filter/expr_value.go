package filter

import (
	"fmt"
	"strings"
	"time"
	"unsafe"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/pingcap/tidb/pkg/parser/test_driver"
)

// vkind is the runtime type of an expression value.
type vkind uint8

const (
	vNull     vkind = iota
	vInt            // i
	vUint           // u
	vFloat          // f
	vDecimal        // s: decimal text
	vString         // s, with collation flag ci
	vTime           // i: packed date-time (see packTime)
	vDuration       // i: microseconds
	vEnum           // i: 1-based index, s: member name
	vSet            // u: bitmask, s: members joined by ","
)

// Collation of a string value.
const (
	ciLiteral int8 = -1 // a literal: takes the other side's collation
	ciNo      int8 = 0  // binary or _bin: case matters
	ciYes     int8 = 1  // a _ci collation: case does not matter
)

// value is one value during evaluation. s may view a row's bytes; it is
// never kept beyond the evaluation.
type value struct {
	k  vkind
	ci int8
	i  int64
	u  uint64
	f  float64
	s  string
}

func boolValue(b bool) value {
	if b {
		return value{k: vInt, i: 1}
	}
	return value{k: vInt}
}

// literalValue converts a parser literal.
func literalValue(e *test_driver.ValueExpr) (value, error) {
	switch e.Kind() {
	case test_driver.KindNull:
		return value{}, nil
	case test_driver.KindInt64:
		return value{k: vInt, i: e.GetInt64()}, nil
	case test_driver.KindUint64:
		return value{k: vUint, u: e.GetUint64()}, nil
	case test_driver.KindFloat32, test_driver.KindFloat64:
		return value{k: vFloat, f: e.GetFloat64()}, nil
	case test_driver.KindString, test_driver.KindBytes:
		return value{k: vString, ci: ciLiteral, s: e.GetString()}, nil
	case test_driver.KindMysqlDecimal:
		return value{k: vDecimal, s: e.GetMysqlDecimal().String()}, nil
	}
	return value{}, fmt.Errorf("literal %s is not supported", strings.TrimSpace(restoreLiteral(e)))
}

func restoreLiteral(e *test_driver.ValueExpr) string {
	var b strings.Builder
	e.Format(&b)
	return b.String()
}

// negate applies a unary minus to a number literal.
func negate(v value) (value, error) {
	switch v.k {
	case vInt:
		return value{k: vInt, i: -v.i}, nil
	case vUint:
		if v.u <= 1<<63 {
			return value{k: vInt, i: int64(-v.u)}, nil
		}
		return value{k: vFloat, f: -float64(v.u)}, nil
	case vFloat:
		return value{k: vFloat, f: -v.f}, nil
	case vDecimal:
		if strings.HasPrefix(v.s, "-") {
			return value{k: vDecimal, s: v.s[1:]}, nil
		}
		return value{k: vDecimal, s: "-" + v.s}, nil
	}
	return v, fmt.Errorf("a sign only applies to a number literal")
}

// column reads one column of a row as an expression value.
type column struct {
	idx int
	col *event.Column
	ci  int8
	loc *time.Location
}

func newColumn(idx int, c *event.Column, loc *time.Location) column {
	ci := ciNo
	if !c.Binary && !strings.HasSuffix(strings.ToLower(c.Collation), "_bin") && c.Type != event.TypeJSON {
		ci = ciYes
	}
	return column{idx: idx, col: c, ci: ci, loc: loc}
}

func (c column) read(row []event.Value) value {
	if c.idx >= len(row) || row[c.idx].Null {
		return value{}
	}
	v := &row[c.idx]
	t := c.col.Type
	switch {
	case t.IsInteger() && c.col.Unsigned, t == event.TypeBit:
		return value{k: vUint, u: v.Uint()}
	case t.IsInteger(), t == event.TypeYear:
		return value{k: vInt, i: v.Int}
	case t == event.TypeFloat, t == event.TypeDouble:
		return value{k: vFloat, f: v.Float}
	case t == event.TypeDecimal:
		return value{k: vDecimal, s: view(v.Bytes)}
	case t == event.TypeDate, t == event.TypeDatetime:
		if p, ok := parseTimeText(view(v.Bytes)); ok {
			return value{k: vTime, i: p}
		}
		return value{k: vString, ci: ciNo, s: view(v.Bytes)}
	case t == event.TypeTimestamp:
		return value{k: vTime, i: packTimestamp(v.Int, c.loc)}
	case t == event.TypeTime:
		if d, ok := parseDurationText(view(v.Bytes)); ok {
			return value{k: vDuration, i: d}
		}
		return value{k: vString, ci: ciNo, s: view(v.Bytes)}
	case t == event.TypeEnum:
		name := ""
		if v.Int >= 1 && int(v.Int) <= len(c.col.Elems) {
			name = c.col.Elems[v.Int-1]
		}
		return value{k: vEnum, ci: c.ci, i: v.Int, s: name}
	case t == event.TypeSet:
		return value{k: vSet, ci: c.ci, u: v.Uint(), s: setText(c.col.Elems, v.Uint())}
	}
	return value{k: vString, ci: c.ci, s: view(v.Bytes)}
}

// view returns b as a string without copying; the string must not outlive
// the row.
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

func setText(elems []string, mask uint64) string {
	if mask == 0 {
		return ""
	}
	var b strings.Builder
	for i, e := range elems {
		if i < 64 && mask&(1<<uint(i)) != 0 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(e)
		}
	}
	return b.String()
}
