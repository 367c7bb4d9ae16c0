package dispatch

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxTopicLen is Kafka's limit on topic names; longer substitutions are
// truncated to it.
const MaxTopicLen = 249

// Placeholders of a topic expression (lower case only).
const (
	schemaPlaceholder = "{schema}"
	tablePlaceholder  = "{table}"
)

// IsLiteralTopic reports whether a topic rule is a literal topic name
// (only [A-Za-z0-9._-]); TiCDC uses such a rule as given, unchecked.
func IsLiteralTopic(rule string) bool {
	if rule == "" {
		return false
	}
	for i := 0; i < len(rule); i++ {
		if !isTopicByte(rule[i]) {
			return false
		}
	}
	return true
}

func isTopicByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-'
}

// ValidateTopicExpression checks a topic expression with TiCDC's rule:
// legal topic characters with an optional {schema} followed by an optional
// {table}. For Avro both placeholders are required, {schema} first.
func ValidateTopicExpression(expr string, avro bool) error {
	var seen []string
	for rest := expr; rest != ""; {
		switch {
		case strings.HasPrefix(rest, schemaPlaceholder):
			seen = append(seen, schemaPlaceholder)
			rest = rest[len(schemaPlaceholder):]
		case strings.HasPrefix(rest, tablePlaceholder):
			seen = append(seen, tablePlaceholder)
			rest = rest[len(tablePlaceholder):]
		case isTopicByte(rest[0]):
			rest = rest[1:]
		default:
			r, _ := utf8.DecodeRuneInString(rest)
			return fmt.Errorf("invalid topic expression %q: character %q is not allowed (only A-Z a-z 0-9 . _ - and the placeholders {schema} and {table})", expr, r)
		}
	}
	order := strings.Join(seen, "")
	if avro {
		if order != schemaPlaceholder+tablePlaceholder {
			return fmt.Errorf("invalid topic expression %q: topic rule for Avro must contain {schema} and {table}, in that order", expr)
		}
		return nil
	}
	switch order {
	case "", schemaPlaceholder, tablePlaceholder, schemaPlaceholder + tablePlaceholder:
		return nil
	}
	return fmt.Errorf("invalid topic expression %q: {schema} and {table} may each appear once, {schema} first", expr)
}

// SubstituteTopic fills a topic expression for one table as TiCDC does:
// every character of the names outside [A-Za-z0-9._-] becomes _, the
// placeholders are replaced, the result is cut to 249 bytes, and "." and
// ".." become "_" and "__". Names keep their case.
func SubstituteTopic(expr, schema, table string) string {
	topic := strings.ReplaceAll(expr, schemaPlaceholder, sanitizeName(schema))
	topic = strings.ReplaceAll(topic, tablePlaceholder, sanitizeName(table))
	switch {
	case len(topic) > MaxTopicLen:
		return topic[:MaxTopicLen]
	case topic == ".":
		return "_"
	case topic == "..":
		return "__"
	}
	return topic
}

// sanitizeName replaces each character (each byte of invalid UTF-8) that
// Kafka forbids in topic names with _.
func sanitizeName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if n == 1 && r < utf8.RuneSelf && isTopicByte(byte(r)) {
			b.WriteByte(byte(r))
		} else {
			b.WriteByte('_')
		}
		i += n
	}
	return b.String()
}
