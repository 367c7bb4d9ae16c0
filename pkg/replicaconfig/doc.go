// Package replicaconfig is a changefeed's configuration, TiCDC-compatible
// (spec ticdc.md §4, §5.4): the changefeed.conf file users already have and
// the OpenAPI v2 replica_config JSON are two encodings of one typed
// ReplicaConfig with TiCDC's defaults (Default).
//
//	c, err := replicaconfig.DecodeTOML(data, "changefeed.conf") // strict: unknown keys are errors
//	c.ApplySinkURI(uri)                                          // URI values win, as in TiCDC
//	err = c.Validate()                                           // TiCDC's rules, incl. Avro's
//
// Resolve does the three steps in that order for a `changefeed create`
// (with the --schema-registry value between file and URI), so every command
// validates a combination the same way.
//
// JSON uses the API's snake_case keys; durations are written as
// nanoseconds and read as nanoseconds or Go duration strings; DecodeJSON
// overlays a posted object on the defaults, as TiCDC's server does.
//
// Validate applies, for a Kafka sink: a known protocol (required; csv is
// for storage sinks), transaction-atomicity "none", the dispatchers and
// column selectors (compiled by package dispatch), the [filter] section
// (compiled by package filter), every [sink.kafka-config] value and the
// rules between them (sinkuri.Kafka.Validate), the codec settings, the
// large-message-handle rules and, for Avro: force-replicate rejected,
// exactly one schema registry (Confluent or Glue), the decimal and bigint
// handling modes, checksum prerequisites, large message handling "none",
// topic expressions with {schema} then {table}. Sync-point, stuck-duration,
// redo and scheduler limits follow TiCDC. Errors are one line naming the
// setting; a failed Validate leaves the config unchanged; Warnings lists
// what TiCDC accepts but ignores or overrides.
//
// Masked returns a copy safe to print: SASL/OAuth/Glue/Pulsar secrets and
// TLS key paths become ******, registry and token URL passwords xxxxx.
//
// The effective settings for the engine come from KafkaOptions, Registry,
// Codec, FilterConfig (for filter.New) and DispatchConfig (for
// dispatch.New). The package does no I/O.
package replicaconfig
