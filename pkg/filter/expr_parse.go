package filter

import (
	"fmt"
	"strings"

	"github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/opcode"
	"github.com/pingcap/tidb/pkg/parser/test_driver"
)

// parseExpr parses a row-value expression (the text of a WHERE clause) with
// the TiDB parser and checks that it only uses what the evaluator
// supports: column names, literals, comparisons (= <> != < <= > >= <=>),
// AND/OR/XOR/NOT, IN (list), BETWEEN, IS [NOT] NULL, IS [NOT] TRUE/FALSE
// and [NOT] LIKE/ILIKE with a literal pattern.
func parseExpr(text string) (ast.ExprNode, error) {
	stmt, err := parseOne("SELECT * FROM t WHERE " + text)
	if err != nil {
		return nil, syntaxError(err)
	}
	sel, ok := stmt.(*ast.SelectStmt)
	if !ok || sel.Where == nil || sel.GroupBy != nil || sel.Having != nil || sel.OrderBy != nil ||
		sel.Limit != nil || sel.LockInfo != nil || sel.WindowSpecs != nil {
		return nil, fmt.Errorf("syntax error: want a single boolean expression")
	}
	if err := checkSupported(sel.Where); err != nil {
		return nil, err
	}
	return sel.Where, nil
}

// parseOne runs the TiDB parser on one statement. The parser's test
// driver panics on some literals (e.g. decimals wider than 81 digits);
// that becomes an error here.
func parseOne(sql string) (stmt ast.StmtNode, err error) {
	defer func() {
		if r := recover(); r != nil {
			stmt, err = nil, fmt.Errorf("the SQL parser could not read this text (is a literal too long?)")
		}
	}()
	return parser.New().ParseOneStmt(sql, "", "")
}

// checkSupported walks the expression and reports the first construct the
// evaluator cannot run.
func checkSupported(n ast.ExprNode) error {
	switch e := n.(type) {
	case *ast.ColumnNameExpr:
		return nil
	case *test_driver.ValueExpr:
		_, err := literalValue(e)
		return err
	case *ast.ParenthesesExpr:
		return checkSupported(e.Expr)
	case *ast.UnaryOperationExpr:
		switch e.Op {
		case opcode.Not, opcode.Not2:
			return checkSupported(e.V)
		case opcode.Minus, opcode.Plus:
			if v, ok := e.V.(*test_driver.ValueExpr); ok {
				_, err := literalValue(v)
				return err
			}
		}
		return fmt.Errorf("operator %q is only supported as NOT or a sign on a number literal", opText(e.Op))
	case *ast.BinaryOperationExpr:
		switch e.Op {
		case opcode.EQ, opcode.NE, opcode.LT, opcode.LE, opcode.GT, opcode.GE, opcode.NullEQ,
			opcode.LogicAnd, opcode.LogicOr, opcode.LogicXor:
			return checkAll(e.L, e.R)
		}
		return fmt.Errorf("operator %q is not supported", opText(e.Op))
	case *ast.PatternInExpr:
		if e.Sel != nil {
			return fmt.Errorf("IN (subquery) is not supported")
		}
		return checkAll(append([]ast.ExprNode{e.Expr}, e.List...)...)
	case *ast.BetweenExpr:
		return checkAll(e.Expr, e.Left, e.Right)
	case *ast.IsNullExpr:
		return checkSupported(e.Expr)
	case *ast.IsTruthExpr:
		return checkSupported(e.Expr)
	case *ast.PatternLikeOrIlikeExpr:
		if _, ok := e.Pattern.(*test_driver.ValueExpr); !ok {
			return fmt.Errorf("LIKE needs a string literal pattern")
		}
		return checkSupported(e.Expr)
	case *ast.FuncCallExpr:
		return fmt.Errorf("function %s() is not supported", e.FnName.O)
	case *ast.AggregateFuncExpr:
		return fmt.Errorf("function %s() is not supported", e.F)
	case *ast.SubqueryExpr, *ast.ExistsSubqueryExpr, *ast.CompareSubqueryExpr:
		return fmt.Errorf("subqueries are not supported")
	}
	return fmt.Errorf("%s is not supported", nodeName(n))
}

func checkAll(nodes ...ast.ExprNode) error {
	for _, n := range nodes {
		if err := checkSupported(n); err != nil {
			return err
		}
	}
	return nil
}

func opText(op opcode.Op) string {
	var b strings.Builder
	op.Format(&b)
	return strings.TrimSpace(b.String())
}

// nodeName names an unsupported AST node for an error message.
func nodeName(n ast.ExprNode) string {
	switch n.(type) {
	case *ast.CaseExpr:
		return "CASE"
	case *ast.PatternRegexpExpr:
		return "REGEXP"
	case *ast.RowExpr:
		return "a row expression"
	case *ast.VariableExpr:
		return "a variable"
	case *ast.DefaultExpr:
		return "DEFAULT"
	}
	name := fmt.Sprintf("%T", n)
	return strings.TrimPrefix(strings.TrimPrefix(name, "*ast."), "*test_driver.")
}

// syntaxError rewrites a TiDB parser error without its position, which
// counts the SELECT the expression was wrapped in.
func syntaxError(err error) error {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	if i := strings.LastIndex(msg, " near \""); i >= 0 {
		near := strings.TrimSpace(msg[i+len(" near "):])
		if near == `""` {
			return fmt.Errorf("syntax error at the end of the expression")
		}
		return fmt.Errorf("syntax error near %s", near)
	}
	return fmt.Errorf("syntax error: %s", msg)
}
