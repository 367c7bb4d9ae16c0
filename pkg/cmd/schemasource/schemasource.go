// Package schemasource is the schema-source flag set shared by the
// downstream generator commands: where table definitions come from
// (--from mysql://…, --from-registry URL, --ddl FILE), which tables
// (--table), and their topics (--topic-rule, --topic). It resolves the
// flags to table definitions and topic names.
//
// With -c/--changefeed-id the tables are those of a changefeed on a cdcctl
// or TiCDC server (--server): rebuilt from the Avro schemas registered for
// its topics at its Schema Registry.
package schemasource

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/schema"
)

// Environment variables read for credentials not given in a URL.
const (
	EnvMySQLPassword           = "CDCCTL_MYSQL_PASSWORD"
	EnvSchemaRegistryAPIKey    = "CDCCTL_SCHEMA_REGISTRY_API_KEY"
	EnvSchemaRegistryAPISecret = "CDCCTL_SCHEMA_REGISTRY_API_SECRET"
)

// DefaultTopicRule is TiCDC's topic dispatcher rule of the Confluent guide.
const DefaultTopicRule = "tidb_{schema}_{table}"

// Options are the parsed schema-source flags.
type Options struct {
	From          string   // --from mysql://user:password@host:port/db
	Registry      string   // --from-registry URL
	Topics        []string // --topic
	DDL           []string // --ddl files
	DefaultSchema string   // --default-schema, for unqualified DDL
	Tables        []string // --table names or patterns
	TopicRule     string   // --topic-rule

	Changefeed  api.ChangefeedID // -c/--changefeed-id, --namespace
	Server      string           // --server ("" for CDCCTL_SERVER or TiCDC's default)
	ServerToken string           // --server-token ("" for CDCCTL_SERVER_TOKEN)
	// ChangefeedAPI, when set, replaces the client built from Server and
	// ServerToken (tests; commands that resolve the config file).
	ChangefeedAPI func() (ChangefeedGetter, error)

	// Getenv reads credentials from the environment (os.Getenv).
	Getenv func(string) string
	// ReadFile reads --ddl files (os.ReadFile).
	ReadFile func(string) ([]byte, error)
	// HTTP is the registry's client; nil = a client with a timeout.
	HTTP *http.Client

	// topicFilter keeps the subjects of a changefeed's topics (-c).
	topicFilter *regexp.Regexp
}

// Source is one resolved table and its topic.
type Source struct {
	Table *event.Table
	Topic string
}

// Result is what the flags resolve to.
type Result struct {
	Sources []Source
	// Modes are the Avro modes the registry's schemas show (--from-registry
	// only; zero otherwise).
	Modes schema.AvroModes
}

// AddFlags adds the flag set to fs.
func (o *Options) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.From, "from", "", "Read table definitions from the information_schema of the server at `URL`, mysql://user:password@host:port/db (password also from "+EnvMySQLPassword+")")
	fs.StringVar(&o.Registry, "from-registry", "", "Rebuild table definitions from the Avro key/value schemas registered for each topic at this Schema Registry `URL`")
	fs.StringSliceVar(&o.Topics, "topic", nil, "Topic of the table (one table), or, with --from-registry, the topics to read schemas for (repeatable)")
	fs.StringSliceVar(&o.DDL, "ddl", nil, "Read table definitions from a `file` of CREATE TABLE statements (repeatable)")
	fs.StringVar(&o.DefaultSchema, "default-schema", "", "Database of unqualified tables in --ddl files without USE")
	fs.StringSliceVarP(&o.Tables, "table", "t", nil, "Tables to generate for: `db.table` names or patterns with * and ? (repeatable or comma-separated); a bare name matches any database")
	fs.StringVar(&o.TopicRule, "topic-rule", DefaultTopicRule, "Topic of each table: the changefeed's dispatcher topic rule, with {schema} and {table}")
	o.addChangefeedFlags(fs)
}

// Validate checks the flag combination (usage errors).
func (o *Options) Validate() error {
	n := 0
	// -c reads a registry too: --from-registry then only replaces the
	// changefeed's registry address.
	for _, set := range []bool{o.From != "", o.Registry != "" || o.Changefeed.ID != "", len(o.DDL) > 0} {
		if set {
			n++
		}
	}
	switch {
	case n == 0:
		return cmderr.FlagErrorf("give a schema source: --from mysql://…, --from-registry URL, --ddl FILE or -c CHANGEFEED")
	case n > 1:
		return cmderr.FlagErrorf("give only one schema source of --from, --from-registry (or -c) and --ddl")
	case o.Registry == "" && o.Changefeed.ID == "" && len(o.Topics) > 1:
		return cmderr.FlagErrorf("--topic names the topic of one table; use --topic-rule for several")
	case o.Registry != "" && o.Changefeed.ID == "" && len(o.Topics) == 0 && len(o.Tables) == 0:
		return cmderr.FlagErrorf("--from-registry needs --topic or --table")
	}
	if o.Changefeed.ID != "" {
		if err := api.CheckChangefeedID(o.Changefeed.ID); err != nil {
			return cmderr.InvalidInput(err)
		}
		if err := api.CheckNamespace(o.Changefeed.Namespace); err != nil {
			return cmderr.InvalidInput(err)
		}
	}
	if _, err := ParseTopicRule(o.TopicRule); err != nil {
		return cmderr.FlagErrorWrap(err)
	}
	return nil
}

// Resolve loads the tables and names their topics. An unknown table is a
// not-found error, a bad DDL file invalid input, an unreachable source a
// plain error naming it.
func (o *Options) Resolve(ctx context.Context) (*Result, error) {
	rule, err := ParseTopicRule(o.TopicRule)
	if err != nil {
		return nil, cmderr.FlagErrorWrap(err)
	}
	var res *Result
	switch {
	case o.From != "":
		res, err = o.fromMySQL(ctx)
	case o.Changefeed.ID != "":
		if res, err = o.fromChangefeed(ctx); err != nil {
			return nil, err
		}
		sortSources(res.Sources)
		return res, nil
	case o.Registry != "":
		res, err = o.fromRegistry(ctx)
		if err != nil {
			return nil, err
		}
		sortSources(res.Sources)
		return res, nil
	default:
		res, err = o.fromDDL()
	}
	if err != nil {
		return nil, classify(err)
	}
	sortSources(res.Sources)
	if len(o.Topics) == 1 && len(res.Sources) > 1 {
		return nil, cmderr.FlagErrorf("--topic %s names one topic but %d tables matched", o.Topics[0], len(res.Sources))
	}
	for i := range res.Sources {
		s := &res.Sources[i]
		if len(o.Topics) == 1 {
			s.Topic = o.Topics[0]
			continue
		}
		s.Topic = rule.Topic(s.Table.Schema, s.Table.Name)
	}
	if err := distinctTopics(res.Sources); err != nil {
		return nil, cmderr.FlagErrorWrap(err)
	}
	return res, nil
}

// sortSources orders tables by database and name, so that every schema
// source gives the same output for the same tables.
func sortSources(srcs []Source) {
	sort.SliceStable(srcs, func(i, j int) bool {
		a, b := srcs[i].Table, srcs[j].Table
		if a.Schema != b.Schema {
			return a.Schema < b.Schema
		}
		return a.Name < b.Name
	})
}

// classify marks unknown tables as not found.
func classify(err error) error {
	var nt *schema.NoTableError
	if errors.As(err, &nt) {
		return cmderr.NotFound(err)
	}
	return err
}

func distinctTopics(srcs []Source) error {
	seen := map[string]string{}
	for _, s := range srcs {
		if other, dup := seen[s.Topic]; dup {
			return fmt.Errorf("tables %s and %s would share topic %s; TiCDC's Avro needs one topic per table (check --topic-rule)", other, s.Table.QualifiedName(), s.Topic)
		}
		seen[s.Topic] = s.Table.QualifiedName()
	}
	return nil
}

// fromDDL parses the --ddl files and keeps the tables --table selects.
func (o *Options) fromDDL() (*Result, error) {
	var all []*event.Table
	for _, path := range o.DDL {
		b, err := o.ReadFile(path)
		if err != nil {
			return nil, cmderr.InvalidInput(fmt.Errorf("--ddl %s: %w", path, err))
		}
		tables, err := schema.ParseDDL(string(b), o.DefaultSchema)
		if err != nil {
			return nil, cmderr.InvalidInput(fmt.Errorf("--ddl %s: %w", path, err))
		}
		all = append(all, tables...)
	}
	if len(all) == 0 {
		return nil, cmderr.InvalidInput(fmt.Errorf("--ddl %s: no CREATE TABLE statement", strings.Join(o.DDL, ", ")))
	}
	sel, err := selectTables(all, o.Tables)
	if err != nil {
		return nil, err
	}
	return &Result{Sources: sel}, nil
}

// selectTables keeps the tables that match any pattern (all when there are
// none), in input order; a pattern matching nothing is a *NoTableError.
func selectTables(all []*event.Table, patterns []string) ([]Source, error) {
	keep := make([]bool, len(all))
	for _, p := range patterns {
		found := false
		for i, t := range all {
			if schema.MatchTable(p, t.Schema, t.Name) {
				keep[i], found = true, true
			}
		}
		if !found {
			known := make([]string, len(all))
			for i, t := range all {
				known[i] = t.QualifiedName()
			}
			return nil, &schema.NoTableError{Pattern: p, Known: known}
		}
	}
	var out []Source
	for i, t := range all {
		if keep[i] || len(patterns) == 0 {
			out = append(out, Source{Table: t})
		}
	}
	return out, nil
}
