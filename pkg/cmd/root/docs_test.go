package root

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestDocsUpToDate fails when docs/cli differs from what the command tree
// generates; run `make docs` to refresh them.
func TestDocsUpToDate(t *testing.T) {
	fresh := t.TempDir()
	if err := GenMarkdownDocs(fresh); err != nil {
		t.Fatal(err)
	}
	committed := filepath.Join("..", "..", "..", "docs", "cli")
	want := readDir(t, fresh)
	got := readDir(t, committed)
	for name, body := range want {
		if got[name] != body {
			t.Errorf("docs/cli/%s is stale or missing: run `make docs`", name)
		}
	}
	var extra []string
	for name := range got {
		if _, ok := want[name]; !ok {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		t.Errorf("docs/cli/%s documents a command that no longer exists: run `make docs`", name)
	}
}

func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
	}
	return out
}
