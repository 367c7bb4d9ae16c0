package filter

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
)

// EventFilterRule is one [[filter.event-filters]] rule.
type EventFilterRule struct {
	Matcher     []string // tables the rule applies to (table-filter syntax)
	IgnoreEvent []string // event types, see SupportedEventTypes
	IgnoreSQL   []string // regular expressions matched against DDL text

	// SQL boolean expressions over the row; a row for which the
	// expression is TRUE is ignored.
	IgnoreInsertValueExpr    string
	IgnoreUpdateNewValueExpr string
	IgnoreUpdateOldValueExpr string
	IgnoreDeleteValueExpr    string
}

// Expression slots of a rule.
const (
	exprInsert = iota
	exprUpdateNew
	exprUpdateOld
	exprDelete
	numExprs
)

// eventRule is a compiled EventFilterRule.
type eventRule struct {
	field   string // "filter.event-filters[i]"
	matcher *TableFilter
	events  []EventType
	sql     *regexp.Regexp // nil when there are no ignore-sql patterns
	exprs   [numExprs]ruleExpr
}

type ruleExpr struct {
	field string // e.g. "filter.event-filters[0].ignore-insert-value-expr"
	text  string
	ast   ast.ExprNode // nil when the rule has none
}

func compileEventRule(i int, r EventFilterRule, caseSensitive bool) (*eventRule, error) {
	er := &eventRule{field: fmt.Sprintf("filter.event-filters[%d]", i)}
	m, err := ParseTableFilter(r.Matcher, caseSensitive)
	if err != nil {
		err.(*PatternError).Field = er.field + ".matcher"
		return nil, err
	}
	er.matcher = m
	for j, s := range r.IgnoreEvent {
		t, ok := parseEventType(s)
		if !ok {
			return nil, fmt.Errorf("%s.ignore-event[%d]: invalid ignore event type %q; want one of: %s", er.field, j, s, eventTypeList())
		}
		er.events = append(er.events, t)
	}
	if er.sql, err = compileIgnoreSQL(er.field, r.IgnoreSQL); err != nil {
		return nil, err
	}
	for slot, e := range []struct{ key, text string }{
		{"ignore-insert-value-expr", r.IgnoreInsertValueExpr},
		{"ignore-update-new-value-expr", r.IgnoreUpdateNewValueExpr},
		{"ignore-update-old-value-expr", r.IgnoreUpdateOldValueExpr},
		{"ignore-delete-value-expr", r.IgnoreDeleteValueExpr},
	} {
		re := ruleExpr{field: er.field + "." + e.key, text: e.text}
		if strings.TrimSpace(e.text) != "" {
			if re.ast, err = parseExpr(e.text); err != nil {
				return nil, fmt.Errorf("%s %q: %w", re.field, e.text, err)
			}
		}
		er.exprs[slot] = re
	}
	return er, nil
}

// compileIgnoreSQL compiles the patterns as TiCDC does: one
// case-insensitive alternation, matching anywhere in the DDL text. Each
// pattern is first compiled alone so that an error names it.
func compileIgnoreSQL(field string, patterns []string) (*regexp.Regexp, error) {
	if len(patterns) == 0 {
		return nil, nil
	}
	for j, p := range patterns {
		if _, err := regexp.Compile(p); err != nil {
			return nil, fmt.Errorf("%s.ignore-sql[%d] %q: invalid regular expression: %s", field, j, p, regexpReason(err))
		}
	}
	re, err := regexp.Compile("(?i)" + strings.Join(patterns, "|"))
	if err != nil {
		return nil, fmt.Errorf("%s.ignore-sql: invalid regular expression: %s", field, regexpReason(err))
	}
	return re, nil
}

func regexpReason(err error) string {
	return strings.TrimPrefix(err.Error(), "error parsing regexp: ")
}

// matchTable reports whether the rule applies to schema.table (table ""
// for database-level DDL).
func (r *eventRule) matchTable(schema, table string) bool {
	if table == "" {
		return r.matcher.MatchSchema(schema)
	}
	return r.matcher.MatchTable(schema, table)
}

// ignoresDDL reports whether the rule ignores a DDL by type or text.
func (r *eventRule) ignoresDDL(d DDL) bool {
	if d.Type == Unknown {
		return false // TiCDC does not filter DDL it cannot classify
	}
	if matchesEvent(r.events, d.Type) || d.Type.IsAlterTable() && matchesEvent(r.events, AlterTable) {
		return true
	}
	return r.sql != nil && d.Query != "" && r.sql.MatchString(d.Query)
}
