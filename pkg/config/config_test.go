package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"
)

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func flagSet(t *testing.T, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	fs.String("log-level", "info", "")
	fs.String("server", "", "")
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestLoadPrecedence(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no default file
	file := writeFile(t, "log-level: warn\nserver: http://file:8300\nlog-format: json\n")
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		file       string
		wantLevel  string
		wantServer string
		wantFormat string
	}{
		{"defaults", nil, nil, "", "info", "http://127.0.0.1:8300", "text"},
		{"file over default", nil, nil, file, "warn", "http://file:8300", "json"},
		{"env over file", nil, map[string]string{"CDCCTL_LOG_LEVEL": "error", "CDCCTL_SERVER": "http://env:1"}, file, "error", "http://env:1", "json"},
		{"flag over env", []string{"--log-level=debug"}, map[string]string{"CDCCTL_LOG_LEVEL": "error"}, file, "debug", "http://file:8300", "json"},
		{"unset flag does not hide env", nil, map[string]string{"CDCCTL_LOG_LEVEL": "error"}, "", "error", "http://127.0.0.1:8300", "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			c, err := Load(flagSet(t, tt.args...), tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if c.LogLevel != tt.wantLevel || c.Server != tt.wantServer || c.LogFormat != tt.wantFormat {
				t.Errorf("got level=%q server=%q format=%q, want %q %q %q",
					c.LogLevel, c.Server, c.LogFormat, tt.wantLevel, tt.wantServer, tt.wantFormat)
			}
		})
	}
}

func TestLoadDefaultPathAndEnvPath(t *testing.T) {
	xdg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", xdg)
	if err := os.MkdirAll(filepath.Join(xdg, "cdcctl"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(xdg, "cdcctl", "config.yaml"), []byte("log-level: warn\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.LogLevel != "warn" || c.File != filepath.Join(xdg, "cdcctl", "config.yaml") {
		t.Errorf("default path: level=%q file=%q", c.LogLevel, c.File)
	}
	other := writeFile(t, "log-level: error\n")
	t.Setenv("CDCCTL_CONFIG", other)
	c, err = Load(nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.LogLevel != "error" {
		t.Errorf("CDCCTL_CONFIG: level = %q, want error", c.LogLevel)
	}
}

func TestLoadErrors(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	tests := []struct {
		name    string
		file    string
		env     map[string]string
		wantErr string
	}{
		{"unknown keys are listed", writeFile(t, "log-level: info\nbogus: 1\nsevrer: x\n"), nil, "unknown keys: bogus, sevrer"},
		{"explicit missing file", "/nonexistent/cdcctl.yaml", nil, "config file /nonexistent/cdcctl.yaml"},
		{"bad log level", "", map[string]string{"CDCCTL_LOG_LEVEL": "loud"}, `log-level: want debug, info, warn or error, got "loud"`},
		{"bad log format", writeFile(t, "log-format: xml\n"), nil, `log-format: want text or json, got "xml"`},
		{"malformed yaml", writeFile(t, "log-level: [\n"), nil, "config file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			_, err := Load(nil, tt.file)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestSecretNeverShows(t *testing.T) {
	const value = "hunter2-Very-Secret"
	s := Secret(value)
	c := Config{SASLPassword: s, Upstream: "mysql://u:" + value + "@h:3306"}
	var logBuf bytes.Buffer
	slog.New(slog.NewTextHandler(&logBuf, nil)).Info("cfg", "password", s, "config", c)
	slog.New(slog.NewJSONHandler(&logBuf, nil)).Info("cfg", "password", s)
	js, _ := json.Marshal(c)
	ym, _ := yaml.Marshal(c)
	for name, out := range map[string]string{
		"String": s.String(), "%v": fmt.Sprintf("%v", s), "%s": fmt.Sprintf("%s", s),
		"%#v": fmt.Sprintf("%#v", s), "%+v config": fmt.Sprintf("%+v", c), "json": string(js),
		"yaml": string(ym), "slog": logBuf.String(),
	} {
		if strings.Contains(out, "hunter2") {
			t.Errorf("%s leaks the secret: %s", name, out)
		}
	}
	if s.String() != Masked || s.Reveal() != value {
		t.Errorf("String=%q Reveal=%q", s.String(), s.Reveal())
	}
	if Secret("").String() != "" {
		t.Errorf("empty secret should render empty")
	}
}

func TestKeysHaveUniqueEnvNames(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Keys() {
		if !strings.HasPrefix(k.Env(), EnvPrefix) || seen[k.Env()] {
			t.Errorf("bad or duplicate env name %q", k.Env())
		}
		seen[k.Env()] = true
	}
	if (Key{Name: "schema-registry"}).Env() != "CDCCTL_SCHEMA_REGISTRY" {
		t.Errorf("Env() of schema-registry = %q", (Key{Name: "schema-registry"}).Env())
	}
}
