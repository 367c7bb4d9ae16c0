// Package gen implements `cdcctl ksqldb gen`.
package gen

import (
	"context"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/genfiles"
	"github.com/cdcctl/cdcctl/pkg/cmd/schemasource"
	"github.com/cdcctl/cdcctl/pkg/gen/ksqldb"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

// Options are the parsed flags of `cdcctl ksqldb gen`.
type Options struct {
	IO      *iostreams.IOStreams
	Source  schemasource.Options
	Out     genfiles.Options
	KSQL    ksqldb.Options
	Columns string // --columns infer|explicit
	Objects string // --objects stream,table
	Name    string // --name (one table)
}

// NewCmdGen returns the gen command. runF, when non-nil, replaces run.
func NewCmdGen(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams}
	opts.Source.Getenv, opts.Source.ReadFile = os.Getenv, os.ReadFile
	cmd := &cobra.Command{
		Use:   "gen",
		Short: "Generate a ksqlDB STREAM and a keyed SOURCE TABLE per captured table",
		Long: `Generate, for each table, a CREATE STREAM of its change events and a CREATE SOURCE
TABLE of its current state over the table's TiCDC Avro topic.

The TABLE is keyed by TiCDC's Avro record key, so a tombstone deletes its row: with
inferred columns the key is ROWKEY STRUCT<...>; with --columns explicit a one-field
key is declared as ROWKEY STRUCT<field type> and a compound key field by field
(never a bare single key column, which ksqlDB would read unwrapped).`,
		Example: `  cdcctl ksqldb gen --ddl tpcc.sql --table tpcc.orders
  cdcctl ksqldb gen --from mysql://root@127.0.0.1:3306/tpcc --table orders --columns explicit
  cdcctl ksqldb gen --from-registry http://127.0.0.1:8081 --topic tidb_tpcc_orders --objects table`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.Source.Validate(); err != nil {
				return err
			}
			switch opts.Columns {
			case "infer":
			case "explicit":
				opts.KSQL.Explicit = true
			default:
				return cmderr.FlagErrorf("--columns: want infer or explicit, got %q", opts.Columns)
			}
			if _, err := kinds(opts.Objects); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	opts.Source.AddFlags(cmd.Flags())
	fs := cmd.Flags()
	fs.StringVar(&opts.Columns, "columns", "infer", "Column lists: infer (from the registered schemas) or explicit (mapped types)")
	fs.StringVar(&opts.Objects, "objects", "stream,table", "Statements to generate: stream, table or both")
	fs.StringVar(&opts.Name, "name", "", "Name of the TABLE for the one table (the STREAM gets _STREAM); default: the MySQL table name")
	fs.StringVar(&opts.KSQL.KeyFormat, "key-format", "AVRO", "KEY_FORMAT: AVRO, PROTOBUF, JSON_SR, or NONE (streams only)")
	fs.StringVar(&opts.KSQL.ValueFormat, "value-format", "AVRO", "VALUE_FORMAT: AVRO, PROTOBUF or JSON_SR")
	fs.StringVar(&opts.KSQL.DecimalMode, "avro-decimal-handling-mode", "", "The changefeed's DECIMAL mode (precise or string) for explicit columns; default: from the registry, else precise")
	fs.StringVar(&opts.KSQL.BigintUnsignedMode, "avro-bigint-unsigned-handling-mode", "", "The changefeed's BIGINT UNSIGNED mode (long or string) for explicit columns; default: from the registry, else long")
	genfiles.AddFlags(cmd, &opts.Out)
	return cmd
}

func kinds(s string) ([]ksqldb.Kind, error) {
	var out []ksqldb.Kind
	for _, k := range strings.Split(s, ",") {
		switch strings.TrimSpace(k) {
		case "stream":
			out = append(out, ksqldb.KindStream)
		case "table":
			out = append(out, ksqldb.KindTable)
		default:
			return nil, cmderr.FlagErrorf("--objects: want stream, table or stream,table, got %q", s)
		}
	}
	return out, nil
}

func run(ctx context.Context, opts *Options) error {
	res, err := opts.Source.Resolve(ctx)
	if err != nil {
		return err
	}
	if opts.Name != "" && len(res.Sources) != 1 {
		return cmderr.FlagErrorf("--name names one table, but %d matched", len(res.Sources))
	}
	o := opts.KSQL
	if o.DecimalMode == "" {
		o.DecimalMode = res.Modes.Decimal
	}
	if o.BigintUnsignedMode == "" {
		o.BigintUnsignedMode = res.Modes.BigintUnsigned
	}
	targets := make([]ksqldb.Target, len(res.Sources))
	for i, s := range res.Sources {
		targets[i] = ksqldb.Target{Table: s.Table, Topic: s.Topic, Name: opts.Name}
	}
	ks, _ := kinds(opts.Objects)
	arts, err := ksqldb.Generate(ks, targets, o)
	if err != nil {
		return cmderr.InvalidInput(err)
	}
	return genfiles.Write(opts.IO, opts.Out, arts)
}
