package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	ios, _, out, errOut := iostreams.Test()
	code = Run(context.Background(), ios, args)
	return code, out.String(), errOut.String()
}

func TestVersionJSON(t *testing.T) {
	code, out, stderr := run(t, "version", "-o", "json")
	if code != 0 || stderr != "" {
		t.Fatalf("code=%d stderr=%q", code, stderr)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	want := map[string]string{"version": "dev", "commit": "dev", "date": "dev", "go": runtime.Version()}
	if len(got) != len(want) {
		t.Fatalf("keys = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

func TestBadInput(t *testing.T) {
	badConfig := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(badConfig, []byte("log-level: info\nnope: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		args      []string
		wantCode  int
		wantErr   string
		wantUsage bool
	}{
		{"unknown flag", []string{"version", "--bogus"}, ExitUsage, "Error: unknown flag: --bogus", true},
		{"bad output format", []string{"version", "-o", "xml"}, ExitUsage, `want one of table, json, yaml, got "xml"`, true},
		{"unknown command", []string{"frobnicate"}, ExitUsage, `Error: unknown command "frobnicate" for "cdcctl"`, true},
		{"extra argument", []string{"version", "extra"}, ExitUsage, `unknown command "extra" for "cdcctl version"`, true},
		{"unknown config key", []string{"--config", badConfig, "version"}, ExitUsage, "unknown keys: nope", false},
		{"bad log level", []string{"--log-level", "loud", "version"}, ExitUsage, `log-level: want debug, info, warn or error, got "loud"`, false},
		{"flags that go together", []string{"server", "--tls-cert", "c.pem"}, ExitUsage, "Error: --tls-cert and --tls-key go together", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := run(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.wantErr)
			}
			if got := strings.Contains(stderr, "Usage:"); got != tt.wantUsage {
				t.Errorf("usage printed = %v, want %v", got, tt.wantUsage)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing on failure", out)
			}
			if strings.Count(stderr, "Error:") != 1 {
				t.Errorf("want exactly one error line, got %q", stderr)
			}
		})
	}
}

func TestEveryGroupExists(t *testing.T) {
	for _, g := range []string{"server", "changefeed", "avro", "check", "snowflake", "ksqldb", "connector",
		"playground", "bench", "tail", "version", "completion"} {
		t.Run(g, func(t *testing.T) {
			code, out, stderr := run(t, g, "--help")
			if code != 0 || !strings.Contains(out, "cdcctl "+g) {
				t.Errorf("`cdcctl %s --help`: code=%d stdout=%q stderr=%q", g, code, out, stderr)
			}
		})
	}
}

func TestHelpEnvironmentListsEveryVariable(t *testing.T) {
	code, out, _ := run(t, "help", "environment")
	if code != 0 {
		t.Fatalf("code = %d", code)
	}
	for _, v := range []string{"CDCCTL_CONFIG", "CDCCTL_LOG_LEVEL", "CDCCTL_SERVER", "CDCCTL_SASL_PASSWORD", "NO_COLOR"} {
		if !strings.Contains(out, v) {
			t.Errorf("help environment does not mention %s", v)
		}
	}
}

func TestExitCode(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, ExitOK},
		{errors.New("boom"), ExitError},
		{cmderr.FlagErrorf("bad flag"), ExitUsage},
		{fmt.Errorf("wrapped: %w", cmderr.InvalidInput(errors.New("bad uri"))), ExitUsage},
		{cmderr.NotFound(errors.New("changefeed x")), ExitNotFound},
		{fmt.Errorf("stop: %w", context.Canceled), ExitCancelled},
		{cmderr.ErrCancelled, ExitCancelled},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.err); got != tt.want {
			t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}
