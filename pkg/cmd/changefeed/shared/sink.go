package shared

import (
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cdcctl/cdcctl/pkg/config"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

// SinkFlags are the sink settings create and update take: TiCDC's
// --sink-uri, --config and --schema-registry, plus secrets given on their
// own (flag, environment or file), which cdcctl URL-encodes into the URIs
// itself so that nobody encodes a secret by hand.
type SinkFlags struct {
	SinkURI    string
	ConfigFile string

	SASLUser         string
	SASLPassword     string // --sasl-password, else CDCCTL_SASL_PASSWORD
	SASLPasswordFile string

	SchemaRegistry             string // --schema-registry, else CDCCTL_SCHEMA_REGISTRY
	SchemaRegistryUser         string
	SchemaRegistryPasswordFile string
}

// AddFlags adds the sink flags. The flags named like cdcctl settings
// (sasl-password, schema-registry) are bound to them by config.Load.
func (s *SinkFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&s.SinkURI, "sink-uri", "", "Sink URI, kafka://host:port/topic?protocol=avro&…")
	fs.StringVar(&s.ConfigFile, "config", "", "Changefeed configuration file (TiCDC changefeed.conf TOML)")
	fs.StringVar(&s.SchemaRegistry, "schema-registry", "", "Avro Schema Registry URL (env CDCCTL_SCHEMA_REGISTRY)")
	fs.StringVar(&s.SchemaRegistryUser, "schema-registry-user", "", "Schema Registry user (API key), put into the URL for you")
	fs.StringVar(&s.SchemaRegistryPasswordFile, "schema-registry-password-file", "", "File holding the Schema Registry password (API secret), raw")
	fs.StringVar(&s.SASLUser, "sasl-user", "", "Kafka SASL user (API key), put into the sink URI for you")
	fs.StringVar(&s.SASLPassword, "sasl-password", "", "Kafka SASL password, raw; prefer env CDCCTL_SASL_PASSWORD or --sasl-password-file")
	fs.StringVar(&s.SASLPasswordFile, "sasl-password-file", "", "File holding the Kafka SASL password (API secret), raw")
}

// Changed reports whether any sink flag was given.
func (s *SinkFlags) Changed(fs *pflag.FlagSet) (sink, config bool) {
	for _, n := range []string{"sink-uri", "sasl-user", "sasl-password", "sasl-password-file"} {
		sink = sink || fs.Changed(n)
	}
	for _, n := range []string{"config", "schema-registry", "schema-registry-user", "schema-registry-password-file"} {
		config = config || fs.Changed(n)
	}
	return sink, config
}

// Sink is a sink URI and configuration ready to send: secrets encoded in,
// the configuration as the file says (the server applies the URI).
type Sink struct {
	URI      string
	Registry string
	// Config is the --config file over TiCDC's defaults; nil when none.
	Config *replicaconfig.ReplicaConfig
	// File is the --config content (nil when none), for validation.
	File     []byte
	FileName string
}

// Build reads what the flags, the environment (through cfg) and the
// files say and builds the sink URI and registry URL with the secrets
// URL-encoded in. readFile reads the --*-file flags and --config. Errors
// never hold a secret.
func (s *SinkFlags) Build(cfg *config.Config, readFile func(string) ([]byte, error)) (*Sink, error) {
	if readFile == nil {
		readFile = os.ReadFile
	}
	out := &Sink{}
	var err error
	if out.URI, err = s.sinkURI(cfg, readFile); err != nil {
		return nil, err
	}
	if out.Registry, err = s.registry(cfg, readFile); err != nil {
		return nil, err
	}
	if s.ConfigFile != "" {
		if out.File, err = readFile(s.ConfigFile); err != nil {
			return nil, fmt.Errorf("changefeed config %q: %w", s.ConfigFile, pathErr(err))
		}
		out.FileName = s.ConfigFile
		if out.Config, err = replicaconfig.DecodeTOML(out.File, s.ConfigFile); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// sinkURI puts --sasl-user and the SASL password into --sink-uri.
func (s *SinkFlags) sinkURI(cfg *config.Config, readFile func(string) ([]byte, error)) (string, error) {
	pw, explicit, err := secret("--sasl-password", s.SASLPassword, s.SASLPasswordFile, readFile)
	if err != nil {
		return "", err
	}
	if (pw != "" || s.SASLUser != "") && s.SinkURI == "" {
		return "", fmt.Errorf("--sasl-user and the SASL password go into --sink-uri: give --sink-uri too")
	}
	if s.SinkURI == "" {
		return "", nil
	}
	u, err := url.Parse(s.SinkURI)
	if err != nil {
		return "", fmt.Errorf("sink-uri: cannot parse the URI (check its %%-escapes)")
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "", fmt.Errorf("sink-uri: cannot parse the URI (check its %%-escapes)")
	}
	if pw == "" && cfg != nil && !q.Has("sasl-password") {
		pw = cfg.SASLPassword.Reveal()
	}
	raw := s.SinkURI
	add := func(key, value string, fromFlag bool) error {
		if value == "" {
			return nil
		}
		if q.Has(key) {
			if !fromFlag || q.Get(key) == value {
				return nil
			}
			return fmt.Errorf("sink-uri: parameter %q is set in the URI and by a flag; give it once", key)
		}
		switch {
		case !strings.Contains(raw, "?"):
			raw += "?"
		case !strings.HasSuffix(raw, "?") && !strings.HasSuffix(raw, "&"):
			raw += "&"
		}
		raw += key + "=" + url.QueryEscape(value)
		return nil
	}
	if err := add("sasl-user", s.SASLUser, true); err != nil {
		return "", err
	}
	if err := add("sasl-password", pw, explicit); err != nil {
		return "", err
	}
	return raw, nil
}

// registry puts --schema-registry-user and its password into the
// registry URL.
func (s *SinkFlags) registry(cfg *config.Config, readFile func(string) ([]byte, error)) (string, error) {
	reg := s.SchemaRegistry
	if reg == "" && cfg != nil {
		reg = cfg.SchemaRegistry.Reveal()
	}
	pw, _, err := secret("--schema-registry-password", "", s.SchemaRegistryPasswordFile, readFile)
	if err != nil {
		return "", err
	}
	if s.SchemaRegistryUser == "" && pw == "" {
		return reg, nil
	}
	switch {
	case reg == "":
		return "", fmt.Errorf("--schema-registry-user and --schema-registry-password-file need --schema-registry")
	case s.SchemaRegistryUser == "":
		return "", fmt.Errorf("--schema-registry-password-file needs --schema-registry-user")
	}
	u, err := url.Parse(reg)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("schema-registry: want http(s)://host[:port], cannot parse the URL")
	}
	if u.User != nil {
		return "", fmt.Errorf("schema-registry: the URL already carries credentials; drop them or --schema-registry-user")
	}
	if pw == "" {
		u.User = url.User(s.SchemaRegistryUser)
	} else {
		u.User = url.UserPassword(s.SchemaRegistryUser, pw)
	}
	return u.String(), nil
}

// secret returns a secret from its flag or its file (not both); explicit
// says it came from one of them rather than from the environment.
func secret(name, flagValue, file string, readFile func(string) ([]byte, error)) (value string, explicit bool, err error) {
	if flagValue != "" && file != "" {
		return "", false, fmt.Errorf("give %s or %s-file, not both", name, name)
	}
	if file == "" {
		return flagValue, flagValue != "", nil
	}
	b, err := readFile(file)
	if err != nil {
		return "", false, fmt.Errorf("%s-file %q: %w", name, file, pathErr(err))
	}
	v := strings.TrimRight(string(b), "\r\n")
	if v == "" {
		return "", false, fmt.Errorf("%s-file %q is empty", name, file)
	}
	return v, true, nil
}

// pathErr drops *os.PathError's repetition of the path.
func pathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
