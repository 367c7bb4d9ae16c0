package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/charmbracelet/lipgloss"
	"gopkg.in/yaml.v3"

	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

// TableView is a view that can be shown as rows and columns.
type TableView interface {
	TableHeader() []string
	TableRows() [][]string
}

// TextView is a view with its own human-readable form.
type TextView interface {
	WriteText(w io.Writer) error
}

// Print writes view to ios.Out in format f. JSON and YAML marshal the view
// itself; the table format uses TextView or TableView. On a terminal a
// table gets an upper-case, bold header and aligned columns; off a terminal
// it is tab-separated with no header, for scripts.
func Print(ios *iostreams.IOStreams, f Format, view any) error {
	switch f {
	case JSON:
		return WriteJSON(ios.Out, view)
	case YAML:
		enc := yaml.NewEncoder(ios.Out)
		enc.SetIndent(2)
		if err := enc.Encode(view); err != nil {
			return fmt.Errorf("write yaml: %w", err)
		}
		return enc.Close()
	case Table, "":
		switch v := view.(type) {
		case TextView:
			return v.WriteText(ios.Out)
		case TableView:
			return writeTable(ios, v)
		}
		return fmt.Errorf("output: %T has no table form", view)
	}
	return fmt.Errorf("output: unknown format %q", string(f))
}

// WriteJSON writes v as indented JSON followed by a newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

func writeTable(ios *iostreams.IOStreams, v TableView) error {
	rows := v.TableRows()
	if !ios.IsStdoutTTY() {
		for _, r := range rows {
			if _, err := fmt.Fprintln(ios.Out, strings.Join(r, "\t")); err != nil {
				return err
			}
		}
		return nil
	}
	var buf strings.Builder
	tw := tabwriter.NewWriter(&buf, 0, 4, 2, ' ', 0)
	header := v.TableHeader()
	upper := make([]string, len(header))
	for i, h := range header {
		upper[i] = strings.ToUpper(h)
	}
	fmt.Fprintln(tw, strings.Join(upper, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	text := buf.String()
	if ios.ColorEnabled() {
		// Style the header after alignment so escape codes do not skew widths.
		head, rest, _ := strings.Cut(text, "\n")
		style := lipgloss.NewRenderer(ios.Out).NewStyle().Bold(true)
		text = style.Render(head) + "\n" + rest
	}
	_, err := io.WriteString(ios.Out, text)
	return err
}
