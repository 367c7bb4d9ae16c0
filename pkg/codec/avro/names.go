package avro

import "strings"

// SanitizeName makes an Avro name out of a MySQL identifier the way TiCDC
// (after Debezium's FieldNameSelector) does, per Unicode code point: a
// leading digit gets a "_" prefix, any character outside [A-Za-z0-9_]
// becomes "_".
func SanitizeName(name string) string {
	if isAvroName(name) {
		return name
	}
	var sb strings.Builder
	sb.Grow(len(name) + 1)
	first := true
	for _, c := range name {
		switch {
		case first && '0' <= c && c <= '9':
			sb.WriteByte('_')
			sb.WriteRune(c)
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9':
			sb.WriteRune(c)
		default:
			sb.WriteByte('_')
		}
		first = false
	}
	return sb.String()
}

func isAvroName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9' {
			continue
		}
		return false
	}
	return true
}

// RecordNamespace returns the namespace of a table's records:
// "<namespace>.<schema>" sanitised, or the namespace alone when the schema
// sanitises to nothing.
func RecordNamespace(namespace, schema string) string {
	ns := SanitizeName(namespace)
	if s := SanitizeName(schema); s != "" {
		return ns + "." + s
	}
	return ns
}

// escapeElem escapes an ENUM/SET member for connect.parameters "allowed".
func escapeElem(e string) string {
	e = strings.ReplaceAll(e, ",", `\,`)
	e = strings.ReplaceAll(e, `\'`, "'")
	return strings.ReplaceAll(e, "''", "'")
}
