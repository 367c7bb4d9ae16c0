package schema

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/format"
	"github.com/pingcap/tidb/pkg/parser/opcode"
	"github.com/pingcap/tidb/pkg/parser/test_driver"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// defaultString renders a DEFAULT expression the way MySQL's
// information_schema.COLUMNS.COLUMN_DEFAULT shows it: literals unquoted,
// NULL as nil, CURRENT_TIMESTAMP[(fsp)] by name, BIT defaults as b'…',
// other expressions as their SQL text.
func defaultString(expr ast.ExprNode, tp event.Type) (*string, error) {
	s, isNull, err := defaultText(expr, tp)
	if err != nil || isNull {
		return nil, err
	}
	return &s, nil
}

func defaultText(expr ast.ExprNode, tp event.Type) (string, bool, error) {
	switch e := expr.(type) {
	case *test_driver.ValueExpr:
		return literalText(e, tp)
	case *ast.UnaryOperationExpr:
		if v, ok := e.V.(*test_driver.ValueExpr); ok && (e.Op == opcode.Minus || e.Op == opcode.Plus) {
			s, isNull, err := literalText(v, tp)
			if err != nil || isNull {
				return s, isNull, err
			}
			if e.Op == opcode.Minus {
				s = negate(s)
			}
			return s, false, nil
		}
	case *ast.FuncCallExpr:
		if e.FnName.L == ast.CurrentTimestamp {
			if len(e.Args) == 1 {
				if fsp, ok := e.Args[0].(*test_driver.ValueExpr); ok {
					return fmt.Sprintf("CURRENT_TIMESTAMP(%v)", fsp.GetValue()), false, nil
				}
			}
			return "CURRENT_TIMESTAMP", false, nil
		}
	}
	return restore(expr)
}

// literalText renders a literal default for a column of type tp.
func literalText(v *test_driver.ValueExpr, tp event.Type) (string, bool, error) {
	switch x := v.GetValue().(type) {
	case nil:
		return "", true, nil
	case int64:
		return strconv.FormatInt(x, 10), false, nil
	case uint64:
		return strconv.FormatUint(x, 10), false, nil
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32), false, nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), false, nil
	case string:
		return x, false, nil
	case []byte:
		return string(x), false, nil
	case *test_driver.MyDecimal:
		return x.String(), false, nil
	case test_driver.BinaryLiteral:
		switch {
		case tp == event.TypeBit:
			return x.ToBitLiteralString(true), false, nil
		case tp.IsInteger() || tp == event.TypeYear || tp == event.TypeDecimal || tp == event.TypeFloat || tp == event.TypeDouble:
			return new(big.Int).SetBytes(x).String(), false, nil
		}
		return string(x), false, nil
	}
	return restore(v)
}

func negate(s string) string {
	if strings.Trim(s, "0.") == "" {
		return s // -0 is 0
	}
	if strings.HasPrefix(s, "-") {
		return s[1:]
	}
	return "-" + s
}

// restore returns the SQL text of an expression default.
func restore(expr ast.ExprNode) (string, bool, error) {
	var sb strings.Builder
	ctx := format.NewRestoreCtx(format.RestoreStringSingleQuotes|format.RestoreKeyWordLowercase|format.RestoreNameBackQuotes, &sb)
	if err := expr.Restore(ctx); err != nil {
		return "", false, fmt.Errorf("cannot render expression: %w", err)
	}
	return sb.String(), false, nil
}

// exprString returns a string literal's value (used for COMMENT).
func exprString(expr ast.ExprNode) string {
	if v, ok := expr.(*test_driver.ValueExpr); ok {
		if s, ok := v.GetValue().(string); ok {
			return s
		}
	}
	s, _, _ := restore(expr)
	return s
}
