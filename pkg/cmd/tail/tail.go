// Package tail implements `cdcctl tail`: consume Kafka topics and decode
// their Confluent Avro keys and values through the Schema Registry.
package tail

import (
	"log/slog"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/api"
	cfshared "github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
	"github.com/cdcctl/cdcctl/pkg/registry"
)

// Options are the parsed flags of `cdcctl tail`.
type Options struct {
	IO     *iostreams.IOStreams
	Format output.Format
	Logger *slog.Logger

	Brokers       []string
	Topics        []string
	TopicRegex    string
	Registry      string // may hold user:password@; never printed
	FromBeginning bool
	Follow        bool
	MaxMessages   int

	TLS           bool
	TLSInsecure   bool
	SASLMechanism string
	SASLUser      string
	SASLPassword  string

	// Changefeed, when its ID is set, names the changefeed whose brokers,
	// topics, TLS and SASL settings and registry fill the flags not given.
	Changefeed    api.ChangefeedID
	ChangefeedAPI func() (cfshared.ChangefeedAPI, error)
}

// NewCmdTail returns the command; runF, when non-nil, replaces the run
// function (tests capture the options with it).
func NewCmdTail(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, ChangefeedAPI: cfshared.ClientFunc(f)}
	cmd := &cobra.Command{
		Use:   "tail {--brokers <host:port> --registry <url> {--topic <name>... | --topic-regex <re>} | -c <changefeed>}",
		Short: "Consume and decode captured Avro messages",
		Long: `Consume Kafka topics and decode each message's Confluent Avro key and value
through the Schema Registry (schemas looked up by id and cached), whatever
wrote them: cdcctl, TiCDC or any Confluent Avro producer. A key that is not
Confluent Avro is shown as text.

On a terminal each message is a coloured block: the operation (TiCDC's
_tidb_op "c" or "u", "d" for a tombstone, else "upsert"), topic, partition,
offset and time, then the key and value fields. Otherwise, or with -o json,
each message is one JSON line:

  {"topic", "partition", "offset", "timestamp", "op", "key", "value",
   "key_schema_id", "value_schema_id"}

with records as objects in field order, decimals as exact JSON numbers,
bytes in base64, a null value for a tombstone and null schema ids where
there is no Avro. -o yaml writes one YAML document per message.

By default tail waits for new messages until interrupted. --from-beginning
reads each partition from its first offset and stops at the end offsets
seen at start, unless --follow. --max-messages ends it after that many.
Partitions are read concurrently: messages of one partition keep their
order, messages of different partitions are printed as they arrive.

With -c/--changefeed-id, the changefeed on --server (a cdcctl server or
TiCDC) says where its messages are: the sink URI's brokers, TLS and SASL
settings, the Schema Registry, and every topic of its dispatcher rules and
its default topic (as a --topic-regex). Flags given win. Servers mask
passwords: give the SASL password with CDCCTL_SASL_PASSWORD and a registry
with credentials with --registry or CDCCTL_SCHEMA_REGISTRY.`,
		Example: `  cdcctl tail --brokers 127.0.0.1:9092 --registry http://127.0.0.1:8081 --topic tidb_tpcc_orders
  cdcctl tail --brokers 127.0.0.1:9092 --registry http://127.0.0.1:8081 --topic-regex '^tidb_tpcc_' --from-beginning -o json | jq .value
  cdcctl tail --brokers b.confluent.cloud:9092 --tls --sasl-mechanism plain --sasl-user KEY \
    --registry https://SRKEY:SRSECRET@sr.confluent.cloud --topic tidb_tpcc_item --max-messages 10
  cdcctl tail --server http://127.0.0.1:8300 -c tpcc --from-beginning`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			opts.SASLPassword = cfg.SASLPassword.Reveal()
			if opts.Registry == "" {
				opts.Registry = cfg.SchemaRegistry.Reveal()
			}
			if !cmd.Flags().Changed("output") && !opts.IO.IsStdoutTTY() {
				opts.Format = output.JSON
			}
			if opts.Changefeed.ID != "" {
				if err := cfshared.CheckID(opts.Changefeed, false); err != nil {
					return err
				}
			}
			if err := opts.validate(opts.Changefeed.ID == ""); err != nil {
				return err
			}
			opts.Logger = f.Logger()
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringSliceVar(&opts.Brokers, "brokers", nil, "Kafka bootstrap `host:port` list (comma-separated or repeated)")
	fs.StringSliceVar(&opts.Topics, "topic", nil, "Topic to consume (repeatable)")
	fs.StringVar(&opts.TopicRegex, "topic-regex", "", "Consume every topic whose name matches this regular `expression`")
	fs.StringVar(&opts.Registry, "registry", "", "Schema Registry `URL`, credentials as https://user:password@host (or CDCCTL_SCHEMA_REGISTRY)")
	fs.BoolVar(&opts.FromBeginning, "from-beginning", false, "Read from the first offset of each partition (default: only new messages)")
	fs.BoolVar(&opts.Follow, "follow", false, "Keep waiting for new messages after catching up (the default without --from-beginning)")
	fs.IntVar(&opts.MaxMessages, "max-messages", 0, "Exit after this many messages (0: no limit)")
	fs.BoolVar(&opts.TLS, "tls", false, "Connect to the brokers with TLS")
	fs.BoolVar(&opts.TLSInsecure, "tls-insecure-skip-verify", false, "Connect with TLS without verifying the brokers' certificates")
	fs.StringVar(&opts.SASLMechanism, "sasl-mechanism", "", "SASL mechanism: plain, scram-sha-256 or scram-sha-512")
	fs.StringVar(&opts.SASLUser, "sasl-user", "", "SASL user name (the Confluent Cloud API key)")
	fs.String("sasl-password", "", "SASL password (or CDCCTL_SASL_PASSWORD)")
	cfshared.AddIDFlags(cmd, &opts.Changefeed)
	cfshared.AddServerFlags(cmd)
	output.AddFlag(cmd, &opts.Format)
	if f := fs.Lookup("output"); f != nil {
		f.Usage = "Output format: table (readable; the default on a terminal), json (one line per message; the default otherwise) or yaml"
		f.DefValue = ""
	}
	return cmd
}

// validate checks the flag combination (usage errors). Without targets
// (a changefeed fills them later) brokers, topics and registry may be
// missing.
func (o *Options) validate(targets bool) error {
	var brokers []string
	for _, b := range o.Brokers {
		if b = strings.TrimSpace(b); b != "" {
			brokers = append(brokers, b)
		}
	}
	o.Brokers = brokers
	switch {
	case targets && len(o.Brokers) == 0:
		return cmderr.FlagErrorf("--brokers (or -c/--changefeed-id) is required")
	case targets && len(o.Topics) == 0 && o.TopicRegex == "":
		return cmderr.FlagErrorf("give --topic, --topic-regex or -c/--changefeed-id")
	case len(o.Topics) > 0 && o.TopicRegex != "":
		return cmderr.FlagErrorf("give --topic or --topic-regex, not both")
	case targets && o.Registry == "":
		return cmderr.FlagErrorf("--registry (or CDCCTL_SCHEMA_REGISTRY) is required to decode Avro")
	case o.MaxMessages < 0:
		return cmderr.FlagErrorf("--max-messages: want 0 (no limit) or more, got %d", o.MaxMessages)
	case targets && o.SASLMechanism != "" && (o.SASLUser == "" || o.SASLPassword == ""):
		return cmderr.FlagErrorf("--sasl-mechanism %s needs --sasl-user and --sasl-password (or CDCCTL_SASL_PASSWORD)", o.SASLMechanism)
	case targets && o.SASLMechanism == "" && o.SASLUser != "":
		return cmderr.FlagErrorf("--sasl-user needs --sasl-mechanism")
	}
	for _, t := range o.Topics {
		if strings.TrimSpace(t) == "" {
			return cmderr.FlagErrorf("--topic must not be empty")
		}
	}
	if o.TopicRegex != "" {
		if _, err := regexp.Compile(o.TopicRegex); err != nil {
			return cmderr.FlagErrorf("--topic-regex: %v", err)
		}
	}
	if o.Registry != "" {
		if _, err := registry.New(o.Registry); err != nil {
			return cmderr.FlagErrorWrap(err)
		}
	}
	if _, err := o.brokerConfig(); err != nil {
		return err
	}
	return nil
}
