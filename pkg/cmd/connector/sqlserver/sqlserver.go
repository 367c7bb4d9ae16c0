// Package sqlserver implements `cdcctl connector sqlserver`.
package sqlserver

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/connector/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/schemasource"
	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/gen/connector"
)

// EnvPassword holds the SQL Server password when --password-file is not
// given.
const EnvPassword = "CDCCTL_SQLSERVER_PASSWORD"

// Options are the parsed flags of `cdcctl connector sqlserver`.
type Options struct {
	*shared.Options
	Host, User, PasswordFile, Database string
	Port                               int
	SSLMode                            string
	TrustServerCertificate             bool
	TableNameFormat                    string
}

// NewCmdSQLServer returns the command. runF, when non-nil, replaces run.
func NewCmdSQLServer(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Options: shared.NewOptions(f)}
	cmd := &cobra.Command{
		Use:   "sqlserver",
		Short: "Generate or apply a SQL Server sink connector for the captured topics",
		Long: `Print the {"name", "config"} body of a Microsoft SQL Server sink connector that
upserts each TiCDC Avro record by its record key and deletes on tombstones
(pk.mode=record_key, delete.enabled=true, Avro keys).

--managed (the default) emits Confluent Cloud's MicrosoftSqlServerSink; --self-managed
emits Confluent's JDBC sink with a jdbc:sqlserver URL and AvroConverters.`,
		Example: `  cdcctl connector sqlserver --ddl tpcc.sql --table 'tpcc.*' --host sql.example.net \
    --user cdc --password-file pw.txt --database tpcc
  cdcctl connector sqlserver --topics tidb_tpcc_item --self-managed --schema-registry http://127.0.0.1:8081 \
    --host 127.0.0.1 --user sa --database tpcc --apply --connect-url http://127.0.0.1:8083`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.Check(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	opts.AddFlags(cmd, "tidb-sqlserver-sink")
	fs := cmd.Flags()
	fs.StringVar(&opts.Host, "host", "", "SQL Server host name")
	fs.IntVar(&opts.Port, "port", 1433, "SQL Server port")
	fs.StringVar(&opts.User, "user", "", "SQL Server user")
	fs.StringVar(&opts.PasswordFile, "password-file", "", "Read the SQL Server password from this `file` (or "+EnvPassword+")")
	fs.StringVar(&opts.Database, "database", "", "SQL Server database")
	fs.StringVar(&opts.SSLMode, "ssl-mode", "require", "ssl.mode of a managed connector: prefer or require")
	fs.BoolVar(&opts.TrustServerCertificate, "trust-server-certificate", false, "Accept a self-signed server certificate (self-managed)")
	fs.StringVar(&opts.TableNameFormat, "table-name-format", "", "table.name.format (default: dbo.<table> for one table, else dbo.${topic})")
	return cmd
}

func run(ctx context.Context, opts *Options) error {
	common, srcs, err := opts.Common(ctx)
	if err != nil {
		return err
	}
	pw, err := opts.Secret(opts.Env(EnvPassword), opts.PasswordFile, "--password-file")
	if err != nil {
		return err
	}
	for _, req := range [][2]string{{opts.Host, "--host"}, {opts.User, "--user"},
		{pw, "--password-file (or " + EnvPassword + ")"}, {opts.Database, "--database"}} {
		if req[0] == "" {
			return cmderr.FlagErrorf("connector %s: missing %s", opts.Name, req[1])
		}
	}
	table := opts.TableNameFormat
	if table == "" {
		table = "dbo.${topic}"
		if len(srcs) == 1 {
			table = "dbo." + srcs[0].Table.Name
		}
	}
	c, err := connector.SQLServerSink(connector.SQLServer{
		Common: common, Host: opts.Host, Port: opts.Port, User: opts.User, Password: pw, Database: opts.Database,
		SSLMode: opts.SSLMode, TrustServerCertificate: opts.TrustServerCertificate,
		TableNameFormat: table, PKFields: sharedKey(srcs),
	})
	if err != nil {
		return cmderr.InvalidInput(err)
	}
	return opts.Emit(ctx, c)
}

// sharedKey returns the Avro key field names when every table has the same
// ones (pk.fields applies to all topics); nil otherwise, which the JDBC
// sink reads as "every field of the record key".
func sharedKey(srcs []schemasource.Source) []string {
	var key []string
	for i, s := range srcs {
		var k []string
		for _, h := range s.Table.Handle {
			k = append(k, avro.SanitizeName(s.Table.Columns[h].Name))
		}
		if i > 0 && strings.Join(k, ",") != strings.Join(key, ",") {
			return nil
		}
		key = k
	}
	return key
}
