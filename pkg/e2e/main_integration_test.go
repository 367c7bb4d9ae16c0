//go:build integration

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// binary is the cdcctl binary TestMain builds once for every test of the
// package (a test binary's only shared state: tests read it, never write).
var binary string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "cdcctl-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "cdcctl")
	start := time.Now()
	args := []string{"build", "-o", binary}
	if raceEnabled {
		args = append(args, "-race") // the server is checked for races as the tests drive it
	}
	cmd := exec.Command(goTool(), append(args, "github.com/cdcctl/cdcctl/cmd/cdcctl")...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build cdcctl:", err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "e2e: built %s (race=%v) in %s\n", binary, raceEnabled, time.Since(start).Round(time.Millisecond))
	return m.Run()
}

// goTool is the go command of the toolchain running the tests.
func goTool() string {
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); fileExists(p) {
		return p
	}
	return "go"
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
