package snowflake

import (
	"strings"
)

// isReserved reports Snowflake's reserved and limited keywords (upper
// case). Quoting a word that did not need it is harmless: a quoted
// upper-case name is the same object as the unquoted one.
func isReserved(w string) bool {
	switch w {
	case "ACCOUNT", "ALL", "ALTER", "AND", "ANY", "AS", "ASOF", "BETWEEN", "BY", "CASE", "CAST",
		"CHECK", "COLUMN", "CONNECT", "CONNECTION", "CONSTRAINT", "CREATE", "CROSS", "CURRENT",
		"CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "DATABASE", "DELETE",
		"DISTINCT", "DROP", "ELSE", "EXISTS", "FALSE", "FOLLOWING", "FOR", "FROM", "FULL", "GRANT",
		"GROUP", "GSCLUSTER", "HAVING", "ILIKE", "IN", "INCREMENT", "INNER", "INSERT", "INTERSECT",
		"INTO", "IS", "ISSUE", "JOIN", "LATERAL", "LEFT", "LIKE", "LOCALTIME", "LOCALTIMESTAMP",
		"MATCH_CONDITION", "MINUS", "NATURAL", "NOT", "NULL", "OF", "ON", "OR", "ORDER",
		"ORGANIZATION", "QUALIFY", "REGEXP", "REVOKE", "RIGHT", "RLIKE", "ROW", "ROWS", "SAMPLE",
		"SCHEMA", "SELECT", "SET", "SOME", "START", "TABLE", "TABLESAMPLE", "THEN", "TO", "TRIGGER",
		"TRUE", "TRY_CAST", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "VIEW", "WHEN",
		"WHENEVER", "WHERE", "WINDOW", "WITH":
		return true
	}
	return false
}

// isPlain reports whether s can be written unquoted: a letter or "_", then
// letters, digits, "_" or "$" (ASCII only).
func isPlain(s string) bool {
	if s == "" || len(s) > 255 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '$'):
		default:
			return false
		}
	}
	return true
}

// Ident renders a name taken from MySQL or derived from it as a Snowflake
// identifier, quoting only when needed: a name that is valid unquoted is
// written in upper case (what Snowflake stores for it anyway); a reserved
// word is quoted in upper case; anything else is quoted with its exact case.
func Ident(name string) string {
	up := strings.ToUpper(name)
	switch {
	case isPlain(name) && !isReserved(up):
		return up
	case isPlain(name):
		return `"` + up + `"`
	}
	return quote(name)
}

// UserIdent renders a Snowflake name the user typed (database, schema,
// warehouse, role): as typed when it is already double-quoted, otherwise
// like Ident.
func UserIdent(name string) string {
	if len(name) >= 2 && strings.HasPrefix(name, `"`) && strings.HasSuffix(name, `"`) {
		return name
	}
	return Ident(name)
}

func quote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// qualify joins rendered identifier parts with dots.
func qualify(parts ...string) string { return strings.Join(parts, ".") }

// literal renders a string literal. Snowflake treats the backslash as an
// escape character inside single quotes, so it is doubled too.
func literal(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// pathElem renders one element of a VARIANT path (":name"). Element names
// are case-sensitive and must match the Avro field name exactly; plain
// names are written bare, others double-quoted.
func pathElem(name string) string {
	if isPlain(name) && !strings.Contains(name, "$") && !isReserved(strings.ToUpper(name)) {
		return ":" + name
	}
	return ":" + quote(name)
}

// LandingTableName returns the landing table the Snowflake connector is
// told to write a topic into (snowflake.topic2table.map): the topic in
// upper case when it is already a valid table name, otherwise with every
// character outside [_$A-Za-z0-9] replaced by "_", a leading "_" when it
// does not start with a letter or "_", and padded to the two characters
// the connector's map validator requires.
func LandingTableName(topic string) string {
	var b strings.Builder
	for i, c := range topic {
		switch {
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			b.WriteRune(c)
		case '0' <= c && c <= '9' || c == '$':
			if i == 0 {
				b.WriteByte('_')
			}
			b.WriteRune(c)
		default:
			b.WriteByte('_')
		}
	}
	for b.Len() < 2 {
		b.WriteByte('_')
	}
	return strings.ToUpper(b.String())
}
