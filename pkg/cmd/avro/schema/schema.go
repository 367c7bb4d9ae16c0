// Package schema implements `cdcctl avro schema`.
package schema

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	avrocodec "github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
	"github.com/cdcctl/cdcctl/pkg/registry"
	ddl "github.com/cdcctl/cdcctl/pkg/schema"
)

// DefaultTopic is the topic rule of PingCAP's Confluent guide.
const DefaultTopic = "tidb_{schema}_{table}"

// Options are the parsed flags of `cdcctl avro schema`.
type Options struct {
	IO                  *iostreams.IOStreams
	DDLFile             string
	Table               string
	Topic               string
	DecimalMode         string
	BigintUnsignedMode  string
	EnableTiDBExtension bool
	Format              output.Format
}

// NewCmdSchema returns the schema command. runF, when non-nil, replaces the
// run function (tests capture the options with it).
func NewCmdSchema(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams}
	cmd := &cobra.Command{
		Use:   "schema --ddl <file.sql> --table <db.table> [flags]",
		Short: "Print the Avro key and value schemas of a table from its CREATE TABLE",
		Long: `Print the key and value schemas cdcctl (and TiCDC) register for a table, with
their Schema Registry subjects. The schemas are the exact compact JSON text that
is POSTed to the registry, so a CI job can diff them or check them against the
registry's compatibility rules before a DDL runs.

The DDL file holds CREATE TABLE statements (CREATE DATABASE and USE select the
database of unqualified tables); "-" reads standard input.`,
		Args: cobra.NoArgs,
		Example: `  cdcctl avro schema --ddl schema.sql --table shop.orders
  cdcctl avro schema --ddl schema.sql --table shop.orders --enable-tidb-extension -o json
  cdcctl avro schema --ddl - --table shop.orders --decimal-mode string < orders.sql`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.DDLFile == "" {
				return cmderr.FlagErrorf("--ddl is required")
			}
			if opts.Table == "" {
				return cmderr.FlagErrorf("--table is required")
			}
			if _, err := avrocodec.ParseDecimalMode(opts.DecimalMode); err != nil {
				return cmderr.FlagErrorf("--decimal-mode: %v", err)
			}
			if _, err := avrocodec.ParseBigintUnsignedMode(opts.BigintUnsignedMode); err != nil {
				return cmderr.FlagErrorf("--bigint-unsigned-mode: %v", err)
			}
			if !dispatch.IsLiteralTopic(opts.Topic) {
				if err := dispatch.ValidateTopicExpression(opts.Topic, true); err != nil {
					return cmderr.FlagErrorf("--topic: %v", err)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.DDLFile, "ddl", "", `File of CREATE TABLE statements ("-" for standard input)`)
	fl.StringVar(&opts.Table, "table", "", "Table to show, as db.table")
	fl.StringVar(&opts.Topic, "topic", DefaultTopic, "Kafka topic, or a rule with {schema} and {table}, that names the subjects")
	fl.StringVar(&opts.DecimalMode, "decimal-mode", string(avrocodec.DecimalPrecise), "avro-decimal-handling-mode: precise or string")
	fl.StringVar(&opts.BigintUnsignedMode, "bigint-unsigned-mode", string(avrocodec.BigintUnsignedLong), "avro-bigint-unsigned-handling-mode: long or string")
	fl.BoolVar(&opts.EnableTiDBExtension, "enable-tidb-extension", false, "Add the _tidb_op, _tidb_commit_ts and _tidb_commit_physical_time value fields")
	output.AddFlag(cmd, &opts.Format)
	return cmd
}

func run(opts *Options) error {
	sql, err := readDDL(opts)
	if err != nil {
		return cmderr.InvalidInput(err)
	}
	tables, err := ddl.ParseDDL(sql, "")
	if err != nil {
		return cmderr.InvalidInput(fmt.Errorf("%s: %w", opts.DDLFile, err))
	}
	t, err := ddl.FindTable(tables, opts.Table)
	if err != nil {
		return cmderr.NotFound(fmt.Errorf("%s: %w", opts.DDLFile, err))
	}
	if !t.Eligible() {
		return fmt.Errorf("table %s has no primary key and no NOT NULL unique key: TiCDC's Avro protocol needs a message key, so the table would not be replicated", t.QualifiedName())
	}
	p, err := avrocodec.NewPlan(t, avrocodec.Options{
		DecimalMode:         avrocodec.DecimalMode(opts.DecimalMode),
		BigintUnsignedMode:  avrocodec.BigintUnsignedMode(opts.BigintUnsignedMode),
		EnableTiDBExtension: opts.EnableTiDBExtension,
	})
	if err != nil {
		return cmderr.InvalidInput(err)
	}
	topic := dispatch.SubstituteTopic(opts.Topic, t.Schema, t.Name)
	return output.Print(opts.IO, opts.Format, view{
		Table:        t.QualifiedName(),
		Topic:        topic,
		KeySubject:   registry.KeySubject(topic),
		KeySchema:    p.KeySchema,
		ValueSubject: registry.ValueSubject(topic),
		ValueSchema:  p.ValueSchema,
	})
}

func readDDL(opts *Options) (string, error) {
	var b []byte
	var err error
	if opts.DDLFile == "-" {
		if opts.IO.In == nil {
			return "", errors.New("--ddl -: no standard input")
		}
		b, err = io.ReadAll(opts.IO.In)
	} else {
		b, err = os.ReadFile(opts.DDLFile)
	}
	if err != nil {
		return "", fmt.Errorf("read DDL: %w", err)
	}
	return string(b), nil
}
