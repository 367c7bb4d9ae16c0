// Package validate implements `cdcctl changefeed validate`.
package validate

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/config"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

// Options are the parsed flags of `cdcctl changefeed validate`.
type Options struct {
	IO     *iostreams.IOStreams
	Format output.Format

	SinkURI        string
	ConfigFile     string
	SchemaRegistry string

	// Route asks where a row of schema.table goes.
	Route      string
	Partitions int32
	Columns    []string // name=value, values as TiCDC's valueString
	CommitTs   uint64

	// ReadFile reads --config (os.ReadFile).
	ReadFile func(string) ([]byte, error)
	// Config resolves cdcctl's settings; CDCCTL_SCHEMA_REGISTRY or the
	// config file's schema-registry stand in for --schema-registry.
	Config func() (*config.Config, error)
}

// NewCmdValidate returns the validate command. runF, when non-nil,
// replaces the run function (tests capture the options with it).
func NewCmdValidate(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, ReadFile: os.ReadFile, Config: f.Config}
	cmd := &cobra.Command{
		Use:   "validate --sink-uri <uri> [--config <file>] [--route <db.table> --partitions <n>]",
		Short: "Check a sink URI and changefeed config offline, and show where rows go",
		Long: `Check a sink URI and a changefeed.conf exactly as "changefeed create" will,
without contacting any server, and print the effective configuration with
every secret masked. Use it in CI before creating a changefeed.

With --route, also print the topic and the partition that a row of that
table with the given column values goes to, computed as TiCDC computes it.
--columns gives the row's handle-key columns (or those of the index named
by the rule's index=) and the columns a "columns" dispatcher hashes; give
values as TiCDC renders them: integers in decimal, strings as they are.

Exits 0 when the combination is valid, 2 with the error otherwise.`,
		Example: `  cdcctl changefeed validate --sink-uri 'kafka://127.0.0.1:9092/ticdc-meta?protocol=avro' \
    --schema-registry http://127.0.0.1:8081 --config changefeed.conf
  cdcctl changefeed validate --sink-uri "$SINK_URI" --config changefeed.conf -o json
  cdcctl changefeed validate --sink-uri "$SINK_URI" --config changefeed.conf \
    --route tpcc.orders --partitions 6 --columns 'o_w_id=1,o_d_id=2,o_id=3001'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFlags(cmd, opts); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return validateRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.SinkURI, "sink-uri", "", "Sink URI, e.g. kafka://host:9092/topic?protocol=avro (required)")
	fl.StringVarP(&opts.ConfigFile, "config", "c", "", "Changefeed configuration file (TiCDC changefeed.conf TOML)")
	fl.StringVar(&opts.SchemaRegistry, "schema-registry", "", "Schema Registry URL, may carry user:password@ (env CDCCTL_SCHEMA_REGISTRY)")
	fl.StringVar(&opts.Route, "route", "", "Show the topic and partition of a row of this table (db.table)")
	fl.Int32Var(&opts.Partitions, "partitions", 0, "Partition count of the table's topic (with --route)")
	fl.StringSliceVar(&opts.Columns, "columns", nil, "Key column values of the row, name=value[,name=value] (with --route)")
	fl.Uint64Var(&opts.CommitTs, "commit-ts", 0, "Commit TSO of the row, for the ts dispatcher (with --route)")
	output.AddFlag(cmd, &opts.Format)
	return cmd
}

// checkFlags rejects flag combinations that cannot work.
func checkFlags(cmd *cobra.Command, o *Options) error {
	if strings.TrimSpace(o.SinkURI) == "" {
		return cmderr.FlagErrorf("--sink-uri is required")
	}
	if o.Route == "" {
		for _, name := range []string{"partitions", "columns", "commit-ts"} {
			if cmd.Flags().Changed(name) {
				return cmderr.FlagErrorf("--%s needs --route", name)
			}
		}
		return nil
	}
	if _, _, err := splitTable(o.Route); err != nil {
		return cmderr.FlagErrorWrap(err)
	}
	if o.Partitions <= 0 {
		return cmderr.FlagErrorf("--route needs --partitions, a positive partition count (got %d)", o.Partitions)
	}
	if _, err := parseColumns(o.Columns); err != nil {
		return cmderr.FlagErrorWrap(err)
	}
	return nil
}

func validateRun(o *Options) error {
	res, err := resolve(o)
	if err != nil {
		return cmderr.InvalidInput(err)
	}
	for _, w := range res.warnings {
		fmt.Fprintf(o.IO.ErrOut, "warning: %s\n", w)
	}
	return output.Print(o.IO, o.Format, res.view())
}

// resolved is the outcome of a valid combination.
type resolved struct {
	uri      *sinkuri.URI
	cfg      *replicaconfig.ReplicaConfig
	route    *routeView
	warnings []string
}

// resolve validates the combination exactly as changefeed create does and
// computes the route when asked.
func resolve(o *Options) (*resolved, error) {
	u, err := sinkuri.Parse(o.SinkURI)
	if err != nil {
		return nil, err
	}
	src := replicaconfig.Source{SinkURI: u, SchemaRegistry: o.registryFlag()}
	if o.ConfigFile != "" {
		if src.File, err = o.ReadFile(o.ConfigFile); err != nil {
			return nil, fmt.Errorf("changefeed config %q: %w", o.ConfigFile, unwrapPathError(err))
		}
		src.FileName = o.ConfigFile
	}
	cfg, err := replicaconfig.Resolve(src)
	if err != nil {
		return nil, err
	}
	res := &resolved{uri: u, cfg: cfg, warnings: cfg.WarningsWith(u)}
	if p := cfg.Protocol(); p != "avro" {
		res.warnings = append(res.warnings, fmt.Sprintf("protocol %q is valid for a TiCDC server; the cdcctl engine writes only avro", p))
	}
	if o.Route != "" {
		if res.route, err = computeRoute(o, u, cfg); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// registryFlag is --schema-registry, else cdcctl's configured one.
func (o *Options) registryFlag() string {
	if o.SchemaRegistry != "" || o.Config == nil {
		return o.SchemaRegistry
	}
	c, err := o.Config()
	if err != nil || c == nil {
		return ""
	}
	return c.SchemaRegistry.Reveal()
}

// unwrapPathError drops the *fs.PathError wrapper, whose message repeats
// the path.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
