package schema

import (
	"fmt"
	"io"
)

// view is what `cdcctl avro schema` prints. The schemas are the registered
// text, kept as strings so that JSON and YAML output carry them verbatim.
type view struct {
	Table        string `json:"table" yaml:"table"`
	Topic        string `json:"topic" yaml:"topic"`
	KeySubject   string `json:"key_subject" yaml:"key_subject"`
	KeySchema    string `json:"key_schema" yaml:"key_schema"`
	ValueSubject string `json:"value_subject" yaml:"value_subject"`
	ValueSchema  string `json:"value_schema" yaml:"value_schema"`
}

// WriteText prints each subject followed by its schema on one line, so
// `sed -n 2p` yields the key schema and `sed -n 4p` the value schema.
func (v view) WriteText(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%s\n%s\n%s\n%s\n", v.KeySubject, v.KeySchema, v.ValueSubject, v.ValueSchema)
	return err
}
