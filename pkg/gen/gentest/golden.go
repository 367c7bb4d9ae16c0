package gentest

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cdcctl/cdcctl/pkg/gen"
)

// CheckGolden compares artefacts with the files of dir, one file per
// artefact named by its File, and fails on any difference, missing or
// extra file. With update (the test binary's -update flag) it rewrites dir
// instead.
func CheckGolden(t *testing.T, dir string, arts []gen.Artifact, update bool) {
	t.Helper()
	if update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			if err := os.WriteFile(filepath.Join(dir, a.File), []byte(a.Content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("golden dir %s: %v (run go test with -update to create it)", dir, err)
	}
	var want, got []string
	for _, e := range entries {
		want = append(want, e.Name())
	}
	for _, a := range arts {
		got = append(got, a.File)
		b, err := os.ReadFile(filepath.Join(dir, a.File))
		if err != nil {
			t.Errorf("%s: no golden file (run go test with -update)", a.File)
			continue
		}
		if diff := cmp.Diff(string(b), a.Content); diff != "" {
			t.Errorf("%s differs from %s (-golden +got):\n%s", a.File, dir, diff)
		}
	}
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files in %s (-golden +generated):\n%s", dir, diff)
	}
}
