// Package genfiles writes what the generator commands produce: to stdout
// (text, or -o json|yaml with one entry per artefact), or one file per
// artefact into --out-dir. Nothing is written before everything has been
// generated, and a failed write leaves no partial files behind.
package genfiles

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/gen"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

// Options are the output flags.
type Options struct {
	OutDir string
	Format output.Format
}

// AddFlags adds --out-dir and -o/--output to cmd.
func AddFlags(cmd *cobra.Command, o *Options) {
	cmd.Flags().StringVar(&o.OutDir, "out-dir", "", "Write one file per table and object into this `directory` instead of stdout")
	output.AddFlag(cmd, &o.Format)
}

// artifactsView prints artefacts: their text, or a list with -o json|yaml.
type artifactsView []gen.Artifact

// WriteText writes the artefacts one after another, separated by a blank
// line.
func (v artifactsView) WriteText(w io.Writer) error {
	for i, a := range v {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, a.Content); err != nil {
			return err
		}
	}
	return nil
}

// fileView is one written file.
type fileView struct {
	File  string `json:"file" yaml:"file"`
	Table string `json:"table,omitempty" yaml:"table,omitempty"`
	Kind  string `json:"kind" yaml:"kind"`
	Name  string `json:"name" yaml:"name"`
}

type filesView []fileView

func (v filesView) TableHeader() []string { return []string{"file", "table", "kind", "name"} }
func (v filesView) TableRows() [][]string {
	rows := make([][]string, len(v))
	for i, f := range v {
		rows[i] = []string{f.File, f.Table, f.Kind, f.Name}
	}
	return rows
}

// Write prints arts to ios.Out or writes them into o.OutDir and lists the
// files written.
func Write(ios *iostreams.IOStreams, o Options, arts []gen.Artifact) error {
	if o.OutDir == "" {
		return output.Print(ios, o.Format, artifactsView(arts))
	}
	paths, err := writeDir(o.OutDir, arts)
	if err != nil {
		return err
	}
	view := make(filesView, len(arts))
	for i, a := range arts {
		view[i] = fileView{File: paths[i], Table: a.Table, Kind: a.Kind, Name: a.Name}
	}
	return output.Print(ios, o.Format, view)
}

// writeDir stages every file in a temporary directory inside dir, then
// moves them into place; on any failure it removes what it wrote (and dir,
// if it created it).
func writeDir(dir string, arts []gen.Artifact) (paths []string, err error) {
	seen := map[string]bool{}
	for _, a := range arts {
		if a.File == "" || strings.ContainsAny(a.File, `/\`) || seen[a.File] {
			return nil, fmt.Errorf("--out-dir: bad or duplicate file name %q", a.File)
		}
		seen[a.File] = true
	}
	created := false
	if _, statErr := os.Stat(dir); os.IsNotExist(statErr) {
		created = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("--out-dir %s: %w", dir, err)
	}
	stage, err := os.MkdirTemp(dir, ".cdcctl-")
	if err != nil {
		return nil, fmt.Errorf("--out-dir %s: %w", dir, err)
	}
	var moved []string
	defer func() {
		_ = os.RemoveAll(stage)
		if err != nil {
			for _, p := range moved {
				_ = os.Remove(p)
			}
			if created {
				_ = os.RemoveAll(dir)
			}
		}
	}()
	for _, a := range arts {
		if err = os.WriteFile(filepath.Join(stage, a.File), []byte(a.Content), 0o644); err != nil {
			return nil, fmt.Errorf("--out-dir %s: %w", dir, err)
		}
	}
	for _, a := range arts {
		dst := filepath.Join(dir, a.File)
		if err = os.Rename(filepath.Join(stage, a.File), dst); err != nil {
			return nil, fmt.Errorf("--out-dir %s: %w", dir, err)
		}
		moved = append(moved, dst)
	}
	return moved, nil
}
