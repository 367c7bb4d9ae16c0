// Package shared holds the flags, secret handling and apply/validate logic
// the `cdcctl connector` verbs share.
package shared

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/schemasource"
	"github.com/cdcctl/cdcctl/pkg/config"
	"github.com/cdcctl/cdcctl/pkg/gen/connector"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

// Environment variables the connector verbs read (besides the config keys
// kafka-api-key, kafka-api-secret and schema-registry).
const (
	EnvSchemaRegistryAPIKey    = schemasource.EnvSchemaRegistryAPIKey
	EnvSchemaRegistryAPISecret = schemasource.EnvSchemaRegistryAPISecret
	EnvCloudAPIKey             = "CDCCTL_CLOUD_API_KEY"
	EnvCloudAPISecret          = "CDCCTL_CLOUD_API_SECRET"
	EnvConnectUsername         = "CDCCTL_CONNECT_USERNAME"
	EnvConnectPassword         = "CDCCTL_CONNECT_PASSWORD"
)

// Options are the flags every connector verb has.
type Options struct {
	IO       *iostreams.IOStreams
	Config   func() (*config.Config, error)
	Getenv   func(string) string
	ReadFile func(string) ([]byte, error)
	HTTP     *http.Client

	Source   schemasource.Options
	Format   output.Format
	OutDir   string
	Name     string
	Topics   []string
	Managed  bool
	TasksMax int
	Errors   string // --errors-tolerance

	KafkaAPISecretFile       string
	SchemaRegistryAPIKey     string
	SchemaRegistryAPISecret  string
	SchemaRegistrySecretFile string

	Apply, Validate bool
	// ShowSecrets prints the credentials in the body on stdout; by default
	// they are masked there (--out-dir and --apply always use them).
	ShowSecrets bool
	ConnectURL  string
	CloudURL    string
	Environment string
	Cluster     string

	selfManaged bool
}

// NewOptions returns options wired to the factory and the process.
func NewOptions(f *factory.Factory) *Options {
	return &Options{IO: f.IOStreams, Config: f.Config, Getenv: os.Getenv, ReadFile: os.ReadFile,
		Source: schemasource.Options{Getenv: os.Getenv, ReadFile: os.ReadFile}}
}

// AddFlags adds the common flags; defaultName is the connector name when
// --name is not given.
func (o *Options) AddFlags(cmd *cobra.Command, defaultName string) {
	fs := cmd.Flags()
	fs.StringVar(&o.Name, "name", defaultName, "Connector name")
	fs.StringSliceVar(&o.Topics, "topics", nil, "Topics to sink (or give a schema source and --table)")
	fs.BoolVar(&o.Managed, "managed", true, "Confluent Cloud fully-managed connector (the default)")
	fs.BoolVar(&o.selfManaged, "self-managed", false, "Self-managed connector for your own Kafka Connect workers")
	fs.IntVar(&o.TasksMax, "tasks-max", 1, "tasks.max")
	fs.StringVar(&o.Errors, "errors-tolerance", "none", "errors.tolerance: none (a bad record stops the connector) or all (dead letter queue)")
	fs.String("kafka-api-key", "", "Kafka cluster API key of a managed connector (CDCCTL_KAFKA_API_KEY)")
	fs.String("kafka-api-secret", "", "Kafka cluster API secret of a managed connector (CDCCTL_KAFKA_API_SECRET)")
	fs.StringVar(&o.KafkaAPISecretFile, "kafka-api-secret-file", "", "Read the Kafka API secret from this `file`")
	fs.String("schema-registry", "", "Schema Registry URL for a self-managed connector's Avro converters (CDCCTL_SCHEMA_REGISTRY)")
	fs.StringVar(&o.SchemaRegistryAPIKey, "schema-registry-api-key", "", "Schema Registry API key ("+EnvSchemaRegistryAPIKey+")")
	fs.StringVar(&o.SchemaRegistryAPISecret, "schema-registry-api-secret", "", "Schema Registry API secret ("+EnvSchemaRegistryAPISecret+")")
	fs.StringVar(&o.SchemaRegistrySecretFile, "schema-registry-api-secret-file", "", "Read the Schema Registry API secret from this `file`")
	fs.BoolVar(&o.Apply, "apply", false, "Create or update the connector instead of printing it")
	fs.BoolVar(&o.Validate, "validate", false, "Validate the configuration with the Connect API and print its errors")
	fs.StringVar(&o.ConnectURL, "connect-url", "", "Kafka Connect REST `URL` for --apply/--validate of a self-managed connector ("+EnvConnectUsername+", "+EnvConnectPassword+" for Basic auth)")
	fs.StringVar(&o.Environment, "environment", "", "Confluent Cloud environment (env-…) for --apply/--validate ("+EnvCloudAPIKey+", "+EnvCloudAPISecret+")")
	fs.StringVar(&o.Cluster, "cluster", "", "Confluent Cloud Kafka cluster (lkc-…) for --apply/--validate")
	fs.StringVar(&o.CloudURL, "cloud-url", "https://api.confluent.cloud", "Confluent Cloud API URL")
	_ = fs.MarkHidden("cloud-url")
	fs.StringVar(&o.OutDir, "out-dir", "", "Write the connector as <name>.json into this `directory`")
	fs.BoolVar(&o.ShowSecrets, "show-secrets", false, "Print the credentials in the body on stdout (masked as ****** by default; --out-dir and --apply always use them)")
	output.AddFlag(cmd, &o.Format)
	o.Source.AddFlags(fs)
	cmd.MarkFlagsMutuallyExclusive("managed", "self-managed")
}

// Check validates the common flags (usage errors).
func (o *Options) Check(cmd *cobra.Command) error {
	if o.selfManaged {
		o.Managed = false
	}
	if len(o.Topics) > 0 && (o.Source.From != "" || o.Source.Registry != "" || len(o.Source.DDL) > 0) {
		return cmderr.FlagErrorf("give --topics or a schema source with --table, not both")
	}
	if len(o.Topics) == 0 {
		if err := o.Source.Validate(); err != nil {
			return cmderr.FlagErrorf("name the topics: --topics, or a schema source (%v)", err)
		}
	}
	if (o.Apply || o.Validate) && o.OutDir != "" {
		return cmderr.FlagErrorf("--out-dir writes the connector; --apply and --validate send it")
	}
	if o.Apply || o.Validate {
		switch {
		case o.Managed && o.ConnectURL != "":
			return cmderr.FlagErrorf("--connect-url is for self-managed connectors; add --self-managed, or use --environment and --cluster")
		case o.Managed && (o.Environment == "" || o.Cluster == ""):
			return cmderr.FlagErrorf("--apply/--validate of a managed connector need --environment env-… and --cluster lkc-…")
		case !o.Managed && o.ConnectURL == "":
			return cmderr.FlagErrorf("--apply/--validate of a self-managed connector need --connect-url")
		}
	}
	return nil
}

// Secret returns a secret from its file flag, its value (flag or env), in
// that order; what names it in errors.
func (o *Options) Secret(value, file, what string) (string, error) {
	if file == "" {
		return value, nil
	}
	b, err := o.ReadFile(file)
	if err != nil {
		return "", cmderr.InvalidInput(fmt.Errorf("%s file: %w", what, err))
	}
	return strings.TrimSpace(string(b)), nil
}

// Env returns an environment variable, "" when unset.
func (o *Options) Env(name string) string {
	if o.Getenv == nil {
		return ""
	}
	return o.Getenv(name)
}

// Common resolves topics and secrets into the generator's common settings,
// and returns the resolved tables (nil with --topics).
func (o *Options) Common(ctx context.Context) (connector.Common, []schemasource.Source, error) {
	c := connector.Common{Name: o.Name, Topics: o.Topics, Managed: o.Managed, TasksMax: o.TasksMax, ErrorsTolerance: o.Errors}
	var srcs []schemasource.Source
	if len(c.Topics) == 0 {
		res, err := o.Source.Resolve(ctx)
		if err != nil {
			return c, nil, err
		}
		srcs = res.Sources
		for _, s := range srcs {
			if !s.Table.Eligible() {
				return c, nil, cmderr.InvalidInput(fmt.Errorf("table %s has no primary key and no NOT NULL unique key: TiCDC does not replicate it", s.Table.QualifiedName()))
			}
			c.Topics = append(c.Topics, s.Topic)
		}
	}
	cfg, err := o.Config()
	if err != nil {
		return c, nil, err
	}
	c.KafkaAPIKey = cfg.KafkaAPIKey.Reveal()
	if c.KafkaAPISecret, err = o.Secret(cfg.KafkaAPISecret.Reveal(), o.KafkaAPISecretFile, "--kafka-api-secret"); err != nil {
		return c, nil, err
	}
	if o.Managed && (c.KafkaAPIKey == "" || c.KafkaAPISecret == "") {
		return c, nil, cmderr.FlagErrorf("connector %s: a managed connector needs --kafka-api-key and --kafka-api-secret (or CDCCTL_KAFKA_API_KEY and CDCCTL_KAFKA_API_SECRET)", o.Name)
	}
	c.SchemaRegistry = cfg.SchemaRegistry.Reveal()
	c.SchemaRegistryKey = firstSet(o.SchemaRegistryAPIKey, o.Env(EnvSchemaRegistryAPIKey))
	secret := firstSet(o.SchemaRegistryAPISecret, o.Env(EnvSchemaRegistryAPISecret))
	if c.SchemaRegistrySecret, err = o.Secret(secret, o.SchemaRegistrySecretFile, "--schema-registry-api-secret"); err != nil {
		return c, nil, err
	}
	if !o.Managed && c.SchemaRegistry == "" {
		return c, nil, cmderr.FlagErrorf("connector %s: a self-managed connector needs --schema-registry URL (or CDCCTL_SCHEMA_REGISTRY) for its Avro converters", o.Name)
	}
	return c, srcs, nil
}

func firstSet(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
