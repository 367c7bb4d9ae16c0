package replicaconfig

import (
	"fmt"

	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

// ApplySinkURI overlays the parameters set in a parsed sink URI on the
// configuration, as TiCDC does when it builds the sink: a URI value wins
// over the file's (protocol and transaction-atomicity over [sink], Kafka
// parameters over [sink.kafka-config], codec parameters over
// [sink.kafka-config.codec-config], schema-registry over [sink]). A
// protocol or atomicity that differs from the file's is noted in Warnings,
// not refused. Values were checked by sinkuri.Parse.
func (c *ReplicaConfig) ApplySinkURI(u *sinkuri.URI) {
	s := &c.Sink
	uc := &u.Codec
	c.override("protocol", &s.Protocol, uc.Protocol)
	c.override("transaction-atomicity", &s.TxnAtomicity, uc.TransactionAtomicity)
	if uc.SchemaRegistry != nil {
		s.SchemaRegistry = ptr(*uc.SchemaRegistry)
	}
	setBool(&s.OnlyOutputUpdatedColumns, uc.OnlyOutputUpdatedColumns)
	setBool(&s.ContentCompatible, uc.ContentCompatible)
	setBool(&s.DebeziumDisableSchema, uc.DebeziumDisableSchema)
	if !u.Kafka.IsZero() {
		s.kafka().Kafka.Merge(&u.Kafka)
	}
	if uc.EnableTiDBExtension != nil || uc.MaxBatchSize != nil || uc.AvroEnableWatermark != nil ||
		uc.AvroDecimalHandlingMode != nil || uc.AvroBigintUnsignedHandlingMode != nil ||
		uc.EncodingFormat != nil || uc.AvroIncludeBeforeValue != nil {
		cc := s.codec()
		setBool(&cc.EnableTiDBExtension, uc.EnableTiDBExtension)
		if uc.MaxBatchSize != nil {
			cc.MaxBatchSize = ptr(*uc.MaxBatchSize)
		}
		setBool(&cc.AvroEnableWatermark, uc.AvroEnableWatermark)
		setString(&cc.AvroDecimalHandlingMode, uc.AvroDecimalHandlingMode)
		setString(&cc.AvroBigintUnsignedHandlingMode, uc.AvroBigintUnsignedHandlingMode)
		setString(&cc.EncodingFormat, uc.EncodingFormat)
		setBool(&cc.AvroIncludeBeforeValue, uc.AvroIncludeBeforeValue)
	}
}

// override sets *dst from the URI, noting a conflict with the file.
func (c *ReplicaConfig) override(key string, dst **string, uri *string) {
	if uri == nil {
		return
	}
	if *dst != nil && **dst != "" && **dst != *uri {
		c.notes = append(c.notes, fmt.Sprintf("sink-uri %s=%s overrides the config file's %s=%s", key, *uri, key, **dst))
	}
	*dst = ptr(*uri)
}

func setBool(dst **bool, src *bool) {
	if src != nil {
		*dst = ptr(*src)
	}
}

func setString(dst **string, src *string) {
	if src != nil {
		*dst = ptr(*src)
	}
}
