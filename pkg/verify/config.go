package verify

import (
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/dispatch"
)

// Table names an upstream table to compare.
type Table struct {
	// Name is "db.table" as the table is called now.
	Name string `json:"name"`
	// Previous are the names the table had before, oldest first, when it
	// was renamed while the changefeed ran (RENAME TABLE): rows last
	// written under an old name live only in that name's messages.
	Previous []string `json:"previous,omitempty"`
	// TruncatedAt is set when the table was truncated while the changefeed
	// ran. The Avro protocol carries no DDL, so rows whose last message
	// has a commit time before TruncatedAt are taken as removed. The
	// workload must keep the table's writes at least one second away from
	// the TRUNCATE on either side (commit ts carry binlog seconds).
	TruncatedAt time.Time `json:"truncated_at,omitzero"`
}

// Tables returns Table values for plain names.
func Tables(names ...string) []Table {
	out := make([]Table, len(names))
	for i, n := range names {
		out[i] = Table{Name: n}
	}
	return out
}

// Config says what to check. Exactly one of Topics, TopicRule and
// TopicPattern selects the topics.
type Config struct {
	Brokers []string
	// KafkaOpts are extra franz-go client options (SASL, TLS, …).
	KafkaOpts []kgo.Opt
	// RegistryURL is the schema registry; Lookup, when set, replaces it.
	RegistryURL string
	Lookup      avro.SchemaLookup

	// Topics are read in the order given (list a renamed table's older
	// topics first).
	Topics []string
	// TopicRule is a dispatcher topic expression such as
	// "tidb_{schema}_{table}": each table's topics are the rule applied to
	// its previous names, then its name. Topics that do not exist are
	// empty.
	TopicRule string
	// TopicPattern selects every topic whose name it matches, read in
	// name order.
	TopicPattern *regexp.Regexp

	DB     *sql.DB
	Tables []Table

	// TimeZone is the encoder's time zone for TIMESTAMP values (the
	// changefeed's --tz); nil means UTC.
	TimeZone *time.Location
	// StrictColumns counts an upstream column that a row's last message
	// does not carry (the column was added after the row last changed) as
	// a difference. By default such columns are counted in
	// Report.AbsentColumns only, since the protocol does not re-send
	// unchanged rows after a DDL.
	StrictColumns bool
	// Checkpoints are the changefeed's checkpoints sampled while it ran,
	// each with its topics' watermarks read after it: a message first
	// delivered at or above a sample's watermark with a commit ts at or
	// before its checkpoint is a checkpoint violation (the checkpoint
	// passed a message Kafka had not acknowledged). Only the topics a
	// sample lists are judged by it. Needs commit ts in the values, as the
	// order check does.
	Checkpoints []CheckpointSample
	// MaxSamples bounds the findings kept per kind (default 10).
	MaxSamples int
	Logger     *slog.Logger
}

func (c *Config) validate() error {
	var errs []error
	if len(c.Brokers) == 0 {
		errs = append(errs, errors.New("no Kafka brokers"))
	}
	if c.RegistryURL == "" && c.Lookup == nil {
		errs = append(errs, errors.New("no schema registry URL"))
	}
	n := 0
	if len(c.Topics) > 0 {
		n++
	}
	if c.TopicRule != "" {
		n++
		if err := dispatch.ValidateTopicExpression(c.TopicRule, false); err != nil {
			errs = append(errs, err)
		}
	}
	if c.TopicPattern != nil {
		n++
	}
	if n != 1 {
		errs = append(errs, fmt.Errorf("set exactly one of Topics, TopicRule and TopicPattern (%d set)", n))
	}
	if len(c.Tables) == 0 {
		errs = append(errs, errors.New("no tables to compare"))
	}
	seen := map[string]bool{}
	for _, t := range c.Tables {
		for _, name := range append([]string{t.Name}, t.Previous...) {
			if _, _, err := splitName(name); err != nil {
				errs = append(errs, err)
			}
			if k := strings.ToLower(name); seen[k] {
				errs = append(errs, fmt.Errorf("table %s: named twice", name))
			} else {
				seen[k] = true
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	return nil
}

func (c *Config) withDefaults() {
	if c.TimeZone == nil {
		c.TimeZone = time.UTC
	}
	if c.MaxSamples <= 0 {
		c.MaxSamples = 10
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// splitName splits "db.table".
func splitName(name string) (db, table string, err error) {
	db, table, ok := strings.Cut(name, ".")
	if !ok || db == "" || table == "" {
		return "", "", fmt.Errorf("table %q: want db.table", name)
	}
	return db, table, nil
}
