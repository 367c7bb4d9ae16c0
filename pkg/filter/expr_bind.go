package filter

import (
	"fmt"
	"time"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/opcode"
	"github.com/pingcap/tidb/pkg/parser/test_driver"
)

// binder compiles a checked expression for one table version.
type binder struct {
	t   *event.Table
	loc *time.Location
}

func (b binder) bind(n ast.ExprNode) (node, error) {
	switch e := n.(type) {
	case *ast.ColumnNameExpr:
		idx := b.t.ColumnIndex(e.Name.Name.O)
		if idx < 0 {
			return nil, fmt.Errorf("cannot find column %q in table %s", e.Name.Name.O, b.t.QualifiedName())
		}
		return columnNode{c: newColumn(idx, &b.t.Columns[idx], b.loc)}, nil
	case *test_driver.ValueExpr:
		v, err := literalValue(e)
		return constNode{v: v}, err
	case *ast.ParenthesesExpr:
		return b.bind(e.Expr)
	case *ast.UnaryOperationExpr:
		return b.bindUnary(e)
	case *ast.BinaryOperationExpr:
		l, r, err := b.bind2(e.L, e.R)
		if err != nil {
			return nil, err
		}
		switch e.Op {
		case opcode.LogicAnd, opcode.LogicOr, opcode.LogicXor:
			return logicNode{op: e.Op, l: l, r: r}, nil
		}
		return compareNode{op: e.Op, l: l, r: r}, nil
	case *ast.PatternInExpr:
		return b.bindIn(e)
	case *ast.BetweenExpr:
		return b.bindBetween(e)
	case *ast.IsNullExpr:
		x, err := b.bind(e.Expr)
		return isNullNode{e: x, not: e.Not}, err
	case *ast.IsTruthExpr:
		x, err := b.bind(e.Expr)
		return isTruthNode{e: x, want: int(e.True), not: e.Not}, err
	case *ast.PatternLikeOrIlikeExpr:
		x, err := b.bind(e.Expr)
		if err != nil {
			return nil, err
		}
		pat, _ := literalValue(e.Pattern.(*test_driver.ValueExpr)) // checked by parseExpr
		return likeNode{e: x, toks: compileLike(decimalText(pat), rune(e.Escape)), not: e.Not, ilike: !e.IsLike}, nil
	}
	return nil, checkSupported(n)
}

func (b binder) bind2(l, r ast.ExprNode) (node, node, error) {
	x, err := b.bind(l)
	if err != nil {
		return nil, nil, err
	}
	y, err := b.bind(r)
	return x, y, err
}

func (b binder) bindUnary(e *ast.UnaryOperationExpr) (node, error) {
	if e.Op == opcode.Not || e.Op == opcode.Not2 {
		x, err := b.bind(e.V)
		return notNode{e: x}, err
	}
	v, err := literalValue(e.V.(*test_driver.ValueExpr)) // checked by parseExpr
	if err != nil || e.Op == opcode.Plus {
		return constNode{v: v}, err
	}
	v, err = negate(v)
	return constNode{v: v}, err
}

func (b binder) bindIn(e *ast.PatternInExpr) (node, error) {
	x, err := b.bind(e.Expr)
	if err != nil {
		return nil, err
	}
	n := inNode{e: x, not: e.Not, list: make([]node, len(e.List))}
	for i, item := range e.List {
		if n.list[i], err = b.bind(item); err != nil {
			return nil, err
		}
	}
	return n, nil
}

func (b binder) bindBetween(e *ast.BetweenExpr) (node, error) {
	x, err := b.bind(e.Expr)
	if err != nil {
		return nil, err
	}
	lo, hi, err := b.bind2(e.Left, e.Right)
	if err != nil {
		return nil, err
	}
	var n node = logicNode{op: opcode.LogicAnd,
		l: compareNode{op: opcode.GE, l: x, r: lo},
		r: compareNode{op: opcode.LE, l: x, r: hi}}
	if e.Not {
		n = notNode{e: n}
	}
	return n, nil
}
