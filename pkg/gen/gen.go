// Package gen holds what the downstream generators (snowflake, ksqldb,
// connector) have in common: the artefact they return. The generators are
// pure functions of a table schema and options: no I/O, no clock, the same
// bytes for the same input.
package gen

// Artifact is one generated object: a SQL script or a JSON document.
type Artifact struct {
	// Table is the source table ("tpcc.item"); "" for artefacts that cover
	// several tables (grants, a connector).
	Table string `json:"table,omitempty" yaml:"table,omitempty"`
	// Kind names the object ("table", "stream", "merge", "task", "purge",
	// "grants", "connector").
	Kind string `json:"kind" yaml:"kind"`
	// Name is the fully qualified name of the object created.
	Name string `json:"name" yaml:"name"`
	// File is the file name the artefact is written to with --out-dir.
	File string `json:"file" yaml:"file"`
	// Content is the text itself, ending in a newline.
	Content string `json:"content" yaml:"content"`
}

// FileName builds a file name from parts joined by "." (a source table
// "tpcc", "item", then the object), keeping letters, digits, "_" and "-"
// and replacing anything else, so that any MySQL name gives a safe name.
func FileName(parts ...string) string {
	out := make([]byte, 0, 64)
	for i, p := range parts {
		if i > 0 {
			out = append(out, '.')
		}
		for j := 0; j < len(p); j++ {
			c := p[j]
			switch {
			case c == '_' || c == '-' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9':
				out = append(out, c)
			default:
				out = append(out, '_')
			}
		}
	}
	return string(out)
}
