package schemasource

import (
	"fmt"

	"github.com/cdcctl/cdcctl/pkg/dispatch"
)

// TopicRule is a dispatcher topic expression (spec ticdc.md §3.2).
type TopicRule struct{ expr string }

// ParseTopicRule validates expr with TiCDC's rule for Avro changefeeds:
// {schema} and {table}, schema first, between topic characters.
func ParseTopicRule(expr string) (TopicRule, error) {
	if dispatch.ValidateTopicExpression(expr, true) != nil {
		if dispatch.IsLiteralTopic(expr) {
			return TopicRule{}, fmt.Errorf("topic rule %q: a fixed topic would put every table in one topic; TiCDC's Avro needs {schema} and {table}", expr)
		}
		return TopicRule{}, fmt.Errorf("topic rule %q: must contain {schema} then {table} among letters, digits, '.', '_' and '-'", expr)
	}
	return TopicRule{expr: expr}, nil
}

// Topic substitutes the names the way TiCDC does (dispatch.SubstituteTopic):
// characters outside [A-Za-z0-9._-] become "_", the result is cut to 249
// bytes, and "." or ".." become "_" or "__".
func (r TopicRule) Topic(schema, table string) string {
	return dispatch.SubstituteTopic(r.expr, schema, table)
}
