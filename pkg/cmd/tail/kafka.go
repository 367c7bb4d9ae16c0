package tail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl"
	saslplain "github.com/segmentio/kafka-go/sasl/plain"
	"github.com/segmentio/kafka-go/sasl/scram"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
)

// brokerConfig is how to reach the brokers: addresses, TLS and SASL.
type brokerConfig struct {
	addrs []string
	tls   *tls.Config
	sasl  sasl.Mechanism
}

// brokerConfig builds the connection settings from the flags.
func (o *Options) brokerConfig() (brokerConfig, error) {
	c := brokerConfig{addrs: o.Brokers}
	if o.TLS || o.TLSInsecure {
		c.tls = &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: o.TLSInsecure} //nolint:gosec // the user asked for it
	}
	switch strings.ToLower(o.SASLMechanism) {
	case "":
	case "plain":
		c.sasl = saslplain.Mechanism{Username: o.SASLUser, Password: o.SASLPassword}
	case "scram-sha-256", "scram-sha-512":
		algo := scram.SHA256
		if strings.HasSuffix(strings.ToLower(o.SASLMechanism), "512") {
			algo = scram.SHA512
		}
		m, err := scram.Mechanism(algo, o.SASLUser, o.SASLPassword)
		if err != nil {
			return c, fmt.Errorf("sasl %s: %w", o.SASLMechanism, err)
		}
		c.sasl = m
	default:
		return c, cmderr.FlagErrorf("--sasl-mechanism: want plain, scram-sha-256 or scram-sha-512, got %q", o.SASLMechanism)
	}
	return c, nil
}

func (c brokerConfig) client() *kafka.Client {
	return &kafka.Client{
		Addr:      kafka.TCP(c.addrs...),
		Timeout:   15 * time.Second,
		Transport: &kafka.Transport{TLS: c.tls, SASL: c.sasl, DialTimeout: 10 * time.Second},
	}
}

func (c brokerConfig) dialer() *kafka.Dialer {
	return &kafka.Dialer{Timeout: 10 * time.Second, DualStack: true, TLS: c.tls, SASLMechanism: c.sasl}
}

// partition is one partition to read and where.
type partition struct {
	topic       string
	id          int
	start, stop int64 // read from start; stop is the end offset when tail began
}

// partitions resolves the topics (names or a regular expression) to their
// partitions with start and end offsets.
func (o *Options) partitions(ctx context.Context, cl *kafka.Client) ([]partition, error) {
	brokers := strings.Join(o.Brokers, ",")
	req := &kafka.MetadataRequest{Topics: o.Topics}
	if o.TopicRegex != "" {
		req.Topics = nil // all topics
	}
	md, err := cl.Metadata(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("kafka %s: metadata: %w", brokers, err)
	}
	var re *regexp.Regexp
	if o.TopicRegex != "" {
		re = regexp.MustCompile(o.TopicRegex) // validated with the flags
	}
	offsets := map[string][]kafka.OffsetRequest{}
	var names []string
	for _, t := range md.Topics {
		if re != nil && (t.Internal || !re.MatchString(t.Name)) {
			continue
		}
		if t.Error != nil {
			if errors.Is(t.Error, kafka.UnknownTopicOrPartition) {
				return nil, cmderr.NotFound(fmt.Errorf("kafka %s: topic %q does not exist", brokers, t.Name))
			}
			return nil, fmt.Errorf("kafka %s: topic %q: %w", brokers, t.Name, t.Error)
		}
		names = append(names, t.Name)
		for _, p := range t.Partitions {
			offsets[t.Name] = append(offsets[t.Name], kafka.FirstOffsetOf(p.ID), kafka.LastOffsetOf(p.ID))
		}
	}
	if len(names) == 0 {
		return nil, cmderr.NotFound(fmt.Errorf("kafka %s: no topic matches %q", brokers, o.TopicRegex))
	}
	lo, err := cl.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: offsets})
	if err != nil {
		return nil, fmt.Errorf("kafka %s: list offsets: %w", brokers, err)
	}
	sort.Strings(names)
	var parts []partition
	for _, name := range names {
		po := lo.Topics[name]
		sort.Slice(po, func(i, j int) bool { return po[i].Partition < po[j].Partition })
		for _, p := range po {
			if p.Error != nil {
				return nil, fmt.Errorf("kafka %s: topic %s partition %d: offsets: %w", brokers, name, p.Partition, p.Error)
			}
			start := p.LastOffset
			if o.FromBeginning {
				start = p.FirstOffset
			}
			parts = append(parts, partition{topic: name, id: p.Partition, start: start, stop: p.LastOffset})
		}
	}
	return parts, nil
}
