package replicaconfig

import (
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

func (c *ReplicaConfig) checkSink() error {
	s := &c.Sink
	if str(s.Protocol) == "" {
		return errors.New(`sink: parameter "protocol" is required for a Kafka sink; set protocol=avro in the sink URI or protocol in [sink]`)
	}
	if err := sinkuri.CheckProtocol("sink", "protocol", *s.Protocol); err != nil {
		return err
	}
	if err := sinkuri.CheckTxnAtomicity("sink", str(s.TxnAtomicity)); err != nil {
		return err
	}
	if s.EncoderConcurrency != nil && *s.EncoderConcurrency < 0 {
		return fmt.Errorf(`sink: parameter "encoder-concurrency": must be >= 0, got %d`, *s.EncoderConcurrency)
	}
	if v := str(s.SchemaRegistry); v != "" {
		if _, err := sinkuri.ParseRegistry(v); err != nil {
			return fmt.Errorf(`sink: parameter "schema-registry": %w`, err)
		}
	}
	if s.SchemaRegistry != nil && *s.SchemaRegistry != "" && s.KafkaConfig != nil && s.KafkaConfig.GlueSchemaRegistryConfig != nil {
		return errors.New(`sink: schema-registry and glue-schema-registry-config cannot be set at the same time: schema-registry is the Confluent Schema Registry, glue-schema-registry-config the AWS Glue one`)
	}
	return nil
}

func (c *ReplicaConfig) checkKafka() error {
	k := c.Sink.KafkaConfig
	if k == nil {
		return nil
	}
	if err := k.CheckValues(sinkuri.WhereKafkaConfig); err != nil {
		return err
	}
	if err := checkOAuthValues(&k.Kafka); err != nil {
		return err
	}
	if err := k.Kafka.Validate(); err != nil {
		return err
	}
	if g := k.GlueSchemaRegistryConfig; g != nil {
		const where = "sink.kafka-config.glue-schema-registry-config"
		switch {
		case g.RegistryName == "":
			return fmt.Errorf(`%s: parameter "registry-name" is required`, where)
		case g.Region == "":
			return fmt.Errorf(`%s: parameter "region" is required`, where)
		case g.AccessKey != "" && g.SecretAccessKey == "":
			return fmt.Errorf(`%s: access-key is set, but secret-access-key is empty; they must be set together`, where)
		}
	}
	return nil
}

// checkOAuthValues applies TiCDC's checks on the file-only OAuth settings
// that are present (empty values, base64 secret).
func checkOAuthValues(k *sinkuri.Kafka) error {
	for _, f := range []struct {
		name string
		v    *string
	}{{"sasl-oauth-client-id", k.SASLOAuthClientID}, {"sasl-oauth-client-secret", k.SASLOAuthClientSecret}, {"sasl-oauth-token-url", k.SASLOAuthTokenURL}} {
		if f.v != nil && *f.v == "" {
			return fmt.Errorf(`%s: parameter %q cannot be empty`, sinkuri.WhereKafkaConfig, f.name)
		}
	}
	if k.SASLOAuthClientSecret != nil {
		if _, err := base64.StdEncoding.DecodeString(*k.SASLOAuthClientSecret); err != nil {
			return fmt.Errorf(`%s: parameter "sasl-oauth-client-secret": OAuth2 client secret is not base64 encoded`, sinkuri.WhereKafkaConfig)
		}
	}
	return nil
}

// checkCodec checks the codec settings every protocol reads.
func (c *ReplicaConfig) checkCodec() error {
	const where = "sink.kafka-config.codec-config"
	cc := c.codecConfig()
	if cc.MaxBatchSize != nil && *cc.MaxBatchSize <= 0 {
		return fmt.Errorf(`%s: parameter "max-batch-size": want a positive integer, got %d`, where, *cc.MaxBatchSize)
	}
	if c.Protocol() == "simple" {
		return sinkuri.CheckEncodingFormat(where, str(cc.EncodingFormat))
	}
	return nil
}

func (c *ReplicaConfig) codecConfig() CodecConfig {
	if k := c.Sink.KafkaConfig; k != nil && k.CodecConfig != nil {
		return *k.CodecConfig
	}
	return CodecConfig{}
}

func (c *ReplicaConfig) checkLargeMessage() error {
	const where = "sink.kafka-config.large-message-handle"
	k := c.Sink.KafkaConfig
	if k == nil || k.LargeMessageHandle == nil {
		return nil
	}
	h := k.LargeMessageHandle
	switch h.LargeMessageHandleCompression {
	case "none", "snappy", "lz4":
	default:
		return fmt.Errorf(`%s: parameter "large-message-handle-compression": want "none", "snappy" or "lz4", got %q`, where, h.LargeMessageHandleCompression)
	}
	opt := h.LargeMessageHandleOption
	switch opt {
	case "none":
		return nil
	case "claim-check", "handle-key-only":
	default:
		return fmt.Errorf(`%s: parameter "large-message-handle-option": want "none", "claim-check" or "handle-key-only", got %q`, where, opt)
	}
	p := c.Protocol()
	switch {
	case p == "canal-json" && !c.Codec().EnableTiDBExtension:
		return fmt.Errorf("%s: large message handle is set to %s, protocol is canal-json, but enable-tidb-extension is false", where, opt)
	case p != "canal-json" && p != "open-protocol" && p != "simple":
		return fmt.Errorf("%s: large message handle is set to %s, protocol is %s, it's not supported", where, opt, p)
	case opt == "claim-check" && h.ClaimCheckStorageURI == "":
		return fmt.Errorf("%s: large message handle is set to claim-check, but the claim-check-storage-uri is empty", where)
	case opt == "claim-check" && h.ClaimCheckRawValue && p == "open-protocol":
		return fmt.Errorf("%s: large message handle is set to claim-check, raw value is not supported for the open protocol", where)
	case c.ForceReplicate:
		return fmt.Errorf("%s: force-replicate must be disabled when the large message handle is enabled (%s)", where, opt)
	}
	return nil
}

// checkAvro applies TiCDC's Avro rules, in its order: force-replicate,
// the registries, the handling modes, the checksum prerequisites.
func (c *ReplicaConfig) checkAvro() error {
	if boolOf(c.Sink.DeleteOnlyOutputHandleKeyColumns) && c.ForceReplicate {
		return errors.New(`sink: force-replicate must be disabled when "delete-only-output-handle-key-columns" is true`)
	}
	if !c.IsAvro() {
		return nil
	}
	if c.ForceReplicate {
		return errors.New(`parameter "force-replicate": must be disabled (false) when using the avro protocol`)
	}
	glue := c.Sink.KafkaConfig != nil && c.Sink.KafkaConfig.GlueSchemaRegistryConfig != nil
	confluent := str(c.Sink.SchemaRegistry) != ""
	if confluent && glue {
		return errors.New(`sink: Avro protocol requires only one of "schema-registry" or "glue-schema-registry" to specify the schema registry`)
	}
	if !confluent && !glue {
		return errors.New(`sink: Avro protocol requires parameter "schema-registry" or "glue-schema-registry" to specify the schema registry`)
	}
	cc := c.codecConfig()
	if err := sinkuri.CheckAvroModes("sink.kafka-config.codec-config", str(cc.AvroDecimalHandlingMode), str(cc.AvroBigintUnsignedHandlingMode)); err != nil {
		return err
	}
	if codec := c.Codec(); codec.EnableRowChecksum &&
		(!codec.EnableTiDBExtension || codec.DecimalHandlingMode != "string" || codec.BigintUnsignedHandlingMode != "string") {
		return errors.New(`integrity: Avro protocol with row level checksum needs "enable-tidb-extension" true, "avro-decimal-handling-mode" "string" and "avro-bigint-unsigned-handling-mode" "string"`)
	}
	return nil
}
