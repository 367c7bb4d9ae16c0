package sinkuri

import (
	"fmt"
	"strings"
)

// Codec holds the codec parameters a sink URI may carry (spec §2.3); nil
// means not set. The changefeed file keeps the same settings under [sink]
// and [sink.kafka-config.codec-config]; replicaconfig maps them.
type Codec struct {
	Protocol                       *string
	EnableTiDBExtension            *bool
	AvroDecimalHandlingMode        *string
	AvroBigintUnsignedHandlingMode *string
	AvroEnableWatermark            *bool
	AvroIncludeBeforeValue         *bool
	SchemaRegistry                 *string
	MaxBatchSize                   *int
	OnlyOutputUpdatedColumns       *bool
	ContentCompatible              *bool
	DebeziumDisableSchema          *bool
	EncodingFormat                 *string
	TransactionAtomicity           *string
}

// Protocols lists the protocol names TiCDC accepts (case-insensitive);
// "default" is open-protocol and "flat-avro" is avro.
func Protocols() []string {
	return []string{"avro", "flat-avro", "canal", "canal-json", "open-protocol", "default", "maxwell", "craft", "debezium", "simple", "csv"}
}

// NormalizeProtocol returns the canonical name of a protocol given in any
// case ("default" → "open-protocol", "flat-avro" → "avro"), or an error
// naming the protocol when TiCDC does not know it.
func NormalizeProtocol(p string) (string, error) {
	l := strings.ToLower(p)
	switch l {
	case "default":
		return "open-protocol", nil
	case "flat-avro":
		return "avro", nil
	}
	for _, k := range Protocols() {
		if k == l {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown protocol %q, want one of %s", p, strings.Join(Protocols(), ", "))
}

// CheckProtocol checks a protocol for a Kafka sink: known, and not csv
// (which only storage sinks write).
func CheckProtocol(where, param, p string) error {
	n, err := NormalizeProtocol(p)
	if err != nil {
		return &ParamError{Where: where, Param: param, Reason: err.Error()}
	}
	if n == "csv" {
		return paramErr(where, param, `protocol "csv" is only for storage sinks, not Kafka`)
	}
	return nil
}

// CheckAvroModes checks the two Avro handling modes ("" keeps the
// default), with TiCDC's wording.
func CheckAvroModes(where, decimal, bigint string) error {
	if decimal != "" && decimal != "precise" && decimal != "string" {
		return paramErr(where, "avro-decimal-handling-mode", `value could only be "string" or "precise", got %q`, decimal)
	}
	if bigint != "" && bigint != "long" && bigint != "string" {
		return paramErr(where, "avro-bigint-unsigned-handling-mode", `value could only be "long" or "string", got %q`, bigint)
	}
	return nil
}

// CheckEncodingFormat checks encoding-format, which only the simple
// protocol reads: json or avro ("" keeps json).
func CheckEncodingFormat(where, v string) error {
	if v == "" || v == "json" || v == "avro" {
		return nil
	}
	return paramErr(where, "encoding-format", `unsupported encoding format %q for the simple protocol, want "json" or "avro"`, v)
}

// CheckTxnAtomicity checks transaction-atomicity for a Kafka sink: only
// "none" (or unset) is allowed.
func CheckTxnAtomicity(where, v string) error {
	if v == "" || v == "none" {
		return nil
	}
	return paramErr(where, "transaction-atomicity", "%q level atomicity is not supported by the kafka scheme, only \"none\"", v)
}

// CheckValues checks every codec parameter set in c on its own.
func (c *Codec) CheckValues(where string) error {
	if c.Protocol != nil {
		if err := CheckProtocol(where, "protocol", *c.Protocol); err != nil {
			return err
		}
	}
	if err := c.checkAvro(where); err != nil {
		return err
	}
	if p, _ := NormalizeProtocol(str(c.Protocol)); p == "simple" {
		if err := CheckEncodingFormat(where, str(c.EncodingFormat)); err != nil {
			return err
		}
	}
	if c.MaxBatchSize != nil && *c.MaxBatchSize <= 0 {
		return paramErr(where, "max-batch-size", "want a positive integer, got %d", *c.MaxBatchSize)
	}
	if err := CheckTxnAtomicity(where, str(c.TransactionAtomicity)); err != nil {
		return err
	}
	if v := str(c.SchemaRegistry); v != "" {
		if _, err := ParseRegistry(v); err != nil {
			return &ParamError{Where: where, Param: "schema-registry", Reason: err.Error()}
		}
	}
	return nil
}

// checkAvro checks the Avro modes when this URI names the avro protocol
// itself; with the protocol from a file, replicaconfig checks them.
func (c *Codec) checkAvro(where string) error {
	if c.Protocol == nil {
		return nil
	}
	if p, _ := NormalizeProtocol(*c.Protocol); p != "avro" {
		return nil
	}
	return CheckAvroModes(where, str(c.AvroDecimalHandlingMode), str(c.AvroBigintUnsignedHandlingMode))
}
