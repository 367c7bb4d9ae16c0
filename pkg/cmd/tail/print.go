package tail

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"gopkg.in/yaml.v3"

	"github.com/cdcctl/cdcctl/pkg/output"
)

// jsonLine is one message in `-o json` (one line each) and `-o yaml` (one
// document each).
type jsonLine struct {
	Topic         string `json:"topic" yaml:"topic"`
	Partition     int    `json:"partition" yaml:"partition"`
	Offset        int64  `json:"offset" yaml:"offset"`
	Timestamp     string `json:"timestamp" yaml:"timestamp"`
	Op            string `json:"op" yaml:"op"`
	Key           any    `json:"key" yaml:"key"`
	Value         any    `json:"value" yaml:"value"`
	KeySchemaID   *int   `json:"key_schema_id" yaml:"key_schema_id"`
	ValueSchemaID *int   `json:"value_schema_id" yaml:"value_schema_id"`
}

func newJSONLine(m *Message) jsonLine {
	l := jsonLine{Topic: m.Topic, Partition: m.Partition, Offset: m.Offset, Timestamp: timestamp(m.Time),
		Op: m.Op, Key: m.Key, Value: m.Value}
	if m.KeySchemaID != 0 {
		id := m.KeySchemaID
		l.KeySchemaID = &id
	}
	if m.ValueSchemaID != 0 {
		id := m.ValueSchemaID
		l.ValueSchemaID = &id
	}
	return l
}

func timestamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// printer writes decoded messages in one format.
type printer struct {
	format output.Format
	out    io.Writer
	json   *json.Encoder
	yaml   *yaml.Encoder
	st     styles
}

func newPrinter(out io.Writer, format output.Format, color bool) *printer {
	p := &printer{format: format, out: out}
	switch format {
	case output.JSON:
		p.json = json.NewEncoder(out)
		p.json.SetEscapeHTML(false)
	case output.YAML:
		p.yaml = yaml.NewEncoder(out)
		p.yaml.SetIndent(2)
	default:
		r := lipgloss.NewRenderer(out)
		if color {
			r.SetColorProfile(termenv.ANSI256)
		} else {
			r.SetColorProfile(termenv.Ascii)
		}
		p.st = newStyles(r)
	}
	return p
}

func (p *printer) print(m *Message) error {
	switch p.format {
	case output.JSON:
		if err := p.json.Encode(newJSONLine(m)); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		return nil
	case output.YAML:
		l := newJSONLine(m)
		node := &yaml.Node{}
		if err := node.Encode(l); err != nil {
			return fmt.Errorf("write yaml: %w", err)
		}
		replaceValue(node, "key", yamlNode(m.Key))
		replaceValue(node, "value", yamlNode(m.Value))
		if err := p.yaml.Encode(node); err != nil {
			return fmt.Errorf("write yaml: %w", err)
		}
		return nil
	}
	_, err := io.WriteString(p.out, p.st.message(m))
	return err
}

// close ends the YAML stream.
func (p *printer) close() error {
	if p.yaml != nil {
		return p.yaml.Close()
	}
	return nil
}

// yamlNode renders a decoded value as YAML, records as mappings in field
// order and decimals as plain numbers.
func yamlNode(v any) *yaml.Node {
	switch x := v.(type) {
	case *Record:
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, f := range x.Fields {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: f.Name}, yamlNode(f.Value))
		}
		return n
	case Decimal:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: x.String()}
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range x {
			n.Content = append(n.Content, yamlNode(e))
		}
		return n
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, k := range sortedKeys(x) {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, yamlNode(x[k]))
		}
		return n
	}
	n := &yaml.Node{}
	if err := n.Encode(v); err != nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Value: fmt.Sprint(v)}
	}
	return n
}

// replaceValue sets the value of key in mapping node doc.
func replaceValue(doc *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == key {
			doc.Content[i+1] = v
		}
	}
}
