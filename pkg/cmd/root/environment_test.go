package root

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEnvironmentHelpListsEveryVariable scans the source for CDCCTL_*
// names and requires each in `cdcctl help environment`.
func TestEnvironmentHelpListsEveryVariable(t *testing.T) {
	help := EnvironmentHelp()
	re := regexp.MustCompile(`CDCCTL_[A-Z][A-Z0-9_]*[A-Z0-9]`)
	seen := map[string]string{}
	root := filepath.Join("..", "..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata" || d.Name() == "docs") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, name := range re.FindAllString(string(b), -1) {
			seen[name] = path
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 5 {
		t.Fatalf("found only %d variables: the scan is broken", len(seen))
	}
	for name, path := range seen {
		if !strings.Contains(help, name+":") {
			t.Errorf("%s (used in %s) is missing from `cdcctl help environment`: add a config.Key", name, path)
		}
	}
}
