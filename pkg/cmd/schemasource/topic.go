package schemasource

import (
	"fmt"
	"regexp"
	"strings"
)

// TopicRule is a dispatcher topic expression (spec ticdc.md §3.2).
type TopicRule struct{ expr string }

var (
	literalTopic = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	avroTopic    = regexp.MustCompile(`^[A-Za-z0-9._-]*\{schema\}[A-Za-z0-9._-]*\{table\}[A-Za-z0-9._-]*$`)
	topicUnsafe  = regexp.MustCompile(`[^A-Za-z0-9._-]`)
)

// ParseTopicRule validates expr with TiCDC's rule for Avro changefeeds:
// {schema} and {table}, schema first, between topic characters.
func ParseTopicRule(expr string) (TopicRule, error) {
	if !avroTopic.MatchString(expr) {
		if literalTopic.MatchString(expr) {
			return TopicRule{}, fmt.Errorf("topic rule %q: a fixed topic would put every table in one topic; TiCDC's Avro needs {schema} and {table}", expr)
		}
		return TopicRule{}, fmt.Errorf("topic rule %q: must contain {schema} then {table} among letters, digits, '.', '_' and '-'", expr)
	}
	return TopicRule{expr: expr}, nil
}

// Topic substitutes the names the way TiCDC does: characters outside
// [A-Za-z0-9._-] become "_", the result is cut to 249 bytes, and "." or
// ".." become "_" or "__".
func (r TopicRule) Topic(schema, table string) string {
	t := strings.NewReplacer("{schema}", topicUnsafe.ReplaceAllString(schema, "_"),
		"{table}", topicUnsafe.ReplaceAllString(table, "_")).Replace(r.expr)
	if len(t) > 249 {
		t = t[:249]
	}
	switch t {
	case ".":
		return "_"
	case "..":
		return "__"
	}
	return t
}
