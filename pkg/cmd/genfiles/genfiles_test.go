package genfiles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/gen"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

func arts() []gen.Artifact {
	return []gen.Artifact{
		{Table: "db.a", Kind: "table", Name: "A", File: "db.a.1-table.sql", Content: "CREATE A;\n"},
		{Table: "db.b", Kind: "table", Name: "B", File: "db.b.1-table.sql", Content: "CREATE B;\n"},
	}
}

func TestStdout(t *testing.T) {
	tests := []struct {
		format output.Format
		want   string
	}{
		{output.Table, "CREATE A;\n\nCREATE B;\n"},
		{output.JSON, `"content": "CREATE A;\n"`},
		{output.YAML, "file: db.b.1-table.sql"},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			if err := Write(ios, Options{Format: tt.format}, arts()); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), tt.want) {
				t.Errorf("got %q, want %q in it", out.String(), tt.want)
			}
		})
	}
}

func TestOutDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "out")
	ios, _, out, _ := iostreams.Test()
	if err := Write(ios, Options{OutDir: dir, Format: output.Table}, arts()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "db.b.1-table.sql"))
	if err != nil || string(b) != "CREATE B;\n" {
		t.Fatalf("%q %v", b, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d entries (staging left behind?)", len(entries))
	}
	if want := filepath.Join(dir, "db.a.1-table.sql") + "\tdb.a\ttable\tA\n"; !strings.HasPrefix(out.String(), want) {
		t.Errorf("listing %q, want it to start with %q", out.String(), want)
	}
}

// TestOutDirFailureRemovesWhatItWrote makes the second rename fail (a
// directory is in the way) and checks the first file is gone again and
// the directory it created is removed.
func TestOutDirFailureRemovesWhatItWrote(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	if err := os.MkdirAll(filepath.Join(dir, "db.b.1-table.sql", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	ios, _, _, _ := iostreams.Test()
	err := Write(ios, Options{OutDir: dir}, arts())
	if err == nil || !strings.Contains(err.Error(), "--out-dir "+dir) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "db.a.1-table.sql")); !os.IsNotExist(err) {
		t.Error("the file moved before the failure is still there")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("entries after failure: %v", entries)
	}
	fresh := filepath.Join(parent, "fresh")
	bad := append(arts(), gen.Artifact{File: "db.a.1-table.sql"})
	if err := Write(ios, Options{OutDir: fresh}, bad); err == nil {
		t.Fatal("duplicate file names accepted")
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Error("directory created for a failed write")
	}
}
