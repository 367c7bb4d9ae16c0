package ksqldb

import (
	"strings"
)

// isKeyword reports ksqlDB keywords that cannot be used unquoted (upper
// case). Over-quoting is harmless: `NAME` in backticks is the same column
// as an unquoted name.
func isKeyword(w string) bool {
	switch w {
	case "ADD", "ALL", "ALTER", "AND", "ANY", "ARRAY", "AS", "ASC", "ASSERT", "AT", "BEGINNING",
		"BETWEEN", "BIGINT", "BOOLEAN", "BY", "BYTES", "CASE", "CAST", "CATALOG", "CHANGES", "COLUMN",
		"COLUMNS", "CONNECTOR", "CONNECTORS", "CREATE", "DATE", "DAY", "DAYS", "DECIMAL", "DEFINE",
		"DELETE", "DESC", "DESCRIBE", "DISTINCT", "DOUBLE", "DROP", "ELSE", "EMIT", "END", "ESCAPE",
		"EXISTS", "EXPLAIN", "EXPORT", "EXTENDED", "FALSE", "FINAL", "FOLLOWING", "FORMAT", "FROM",
		"FULL", "FUNCTION", "FUNCTIONS", "GRACE", "GROUP", "HAVING", "HEADER", "HEADERS", "HOPPING",
		"HOUR", "HOURS", "IF", "IN", "INNER", "INSERT", "INT", "INTEGER", "INTERVAL", "INTO", "IS",
		"JOIN", "KEY", "LEFT", "LIKE", "LIMIT", "LIST", "LOAD", "MAP", "MILLISECOND", "MILLISECONDS",
		"MINUTE", "MINUTES", "MONTH", "MONTHS", "NOT", "NULL", "ON", "OR", "ORDER", "OUTER",
		"PARTITION", "PARTITIONS", "PAUSE", "PLUGINS", "PRIMARY", "PRINT", "PROPERTIES", "QUERIES",
		"QUERY", "RENAME", "REPLACE", "RESUME", "RETENTION", "RIGHT", "RUN", "SCRIPT", "SECOND",
		"SECONDS", "SELECT", "SESSION", "SET", "SHOW", "SINK", "SIZE", "SOURCE", "START", "STREAM",
		"STREAMS", "STRING", "STRUCT", "TABLE", "TABLES", "TERMINATE", "THEN", "TIME", "TIMESTAMP",
		"TO", "TOPIC", "TOPICS", "TRUE", "TUMBLING", "TYPE", "TYPES", "UNSET", "VALUES", "VARCHAR",
		"WHEN", "WHERE", "WINDOW", "WITH", "WITHIN", "YEAR", "YEARS", "ZONE":
		return true
	}
	return false
}

// Ident renders a column, field, stream or table name: unquoted upper case
// when it is letters, digits and "_" (ksqlDB upper-cases unquoted names and
// matches Avro fields case-insensitively), in backticks otherwise. A
// keyword is back-ticked in upper case; any other name keeps its case.
func Ident(name string) string {
	up := strings.ToUpper(name)
	if isSimple(name) {
		if isKeyword(up) {
			return "`" + up + "`"
		}
		return up
	}
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

func isSimple(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && '0' <= c && c <= '9':
		default:
			return false
		}
	}
	return true
}

// literal renders a string literal.
func literal(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
