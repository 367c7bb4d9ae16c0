package tail

import (
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// styles render the readable view: a header line per message (operation,
// topic, partition and offset, time) and the key and value fields.
type styles struct {
	create, update, del, upsert lipgloss.Style
	topic, dim, name            lipgloss.Style
}

func newStyles(r *lipgloss.Renderer) styles {
	op := func(c string) lipgloss.Style { return r.NewStyle().Bold(true).Foreground(lipgloss.Color(c)) }
	return styles{
		create: op("2"), update: op("3"), del: op("1"), upsert: op("6"),
		topic: r.NewStyle().Bold(true),
		dim:   r.NewStyle().Foreground(lipgloss.Color("8")),
		name:  r.NewStyle().Foreground(lipgloss.Color("4")),
	}
}

// message renders one message:
//
//	c  tidb_shop_item [1] @42  2024-05-01T10:00:00.000Z
//	   key    id=1
//	   value  id=1 name="pen" _tidb_op="c" …
func (s styles) message(m *Message) string {
	var b strings.Builder
	op := s.upsert
	switch m.Op {
	case "c":
		op = s.create
	case "u":
		op = s.update
	case "d":
		op = s.del
	}
	fmt.Fprintf(&b, "%s %s %s", op.Render(fmt.Sprintf("%-2s", m.Op)), s.topic.Render(m.Topic),
		s.dim.Render(fmt.Sprintf("[%d] @%d", m.Partition, m.Offset)))
	if ts := timestamp(m.Time); ts != "" {
		b.WriteString("  " + s.dim.Render(ts))
	}
	b.WriteByte('\n')
	b.WriteString("   " + s.dim.Render("key  ") + "  " + s.fields(m.Key) + "\n")
	if m.Value == nil {
		b.WriteString("   " + s.dim.Render("value") + "  " + s.del.Render("(tombstone)") + "\n")
	} else {
		b.WriteString("   " + s.dim.Render("value") + "  " + s.fields(m.Value) + "\n")
	}
	return b.String()
}

// fields renders a record's fields as name=value pairs; TiCDC's _tidb_*
// extension fields are dimmed.
func (s styles) fields(v any) string {
	rec, ok := v.(*Record)
	if !ok {
		return s.scalar(v)
	}
	parts := make([]string, 0, len(rec.Fields))
	for _, f := range rec.Fields {
		if strings.HasPrefix(f.Name, "_tidb_") {
			parts = append(parts, s.dim.Render(f.Name+"="+plainText(f.Value)))
			continue
		}
		parts = append(parts, s.name.Render(f.Name)+"="+s.scalar(f.Value))
	}
	return strings.Join(parts, " ")
}

func (s styles) scalar(v any) string {
	if v == nil {
		return s.dim.Render("null")
	}
	return plainText(v)
}

// plainText renders a value without styles: strings quoted, bytes in hex,
// records in braces.
func plainText(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(x)
	case []byte:
		const limit = 64
		if len(x) > limit {
			return "0x" + hex.EncodeToString(x[:limit]) + "…"
		}
		return "0x" + hex.EncodeToString(x)
	case Decimal:
		return x.String()
	case *Record:
		parts := make([]string, 0, len(x.Fields))
		for _, f := range x.Fields {
			parts = append(parts, f.Name+"="+plainText(f.Value))
		}
		return "{" + strings.Join(parts, " ") + "}"
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			parts = append(parts, plainText(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		parts := make([]string, 0, len(x))
		for _, k := range sortedKeys(x) {
			parts = append(parts, strconv.Quote(k)+": "+plainText(x[k]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
