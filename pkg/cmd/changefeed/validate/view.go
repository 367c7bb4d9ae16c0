package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

// view is what `changefeed validate` prints. Every secret is masked.
type view struct {
	Valid          bool          `json:"valid" yaml:"valid"`
	SinkURI        string        `json:"sink_uri" yaml:"sink_uri"`
	Brokers        []string      `json:"brokers" yaml:"brokers"`
	Topic          string        `json:"topic" yaml:"topic"`
	Protocol       string        `json:"protocol" yaml:"protocol"`
	SchemaRegistry string        `json:"schema_registry,omitempty" yaml:"schema_registry,omitempty"`
	Kafka          kafkaView     `json:"kafka" yaml:"kafka"`
	Route          *routeView    `json:"route,omitempty" yaml:"route,omitempty"`
	Warnings       []string      `json:"warnings,omitempty" yaml:"warnings,omitempty"`
	ReplicaConfig  configView    `json:"replica_config" yaml:"replica_config"`
	configTOML     func() string // table form of ReplicaConfig
}

// kafkaView is the resolved Kafka client configuration, without secrets.
type kafkaView struct {
	PartitionNum      int32  `json:"partition_num" yaml:"partition_num"`
	ReplicationFactor int16  `json:"replication_factor" yaml:"replication_factor"`
	RequiredAcks      int    `json:"required_acks" yaml:"required_acks"`
	Compression       string `json:"compression" yaml:"compression"`
	MaxMessageBytes   int    `json:"max_message_bytes" yaml:"max_message_bytes"`
	AutoCreateTopic   bool   `json:"auto_create_topic" yaml:"auto_create_topic"`
	SASLMechanism     string `json:"sasl_mechanism,omitempty" yaml:"sasl_mechanism,omitempty"`
	TLS               bool   `json:"tls" yaml:"tls"`
}

// configView prints the masked replica config with its API (JSON) keys in
// JSON and YAML alike.
type configView struct{ c *replicaconfig.ReplicaConfig }

func (v configView) MarshalJSON() ([]byte, error) { return json.Marshal(v.c) }

// MarshalYAML gives YAML the JSON keys (and integers as integers).
func (v configView) MarshalYAML() (any, error) {
	b, err := json.Marshal(v.c)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return plainNumbers(m), nil
}

// plainNumbers replaces json.Number by int64 or float64 throughout v.
func plainNumbers(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = plainNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = plainNumbers(e)
		}
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		f, _ := x.Float64()
		return f
	}
	return v
}

func (r *resolved) view() view {
	masked := r.cfg.Masked()
	api, err := sinkuri.MaskAPI(r.uri.String())
	if err != nil {
		api = sinkuri.MaskForError(r.uri.String())
	}
	v := view{
		Valid: true, SinkURI: api, Brokers: r.uri.Brokers, Topic: r.uri.Topic, Protocol: r.cfg.Protocol(),
		Route: r.route, Warnings: r.warnings, ReplicaConfig: configView{masked},
	}
	if reg, ok, _ := r.cfg.Registry(); ok {
		v.SchemaRegistry = reg.String()
	}
	if o, err := r.cfg.KafkaOptions(); err == nil { // validated already
		v.Kafka = kafkaView{PartitionNum: o.PartitionNum, ReplicationFactor: o.ReplicationFactor, RequiredAcks: o.RequiredAcks,
			Compression: o.Compression, MaxMessageBytes: o.MaxMessageBytes, AutoCreateTopic: o.AutoCreateTopic,
			SASLMechanism: o.SASL.Mechanism, TLS: o.TLS.Enabled}
	}
	v.configTOML = func() string {
		b, err := masked.EncodeTOML()
		if err != nil {
			return err.Error()
		}
		return string(b)
	}
	return v
}

// WriteText prints a summary, the route when asked, and the effective
// changefeed.conf.
func (v view) WriteText(w io.Writer) error {
	var b strings.Builder
	line := func(k, val string) { fmt.Fprintf(&b, "%-16s %s\n", k+":", val) }
	line("Valid", "yes")
	line("Sink URI", v.SinkURI)
	line("Brokers", strings.Join(v.Brokers, ", "))
	line("Default topic", v.Topic)
	line("Protocol", v.Protocol)
	if v.SchemaRegistry != "" {
		line("Schema registry", v.SchemaRegistry)
	}
	line("Kafka", v.Kafka.summary())
	if r := v.Route; r != nil {
		line("Route", fmt.Sprintf("%s -> topic %s, partition %d of %d (%s, %s)", r.Table, r.Topic, r.Partition, r.Partitions, r.Dispatcher, r.Rule))
		if len(r.Hashed) > 0 {
			line("Hashed", strings.Join(r.Hashed, ", "))
		}
	}
	b.WriteString("\n# Effective changefeed configuration (secrets masked)\n")
	b.WriteString(v.configTOML())
	_, err := io.WriteString(w, b.String())
	return err
}

func (k kafkaView) summary() string {
	parts := "auto (3 when cdcctl creates the topic)"
	if k.PartitionNum > 0 {
		parts = fmt.Sprint(k.PartitionNum)
	}
	sasl, tls := "off", "off"
	if k.SASLMechanism != "" {
		sasl = k.SASLMechanism
	}
	if k.TLS {
		tls = "on"
	}
	return fmt.Sprintf("partition-num %s, replication-factor %d, required-acks %d, compression %s, max-message-bytes %d, auto-create-topic %v, SASL %s, TLS %s",
		parts, k.ReplicationFactor, k.RequiredAcks, k.Compression, k.MaxMessageBytes, k.AutoCreateTopic, sasl, tls)
}
