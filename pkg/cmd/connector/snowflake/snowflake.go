// Package snowflake implements `cdcctl connector snowflake`.
package snowflake

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/connector/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/gen/connector"
)

// Environment variables of the Snowflake credentials.
const (
	EnvPrivateKey           = "CDCCTL_SNOWFLAKE_PRIVATE_KEY"
	EnvPrivateKeyPassphrase = "CDCCTL_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE"
)

// Options are the parsed flags of `cdcctl connector snowflake`.
type Options struct {
	*shared.Options
	URL, User, Database, Schema, Role string
	PrivateKeyFile, PassphraseFile    string
	Ingestion                         string
}

// NewCmdSnowflake returns the command. runF, when non-nil, replaces run.
func NewCmdSnowflake(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Options: shared.NewOptions(f)}
	cmd := &cobra.Command{
		Use:   "snowflake",
		Short: "Generate or apply a Snowflake sink connector for the captured topics",
		Long: `Print the {"name", "config"} body of a Snowflake sink connector that lands TiCDC's Avro
topics safely: Avro keys, tombstones kept (behavior.on.null.values=DEFAULT) so the
MERGE can delete, an explicit snowflake.topic2table.map matching the tables
'cdcctl snowflake' expects, the private key stripped to its PKCS#8 body, and a
deliberate errors.tolerance.

--managed (the default) emits Confluent Cloud's SnowflakeSink; --self-managed emits
Snowflake's connector class with Confluent's AvroConverter. --apply creates or updates
the connector (Confluent Cloud Connect API, or --connect-url); --validate checks it.`,
		Example: `  cdcctl connector snowflake --topics tidb_tpcc_item --snowflake-url xy12345.eu-west-1 \
    --snowflake-user KAFKA_CONNECTOR --snowflake-private-key-file rsa_key.p8 \
    --snowflake-database CDC_DB --snowflake-schema LANDING --snowflake-role KAFKA_ROLE
  cdcctl connector snowflake --ddl tpcc.sql --table 'tpcc.*' --self-managed \
    --schema-registry http://127.0.0.1:8081 ... --apply --connect-url http://127.0.0.1:8083`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.Check(cmd); err != nil {
				return err
			}
			switch strings.ToLower(opts.Ingestion) {
			case "snowpipe", "snowpipe_streaming":
			default:
				return cmderr.FlagErrorf("--ingestion: want snowpipe or snowpipe_streaming, got %q", opts.Ingestion)
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	opts.AddFlags(cmd, "tidb-snowflake-sink")
	fs := cmd.Flags()
	fs.StringVar(&opts.URL, "snowflake-url", "", "Account URL (xy12345.eu-west-1.snowflakecomputing.com, https:// and :443 optional)")
	fs.StringVar(&opts.User, "snowflake-user", "", "Snowflake user of the connector")
	fs.StringVar(&opts.PrivateKeyFile, "snowflake-private-key-file", "", "PKCS#8 private key `file` of the user (or "+EnvPrivateKey+")")
	fs.StringVar(&opts.PassphraseFile, "snowflake-private-key-passphrase-file", "", "Passphrase `file` of an encrypted key (or "+EnvPrivateKeyPassphrase+")")
	fs.StringVar(&opts.Database, "snowflake-database", "", "Database of the landing tables")
	fs.StringVar(&opts.Schema, "snowflake-schema", "", "Schema of the landing tables")
	fs.StringVar(&opts.Role, "snowflake-role", "", "Role of the connector (required for snowpipe_streaming)")
	fs.StringVar(&opts.Ingestion, "ingestion", "snowpipe_streaming", "Ingestion method: snowpipe or snowpipe_streaming")
	return cmd
}

func run(ctx context.Context, opts *Options) error {
	common, _, err := opts.Common(ctx)
	if err != nil {
		return err
	}
	key, err := opts.Secret(opts.Env(EnvPrivateKey), opts.PrivateKeyFile, "--snowflake-private-key-file")
	if err != nil {
		return err
	}
	pass, err := opts.Secret(opts.Env(EnvPrivateKeyPassphrase), opts.PassphraseFile, "--snowflake-private-key-passphrase-file")
	if err != nil {
		return err
	}
	for _, req := range [][2]string{
		{opts.URL, "--snowflake-url"}, {opts.User, "--snowflake-user"},
		{key, "--snowflake-private-key-file (or " + EnvPrivateKey + ")"},
		{opts.Database, "--snowflake-database"}, {opts.Schema, "--snowflake-schema"},
	} {
		if req[0] == "" {
			return cmderr.FlagErrorf("connector %s: missing %s", opts.Name, req[1])
		}
	}
	if strings.EqualFold(opts.Ingestion, "snowpipe_streaming") && opts.Role == "" {
		return cmderr.FlagErrorf("connector %s: --snowflake-role is required with --ingestion snowpipe_streaming", opts.Name)
	}
	c, err := connector.SnowflakeSink(connector.Snowflake{
		Common: common, URL: opts.URL, User: opts.User, PrivateKey: key, Passphrase: pass,
		Database: opts.Database, Schema: opts.Schema, Role: opts.Role, Ingestion: opts.Ingestion,
	})
	if err != nil {
		return cmderr.InvalidInput(err)
	}
	return opts.Emit(ctx, c)
}
