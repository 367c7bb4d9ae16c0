package schemasource

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

// maskedSecret is how TiCDC and cdcctl servers show a password in their
// answers.
const maskedSecret = "xxxxx"

// ChangefeedGetter reads one changefeed; *client.Changefeeds is one.
type ChangefeedGetter interface {
	Get(ctx context.Context, id api.ChangefeedID) (*api.ChangeFeedInfo, error)
}

// ChangefeedSink is where an Avro changefeed writes, as its server
// describes it: what is needed to read its messages back. Servers mask
// passwords, so SASLPassword is "" and RegistryMasked true when the
// caller has to supply them.
type ChangefeedSink struct {
	ID      api.ChangefeedID
	Brokers []string
	// DefaultTopic is the sink URI's topic.
	DefaultTopic string
	// TopicRules are the topic expressions of the dispatcher rules that
	// name a topic, in rule order ({schema} and {table} placeholders).
	TopicRules []string
	// TopicRegex matches every topic the changefeed can write to.
	TopicRegex string

	TLS           bool
	TLSInsecure   bool
	SASLMechanism string // lower case: plain, scram-sha-256, scram-sha-512, …; "" for none
	SASLUser      string
	SASLPassword  string

	// Registry is the Schema Registry URL, with credentials when the
	// server returned them.
	Registry       string
	RegistryMasked bool
}

// ResolveChangefeed asks the server for changefeed id and works out its
// brokers, topics, TLS and SASL settings and Schema Registry. Errors of the
// server pass through unchanged (the caller classifies them).
func ResolveChangefeed(ctx context.Context, cf ChangefeedGetter, id api.ChangefeedID) (*ChangefeedSink, error) {
	info, err := cf.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	u, err := sinkuri.Parse(info.SinkURI)
	if err != nil {
		return nil, cmderr.InvalidInput(fmt.Errorf("changefeed %s: %w", id, err))
	}
	cfg := info.Config
	if cfg == nil {
		cfg = &replicaconfig.ReplicaConfig{}
	}
	cfg.ApplySinkURI(u)
	if !cfg.IsAvro() {
		return nil, cmderr.InvalidInput(fmt.Errorf("changefeed %s writes protocol %q, not Avro", id, cfg.Protocol()))
	}
	kafka, err := cfg.KafkaOptions()
	if err != nil {
		return nil, cmderr.InvalidInput(fmt.Errorf("changefeed %s: %w", id, err))
	}
	s := &ChangefeedSink{ID: id, Brokers: u.Brokers, DefaultTopic: u.Topic,
		TLS: kafka.TLS.Enabled, TLSInsecure: kafka.TLS.InsecureSkipVerify,
		SASLMechanism: strings.ToLower(kafka.SASL.Mechanism), SASLUser: kafka.SASL.User}
	if kafka.SASL.Password != maskedSecret {
		s.SASLPassword = kafka.SASL.Password
	}
	reg, ok, err := cfg.Registry()
	switch {
	case err != nil:
		return nil, cmderr.InvalidInput(fmt.Errorf("changefeed %s: schema registry: %w", id, err))
	case !ok:
		return nil, cmderr.InvalidInput(fmt.Errorf("changefeed %s has no schema registry", id))
	}
	s.Registry = reg.URL
	if reg.Username != "" {
		ru, _ := url.Parse(reg.URL) // ParseRegistry built it
		if reg.Password == maskedSecret {
			s.RegistryMasked = true
		} else {
			ru.User = url.UserPassword(reg.Username, reg.Password)
			s.Registry = ru.String()
		}
	}
	alts := []string{regexp.QuoteMeta(u.Topic)}
	for _, r := range cfg.Sink.DispatchRules {
		if r.Topic == "" {
			continue
		}
		s.TopicRules = append(s.TopicRules, r.Topic)
		alts = append(alts, topicPattern(r.Topic))
	}
	sort.Strings(alts[1:])
	s.TopicRegex = "^(?:" + strings.Join(dedupe(alts), "|") + ")$"
	return s, nil
}

// topicPattern turns a topic expression into a regular expression: its
// placeholders match any topic characters.
func topicPattern(expr string) string {
	var b strings.Builder
	for rest := expr; rest != ""; {
		switch {
		case strings.HasPrefix(rest, "{schema}"), strings.HasPrefix(rest, "{table}"):
			b.WriteString(`[A-Za-z0-9._-]+`)
			rest = rest[strings.IndexByte(rest, '}')+1:]
		default:
			b.WriteString(regexp.QuoteMeta(rest[:1]))
			rest = rest[1:]
		}
	}
	return b.String()
}

func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		dup := false
		for _, y := range out {
			dup = dup || x == y
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}
