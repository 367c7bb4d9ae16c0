package replicaconfig

import (
	"time"

	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/filter"
	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

// Protocol returns the canonical sink protocol ("avro", "canal-json", …),
// or "" when none is set or it is unknown.
func (c *ReplicaConfig) Protocol() string {
	p, err := sinkuri.NormalizeProtocol(str(c.Sink.Protocol))
	if err != nil {
		return ""
	}
	return p
}

// IsAvro reports whether the sink protocol is Avro (avro or flat-avro).
func (c *ReplicaConfig) IsAvro() bool { return c.Protocol() == "avro" }

// KafkaOptions resolves [sink.kafka-config] (after ApplySinkURI: URI over
// file) with TiCDC's defaults.
func (c *ReplicaConfig) KafkaOptions() (sinkuri.Options, error) {
	if c.Sink.KafkaConfig == nil {
		return (&sinkuri.Kafka{}).Options()
	}
	return c.Sink.KafkaConfig.Kafka.Options()
}

// Registry returns the Confluent Schema Registry, decoded; ok is false
// when none is configured.
func (c *ReplicaConfig) Registry() (r sinkuri.Registry, ok bool, err error) {
	raw := str(c.Sink.SchemaRegistry)
	if raw == "" {
		return sinkuri.Registry{}, false, nil
	}
	r, err = sinkuri.ParseRegistry(raw)
	return r, err == nil, err
}

// Codec is the resolved codec configuration (spec §2.3, §1.4, §1.6).
type Codec struct {
	Protocol                   string
	EnableTiDBExtension        bool
	DecimalHandlingMode        string // "precise" or "string"
	BigintUnsignedHandlingMode string // "long" or "string"
	EnableWatermark            bool   // only with Avro and the extension
	IncludeBeforeValue         bool
	EnableRowChecksum          bool // [integrity] correctness
	MaxBatchSize               int
	MaxMessageBytes            int
	DeleteOnlyHandleKeyColumns bool
	OnlyOutputUpdatedColumns   bool
	EncodingFormat             string
}

// Codec resolves the codec settings with TiCDC's defaults.
func (c *ReplicaConfig) Codec() Codec {
	out := Codec{
		Protocol:                   c.Protocol(),
		DecimalHandlingMode:        "precise",
		BigintUnsignedHandlingMode: "long",
		MaxBatchSize:               16,
		MaxMessageBytes:            sinkuri.DefaultMaxMessageBytes,
		EnableRowChecksum:          c.Integrity.Enabled(),
		DeleteOnlyHandleKeyColumns: boolOf(c.Sink.DeleteOnlyOutputHandleKeyColumns),
		OnlyOutputUpdatedColumns:   boolOf(c.Sink.OnlyOutputUpdatedColumns),
		EncodingFormat:             "json",
	}
	k := c.Sink.KafkaConfig
	if k == nil {
		return out
	}
	if k.MaxMessageBytes != nil {
		out.MaxMessageBytes = *k.MaxMessageBytes
	}
	cc := k.CodecConfig
	if cc == nil {
		return out
	}
	out.EnableTiDBExtension = boolOf(cc.EnableTiDBExtension)
	if v := str(cc.AvroDecimalHandlingMode); v != "" {
		out.DecimalHandlingMode = v
	}
	if v := str(cc.AvroBigintUnsignedHandlingMode); v != "" {
		out.BigintUnsignedHandlingMode = v
	}
	out.EnableWatermark = boolOf(cc.AvroEnableWatermark) && out.EnableTiDBExtension && out.Protocol == "avro"
	out.IncludeBeforeValue = boolOf(cc.AvroIncludeBeforeValue)
	if cc.MaxBatchSize != nil {
		out.MaxBatchSize = *cc.MaxBatchSize
	}
	if v := str(cc.EncodingFormat); v != "" {
		out.EncodingFormat = v
	}
	return out
}

// FilterConfig returns the settings filter.New needs; loc is the zone
// TIMESTAMP values are read in (nil: UTC).
func (c *ReplicaConfig) FilterConfig(loc *time.Location) filter.Config {
	f := filter.Config{
		CaseSensitive:    c.CaseSensitive,
		Rules:            append([]string(nil), c.Filter.Rules...),
		IgnoreTxnStartTs: append([]uint64(nil), c.Filter.IgnoreTxnStartTs...),
		TimeZone:         loc,
	}
	for _, r := range c.Filter.EventFilters {
		f.EventFilters = append(f.EventFilters, filter.EventFilterRule{
			Matcher: r.Matcher, IgnoreEvent: r.IgnoreEvent, IgnoreSQL: r.IgnoreSQL,
			IgnoreInsertValueExpr: r.IgnoreInsertValueExpr, IgnoreUpdateNewValueExpr: r.IgnoreUpdateNewValueExpr,
			IgnoreUpdateOldValueExpr: r.IgnoreUpdateOldValueExpr, IgnoreDeleteValueExpr: r.IgnoreDeleteValueExpr,
		})
	}
	return f
}

// DispatchConfig returns the settings dispatch.New needs; loc is the zone
// TIMESTAMP values are hashed in (nil: UTC). A rule's old "dispatcher" key
// counts as its partition.
func (c *ReplicaConfig) DispatchConfig(loc *time.Location) dispatch.Config {
	d := dispatch.Config{CaseSensitive: c.CaseSensitive, Protocol: c.Protocol(), TimeZone: loc}
	for _, r := range c.Sink.DispatchRules {
		part := r.Partition
		if part == "" {
			part = r.Dispatcher
		}
		d.Rules = append(d.Rules, dispatch.Rule{Matcher: r.Matcher, Partition: part, Index: r.Index, Columns: r.Columns, Topic: r.Topic})
	}
	for _, s := range c.Sink.ColumnSelectors {
		d.ColumnSelectors = append(d.ColumnSelectors, dispatch.ColumnSelector{Matcher: s.Matcher, Columns: s.Columns})
	}
	return d
}
