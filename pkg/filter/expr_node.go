package filter

import (
	"strconv"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/pingcap/tidb/pkg/parser/opcode"
)

// node is a compiled expression bound to one table version.
type node interface {
	eval(row []event.Value) value
}

type constNode struct{ v value }

func (n constNode) eval([]event.Value) value { return n.v }

type columnNode struct{ c column }

func (n columnNode) eval(row []event.Value) value { return n.c.read(row) }

type compareNode struct {
	op   opcode.Op
	l, r node
}

func (n compareNode) eval(row []event.Value) value {
	a, b := n.l.eval(row), n.r.eval(row)
	if n.op == opcode.NullEQ {
		if a.k == vNull || b.k == vNull {
			return boolValue(a.k == vNull && b.k == vNull)
		}
	}
	c, ok := compare(a, b)
	if !ok {
		return value{}
	}
	switch n.op {
	case opcode.EQ, opcode.NullEQ:
		return boolValue(c == 0)
	case opcode.NE:
		return boolValue(c != 0)
	case opcode.LT:
		return boolValue(c < 0)
	case opcode.LE:
		return boolValue(c <= 0)
	case opcode.GT:
		return boolValue(c > 0)
	}
	return boolValue(c >= 0) // GE
}

// truth is SQL three-valued truth: 1 true, 0 false, -1 NULL.
func truth(v value) int {
	switch v.k {
	case vNull:
		return -1
	case vInt:
		return b2i(v.i != 0)
	case vUint, vSet:
		return b2i(v.u != 0)
	case vFloat:
		return b2i(v.f != 0)
	case vEnum:
		return b2i(v.i != 0)
	case vTime, vDuration:
		return b2i(v.i != 0)
	case vDecimal:
		return b2i(compareDecimals(v.s, "0") != 0)
	}
	return b2i(parseFloatPrefix(v.s) != 0)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func fromTruth(t int) value {
	if t < 0 {
		return value{}
	}
	return boolValue(t == 1)
}

type logicNode struct {
	op   opcode.Op // LogicAnd, LogicOr, LogicXor
	l, r node
}

func (n logicNode) eval(row []event.Value) value {
	a := truth(n.l.eval(row))
	switch n.op {
	case opcode.LogicAnd:
		if a == 0 {
			return boolValue(false)
		}
		b := truth(n.r.eval(row))
		if b == 0 {
			return boolValue(false)
		}
		if a < 0 || b < 0 {
			return value{}
		}
		return boolValue(true)
	case opcode.LogicOr:
		if a == 1 {
			return boolValue(true)
		}
		b := truth(n.r.eval(row))
		if b == 1 {
			return boolValue(true)
		}
		if a < 0 || b < 0 {
			return value{}
		}
		return boolValue(false)
	}
	b := truth(n.r.eval(row))
	if a < 0 || b < 0 {
		return value{}
	}
	return boolValue(a != b)
}

type notNode struct{ e node }

func (n notNode) eval(row []event.Value) value {
	t := truth(n.e.eval(row))
	if t < 0 {
		return value{}
	}
	return boolValue(t == 0)
}

type inNode struct {
	e    node
	list []node
	not  bool
}

func (n inNode) eval(row []event.Value) value {
	v := n.e.eval(row)
	if v.k == vNull {
		return value{}
	}
	sawNull := false
	for _, item := range n.list {
		c, ok := compare(v, item.eval(row))
		if !ok {
			sawNull = true
			continue
		}
		if c == 0 {
			return boolValue(!n.not)
		}
	}
	if sawNull {
		return value{}
	}
	return boolValue(n.not)
}

type isNullNode struct {
	e   node
	not bool
}

func (n isNullNode) eval(row []event.Value) value {
	return boolValue((n.e.eval(row).k == vNull) != n.not)
}

type isTruthNode struct {
	e    node
	want int // 1 for IS TRUE, 0 for IS FALSE
	not  bool
}

func (n isTruthNode) eval(row []event.Value) value {
	return boolValue((truth(n.e.eval(row)) == n.want) != n.not)
}

type likeNode struct {
	e     node
	toks  []likeToken
	not   bool
	ilike bool
}

func (n likeNode) eval(row []event.Value) value {
	v := n.e.eval(row)
	if v.k == vNull {
		return value{}
	}
	var buf [32]byte
	s := v.s
	switch v.k {
	case vInt:
		s = view(strconv.AppendInt(buf[:0], v.i, 10))
	case vUint:
		s = view(strconv.AppendUint(buf[:0], v.u, 10))
	case vFloat:
		s = view(strconv.AppendFloat(buf[:0], v.f, 'g', -1, 64))
	case vEnum, vSet:
		// the member names
	case vTime, vDuration:
		s = strconv.FormatInt(v.i, 10)
	}
	ci := n.ilike || v.ci != ciNo
	return boolValue(matchLike(n.toks, s, ci) != n.not)
}
