package output

import (
	"io"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

type feedsView struct {
	Feeds []feed `json:"feeds" yaml:"feeds"`
}

type feed struct {
	ID    string `json:"id" yaml:"id"`
	State string `json:"state" yaml:"state"`
}

func (v feedsView) TableHeader() []string { return []string{"id", "state"} }
func (v feedsView) TableRows() [][]string {
	var rows [][]string
	for _, f := range v.Feeds {
		rows = append(rows, []string{f.ID, f.State})
	}
	return rows
}

type textView struct{ Name string }

func (v textView) WriteText(w io.Writer) error {
	_, err := io.WriteString(w, "name is "+v.Name+"\n")
	return err
}

func TestPrintFormats(t *testing.T) {
	view := feedsView{Feeds: []feed{{"orders-feed", "normal"}, {"x", "stopped"}}}
	tests := []struct {
		name   string
		format Format
		tty    bool
		color  bool
		want   string
	}{
		{"json", JSON, false, false, "{\n  \"feeds\": [\n    {\n      \"id\": \"orders-feed\",\n      \"state\": \"normal\"\n    },\n    {\n      \"id\": \"x\",\n      \"state\": \"stopped\"\n    }\n  ]\n}\n"},
		{"yaml", YAML, false, false, "feeds:\n  - id: orders-feed\n    state: normal\n  - id: x\n    state: stopped\n"},
		{"table off a terminal is TSV without header", Table, false, false, "orders-feed\tnormal\nx\tstopped\n"},
		{"table on a terminal is aligned with a header", Table, true, false, "ID           STATE\norders-feed  normal\nx            stopped\n"},
		{"empty format means table", "", false, false, "orders-feed\tnormal\nx\tstopped\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			ios.SetStdoutTTY(tt.tty)
			ios.SetColorEnabled(tt.color)
			if err := Print(ios, tt.format, view); err != nil {
				t.Fatal(err)
			}
			if out.String() != tt.want {
				t.Errorf("got:\n%q\nwant:\n%q", out.String(), tt.want)
			}
		})
	}
}

func TestPrintTextView(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	if err := Print(ios, Table, textView{Name: "cdc"}); err != nil {
		t.Fatal(err)
	}
	if out.String() != "name is cdc\n" {
		t.Errorf("got %q", out.String())
	}
}

func TestPrintTableNeedsTableForm(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	err := Print(ios, Table, struct{ A int }{1})
	if err == nil || !strings.Contains(err.Error(), "has no table form") {
		t.Fatalf("err = %v, want 'has no table form'", err)
	}
}

func TestColorHeaderKeepsAlignment(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	ios.SetStdoutTTY(true)
	ios.SetColorEnabled(true)
	view := feedsView{Feeds: []feed{{"a", "normal"}}}
	if err := Print(ios, Table, view); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if !strings.Contains(lines[0], "ID") || !strings.Contains(lines[0], "STATE") {
		t.Fatalf("header = %q", lines[0])
	}
	if lines[1] != "a   normal" {
		t.Errorf("row = %q, want %q", lines[1], "a   normal")
	}
}

func TestFormatSet(t *testing.T) {
	tests := []struct {
		in      string
		want    Format
		wantErr bool
	}{
		{"table", Table, false}, {"JSON", JSON, false}, {"yaml", YAML, false},
		{"xml", "", true}, {"", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var f Format
			err := f.Set(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Set(%q) err = %v", tt.in, err)
			}
			if !tt.wantErr && f != tt.want {
				t.Errorf("Set(%q) = %q, want %q", tt.in, f, tt.want)
			}
		})
	}
}
