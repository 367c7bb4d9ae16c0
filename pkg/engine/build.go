package engine

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/filter"
	"github.com/cdcctl/cdcctl/pkg/registry"
	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

// sinkParts are the downstream pieces of a run, built from the definition.
type sinkParts struct {
	producer *kafka.Producer
	encoder  *avro.Encoder
	router   *dispatch.Router
	filter   *filter.Filter
	registry *registry.Client
}

func (s *sinkParts) close(ctx context.Context) {
	if s.producer != nil {
		_ = s.producer.Close(ctx)
	}
}

// buildSink builds the Kafka producer, the registry client and encoder,
// the router and the filter of r. Nothing is dialled.
func buildSink(r *resolved, log *slog.Logger) (*sinkParts, error) {
	ko, err := r.cfg.KafkaOptions()
	if err != nil {
		return nil, inputErr(CodeSinkURIInvalid, err)
	}
	popts, err := producerOptions(r, ko, log)
	if err != nil {
		return nil, err
	}
	producer, err := kafka.New(popts)
	if err != nil {
		return nil, inputErr(CodeSinkURIInvalid, err)
	}
	parts := &sinkParts{producer: producer}
	if parts.router, err = dispatch.New(r.cfg.DispatchConfig(r.loc), r.uri.Topic); err != nil {
		return nil, inputErr(CodeInvalidConfig, err)
	}
	if parts.filter, err = filter.New(r.cfg.FilterConfig(r.loc)); err != nil {
		return nil, inputErr(CodeInvalidConfig, err)
	}
	if r.cfg.Sink.SchemaRegistry == nil || *r.cfg.Sink.SchemaRegistry == "" {
		return nil, inputErr(CodeInvalidConfig, fmt.Errorf("the avro protocol needs a schema registry: set schema-registry"))
	}
	if parts.registry, err = registry.New(*r.cfg.Sink.SchemaRegistry, registry.WithLogger(log)); err != nil {
		return nil, inputErr(CodeInvalidConfig, err)
	}
	codec := r.cfg.Codec()
	aopts := avro.Options{
		DecimalMode:          avro.DecimalMode(codec.DecimalHandlingMode),
		BigintUnsignedMode:   avro.BigintUnsignedMode(codec.BigintUnsignedHandlingMode),
		EnableTiDBExtension:  codec.EnableTiDBExtension,
		OutputRawChangeEvent: outputRawChangeEvent(r),
		Namespace:            r.def.Namespace,
		TimeZone:             r.loc,
	}
	if parts.encoder, err = avro.NewEncoder(aopts, registry.NewCache(parts.registry)); err != nil {
		return nil, inputErr(CodeInvalidConfig, err)
	}
	return parts, nil
}

func outputRawChangeEvent(r *resolved) bool {
	k := r.cfg.Sink.KafkaConfig
	return k != nil && k.OutputRawChangeEvent != nil && *k.OutputRawChangeEvent
}

func producerOptions(r *resolved, ko sinkuri.Options, log *slog.Logger) (kafka.Options, error) {
	acks, err := kafka.ParseAcks(ko.RequiredAcks)
	if err != nil {
		return kafka.Options{}, inputErr(CodeSinkURIInvalid, err)
	}
	clientID := ko.ClientID
	if clientID == "" {
		clientID = sinkuri.DefaultClientID("cdcctl", r.def.Namespace, r.def.ID)
	}
	o := kafka.Options{
		Brokers:           r.uri.Brokers,
		ClientID:          clientID,
		RequiredAcks:      acks,
		Compression:       ko.Compression,
		MaxMessageBytes:   ko.MaxMessageBytes,
		DialTimeout:       ko.DialTimeout,
		ReadTimeout:       ko.ReadTimeout,
		WriteTimeout:      ko.WriteTimeout,
		AutoCreateTopic:   ko.AutoCreateTopic,
		PartitionNum:      ko.PartitionNum,
		ReplicationFactor: ko.ReplicationFactor,
		Logger:            log,
	}
	switch ko.SASL.Mechanism {
	case "":
	case "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512":
		o.SASL = kafka.SASL{Mechanism: ko.SASL.Mechanism, User: ko.SASL.User, Password: ko.SASL.Password}
	default:
		return o, inputErr(CodeSinkURIInvalid, fmt.Errorf("sasl-mechanism %s is not supported by cdcctl's engine (PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 are)", ko.SASL.Mechanism))
	}
	if ko.TLS.Enabled {
		o.TLS = kafka.TLS{Enable: true, CAFile: ko.TLS.CA, CertFile: ko.TLS.Cert, KeyFile: ko.TLS.Key, InsecureSkipVerify: ko.TLS.InsecureSkipVerify}
	}
	return o, nil
}
