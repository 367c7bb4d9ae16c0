// Package config loads cdcctl's own settings. Viper stays inside this
// package: callers get a typed Config.
//
// Precedence, highest first: a flag the user set, the CDCCTL_* environment
// variable, the config file, the built-in default. Unknown keys in the file
// are errors.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Config is cdcctl's resolved configuration.
type Config struct {
	LogLevel       string `mapstructure:"log-level" json:"log-level" yaml:"log-level"`
	LogFormat      string `mapstructure:"log-format" json:"log-format" yaml:"log-format"`
	Server         string `mapstructure:"server" json:"server" yaml:"server"`
	ServerToken    Secret `mapstructure:"server-token" json:"server-token" yaml:"server-token"`
	Upstream       Secret `mapstructure:"upstream" json:"upstream" yaml:"upstream"`
	Addr           string `mapstructure:"addr" json:"addr" yaml:"addr"`
	DataDir        string `mapstructure:"data-dir" json:"data-dir" yaml:"data-dir"`
	TZ             string `mapstructure:"tz" json:"tz" yaml:"tz"`
	AuthToken      Secret `mapstructure:"auth-token" json:"auth-token" yaml:"auth-token"`
	TLSCert        string `mapstructure:"tls-cert" json:"tls-cert" yaml:"tls-cert"`
	TLSKey         string `mapstructure:"tls-key" json:"tls-key" yaml:"tls-key"`
	TLSCA          string `mapstructure:"tls-ca" json:"tls-ca" yaml:"tls-ca"`
	SchemaRegistry Secret `mapstructure:"schema-registry" json:"schema-registry" yaml:"schema-registry"`
	KafkaAPIKey    Secret `mapstructure:"kafka-api-key" json:"kafka-api-key" yaml:"kafka-api-key"`
	KafkaAPISecret Secret `mapstructure:"kafka-api-secret" json:"kafka-api-secret" yaml:"kafka-api-secret"`
	SASLPassword   Secret `mapstructure:"sasl-password" json:"sasl-password" yaml:"sasl-password"`

	// File is the config file that was read ("" when none).
	File string `mapstructure:"-" json:"-" yaml:"-"`
}

// DefaultPath returns $XDG_CONFIG_HOME/cdcctl/config.yaml, falling back to
// ~/.config when XDG_CONFIG_HOME is unset.
func DefaultPath() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "cdcctl", "config.yaml")
}

// Load resolves the configuration. flags may hold flags named like the keys
// (only those the user set count); path is the file to read, or "" for
// CDCCTL_CONFIG or the default path (which may be absent). An explicit file
// that does not exist is an error.
func Load(flags *pflag.FlagSet, path string) (*Config, error) {
	v := viper.New()
	for _, k := range Keys() {
		if k.EnvOnly {
			continue
		}
		v.SetDefault(k.Name, k.Default)
		if err := v.BindEnv(k.Name, k.Env()); err != nil {
			return nil, fmt.Errorf("config: bind %s: %w", k.Env(), err)
		}
		if flags != nil {
			if f := flags.Lookup(k.Name); f != nil {
				if err := v.BindPFlag(k.Name, f); err != nil {
					return nil, fmt.Errorf("config: bind flag --%s: %w", k.Name, err)
				}
			}
		}
	}
	explicit := path != ""
	if !explicit {
		if env, ok := os.LookupEnv(EnvPrefix + "CONFIG"); ok && env != "" {
			path, explicit = env, true
		} else {
			path = DefaultPath()
		}
	}
	file, err := readFile(v, path, explicit)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := v.Unmarshal(&c); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	c.File = file
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

func readFile(v *viper.Viper, path string, explicit bool) (string, error) {
	if path == "" {
		return "", nil
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) && !explicit {
			return "", nil
		}
		return "", fmt.Errorf("config file %s: %w", path, err)
	}
	v.SetConfigFile(path)
	v.SetConfigType("yaml")
	if err := v.ReadInConfig(); err != nil {
		return "", fmt.Errorf("config file %s: %w", path, err)
	}
	if unknown := unknownKeys(v); len(unknown) > 0 {
		return "", fmt.Errorf("config file %s: unknown keys: %s (known: %s)",
			path, strings.Join(unknown, ", "), strings.Join(fileKeys(), ", "))
	}
	return path, nil
}

func fileKeys() []string {
	var names []string
	for _, k := range Keys() {
		if !k.EnvOnly {
			names = append(names, k.Name)
		}
	}
	return names
}

func unknownKeys(v *viper.Viper) []string {
	known := map[string]bool{}
	for _, n := range fileKeys() {
		known[n] = true
	}
	var unknown []string
	for _, k := range v.AllKeys() {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	return unknown
}

// Validate checks values that have a fixed set of choices.
func (c *Config) Validate() error {
	switch strings.ToLower(c.LogLevel) {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("config: log-level: want debug, info, warn or error, got %q", c.LogLevel)
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		return fmt.Errorf("config: log-format: want text or json, got %q", c.LogFormat)
	}
	return nil
}
