// Package shared holds what the `cdcctl snowflake gen-*` verbs have in
// common: their flags, options and run function. Each verb only chooses
// the objects it generates.
package shared

import (
	"context"
	"os"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/cmd/genfiles"
	"github.com/cdcctl/cdcctl/pkg/cmd/schemasource"
	"github.com/cdcctl/cdcctl/pkg/gen/snowflake"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

// Options are the parsed flags of a gen-* verb.
type Options struct {
	IO     *iostreams.IOStreams
	Source schemasource.Options
	Out    genfiles.Options
	// Kinds are the objects the verb generates.
	Kinds []snowflake.Kind

	Snowflake    snowflake.Options
	LandingTable string // --landing-table (one table)
	ReplicaTable string // --replica-table (one table)
}

// Spec describes one verb.
type Spec struct {
	Use, Short, Long, Example string
	Kinds                     []snowflake.Kind
	// Tasks adds the task flags (warehouse, schedule, …).
	Tasks bool
}

// NewCommand builds a gen-* verb. runF, when non-nil, replaces Run.
func NewCommand(f *factory.Factory, spec Spec, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Kinds: spec.Kinds}
	opts.Source.Getenv, opts.Source.ReadFile = os.Getenv, os.ReadFile
	cmd := &cobra.Command{
		Use:     spec.Use,
		Short:   spec.Short,
		Long:    spec.Long,
		Example: spec.Example,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.validate(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return Run(cmd.Context(), opts)
		},
	}
	opts.Source.AddFlags(cmd.Flags())
	fs := cmd.Flags()
	s := &opts.Snowflake
	fs.StringVar(&s.Database, "database", "CDC_DB", "Snowflake `database` of the replica tables and tasks")
	fs.StringVar(&s.Schema, "schema", "REPLICA", "Snowflake `schema` of the replica tables and tasks")
	fs.StringVar(&s.LandingDatabase, "landing-database", "", "Database the connector writes into (default: --database)")
	fs.StringVar(&s.LandingSchema, "landing-schema", "LANDING", "Schema the connector writes into (its snowflake.schema.name)")
	fs.StringVar(&opts.LandingTable, "landing-table", "", "Landing table of the one table (default: the topic, as the connector's topic2table map names it)")
	fs.StringVar(&opts.ReplicaTable, "replica-table", "", "Replica table name of the one table (default: the MySQL table name)")
	fs.StringVar(&s.TimestampOffset, "timestamp-offset", "+00:00", "UTC offset of the TIMESTAMP values TiCDC writes (its --tz)")
	fs.BoolVar(&s.SoftDelete, "soft-delete", false, "Keep deleted rows, flagged _CDC_DELETED, so that replays cannot bring them back")
	if spec.Tasks {
		fs.StringVar(&s.Warehouse, "warehouse", "", "Warehouse that runs the tasks (or --serverless)")
		fs.BoolVar(&s.Serverless, "serverless", false, "Run the tasks on Snowflake-managed compute")
		fs.StringVar(&s.InitialWarehouseSize, "initial-warehouse-size", "XSMALL", "Initial size of serverless tasks")
		fs.StringVar(&s.Schedule, "schedule", "1m", "How often the merge task runs: a duration (5m), \"5 MINUTES\" or \"USING CRON <expr> <tz>\"")
		fs.IntVar(&s.KeepLandingDays, "keep-landing-days", 0, "Keep merged rows in the landing table this many days before the purge task deletes them")
		fs.StringVar(&s.Role, "role", "", "Role that owns the tasks, named in the grants comments")
	}
	genfiles.AddFlags(cmd, &opts.Out)
	return cmd
}

func (o *Options) validate(cmd *cobra.Command) error {
	if err := o.Source.Validate(); err != nil {
		return err
	}
	s := &o.Snowflake
	if s.Serverless && s.Warehouse != "" {
		return cmderr.FlagErrorf("--warehouse and --serverless exclude each other")
	}
	if cmd.Flags().Lookup("warehouse") != nil && !s.Serverless && s.Warehouse == "" && needsTask(o.Kinds) {
		return cmderr.FlagErrorf("tasks need --warehouse NAME or --serverless")
	}
	if s.Schedule != "" {
		sched, err := snowflake.ParseSchedule(s.Schedule)
		if err != nil {
			return cmderr.FlagErrorf("--schedule: %v", err)
		}
		s.Schedule = sched
	}
	if s.KeepLandingDays < 0 {
		return cmderr.FlagErrorf("--keep-landing-days: want 0 or more, got %d", s.KeepLandingDays)
	}
	return nil
}

func needsTask(kinds []snowflake.Kind) bool {
	for _, k := range kinds {
		if k == snowflake.KindTask || k == snowflake.KindPurge {
			return true
		}
	}
	return false
}

// Run resolves the tables, generates the objects and writes them.
func Run(ctx context.Context, o *Options) error {
	res, err := o.Source.Resolve(ctx)
	if err != nil {
		return err
	}
	if (o.LandingTable != "" || o.ReplicaTable != "") && len(res.Sources) != 1 {
		return cmderr.FlagErrorf("--landing-table and --replica-table name one table, but %d matched", len(res.Sources))
	}
	targets := make([]snowflake.Target, len(res.Sources))
	for i, s := range res.Sources {
		targets[i] = snowflake.Target{Table: s.Table, Topic: s.Topic, LandingTable: o.LandingTable, ReplicaTable: o.ReplicaTable}
	}
	arts, err := snowflake.Generate(o.Kinds, targets, o.Snowflake)
	if err != nil {
		return cmderr.InvalidInput(err)
	}
	return genfiles.Write(o.IO, o.Out, arts)
}
