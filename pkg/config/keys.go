package config

import "strings"

// EnvPrefix prefixes every environment variable cdcctl reads.
const EnvPrefix = "CDCCTL_"

// Key is one setting cdcctl reads from flags, the environment and the
// config file. Keys are the single source for `cdcctl help environment`.
type Key struct {
	// Name is the config-file key and the flag name ("log-level").
	Name string
	// Default is the built-in default ("" for none).
	Default string
	// Help says what the setting does.
	Help string
	// Secret keys are masked wherever they are shown.
	Secret bool
	// EnvOnly keys are read only from the environment (no file key).
	EnvOnly bool
}

// Env returns the environment variable of k: CDCCTL_ and the upper-cased
// name with '-' and '.' turned into '_'.
func (k Key) Env() string {
	r := strings.NewReplacer("-", "_", ".", "_")
	return EnvPrefix + strings.ToUpper(r.Replace(k.Name))
}

// Keys lists every setting, in the order help shows them.
func Keys() []Key {
	return []Key{
		{Name: "config", Help: "Path of the config file (default $XDG_CONFIG_HOME/cdcctl/config.yaml)", EnvOnly: true},
		{Name: "log-level", Default: "info", Help: "Log level on stderr: debug, info, warn or error"},
		{Name: "log-format", Default: "text", Help: "Log format on stderr: text or json"},
		{Name: "server", Default: "http://127.0.0.1:8300", Help: "Address of the cdcctl or TiCDC server the changefeed commands talk to"},
		{Name: "server-token", Help: "Bearer token sent to the server's API on every call", Secret: true},
		{Name: "upstream", Help: "Default upstream DSN, mysql://user:password@host:port", Secret: true},
		{Name: "addr", Default: "127.0.0.1:8300", Help: "Address cdcctl server listens on"},
		{Name: "data-dir", Default: "cdcctl-data", Help: "Directory of cdcctl server's metadata and checkpoints"},
		{Name: "tz", Help: "Time zone of TIMESTAMP values and checkpoint times (default: the system zone)"},
		{Name: "auth-token", Help: "Bearer token cdcctl server requires on mutating API calls", Secret: true},
		{Name: "tls-cert", Help: "Certificate file: cdcctl server serves its API over HTTPS"},
		{Name: "tls-key", Help: "Key file of --tls-cert"},
		{Name: "tls-ca", Help: "CA file: cdcctl server requires client certificates signed by it"},
		{Name: "schema-registry", Help: "Confluent Schema Registry URL (may carry user:password@)", Secret: true},
		{Name: "kafka-api-key", Help: "Kafka (Confluent Cloud) API key for connectors", Secret: true},
		{Name: "kafka-api-secret", Help: "Kafka (Confluent Cloud) API secret for connectors", Secret: true},
		{Name: "sasl-password", Help: "Kafka SASL password (the Confluent Cloud API secret), raw: changefeed create/update put it into the sink URI URL-encoded, tail logs in with it", Secret: true},
		{Name: "mysql-password", Help: "MySQL password when neither the URL nor -p gives one: the generators' --from mysql:// source and cdcctl bench tpcc", Secret: true, EnvOnly: true},
		{Name: "snowflake-private-key", Help: "Snowflake private key (PEM) for cdcctl connector snowflake", Secret: true, EnvOnly: true},
		{Name: "snowflake-private-key-passphrase", Help: "Passphrase of the Snowflake private key", Secret: true, EnvOnly: true},
		{Name: "sqlserver-password", Help: "SQL Server password for cdcctl connector sqlserver", Secret: true, EnvOnly: true},
		{Name: "schema-registry-api-key", Help: "Confluent Cloud Schema Registry API key for connectors", Secret: true, EnvOnly: true},
		{Name: "schema-registry-api-secret", Help: "Confluent Cloud Schema Registry API secret for connectors", Secret: true, EnvOnly: true},
		{Name: "cloud-api-key", Help: "Confluent Cloud API key for connector --apply/--validate", Secret: true, EnvOnly: true},
		{Name: "cloud-api-secret", Help: "Confluent Cloud API secret for connector --apply/--validate", Secret: true, EnvOnly: true},
		{Name: "connect-username", Help: "Basic-auth user for the Kafka Connect REST API", EnvOnly: true},
		{Name: "connect-password", Help: "Basic-auth password for the Kafka Connect REST API", Secret: true, EnvOnly: true},
	}
}

// EnvVars are variables cdcctl reads that are not config keys (read by the
// command that needs them); listed in `cdcctl help environment` too.
func EnvVars() []Key {
	return []Key{
		{Name: "NO_COLOR", Help: "Any value turns colour off"},
		{Name: "CLICOLOR_FORCE", Help: "A non-zero value forces colour even when stdout is not a terminal"},
	}
}
