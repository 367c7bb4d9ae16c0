// Package sinkuri parses, validates and redacts TiCDC Kafka sink URIs
// (spec ticdc.md §2):
//
//	kafka://h1:p1,h2:p2/<topic>?protocol=avro&partition-num=6&…
//
// Parse checks the shape (scheme kafka or kafka+ssl, a broker list of
// host:port, a legal default topic) and every parameter of spec §2.2 and
// §2.3 on its own: its type, range and allowed values. Unknown parameters
// are ignored, as TiCDC ignores them, and reported by URI.Warnings.
//
// Rules that involve several parameters (ca+cert+key, enable-tls against
// certificate files, the credentials each SASL mechanism needs) are checked
// by Kafka.Validate, because TiCDC applies them after merging the URI with
// the changefeed file's [sink.kafka-config] (URI values win). The
// replicaconfig package does that merge and calls Validate; a caller that
// has only a URI can call URI.Kafka.Validate itself.
//
// Kafka holds the Kafka client parameters with the URI key names and the
// TOML (hyphenated) and OpenAPI v2 JSON (snake_case) names of the same
// settings, so the file section and the URI share one typed definition.
// Codec holds the codec parameters a URI may carry (§2.3); the changefeed
// file keeps those in other sections.
//
// Errors name the parameter and the bad value in one line, for example
//
//	sink-uri: parameter "required-acks": only -1, 0 or 1 are allowed, got 2
//
// and never carry a secret: values of parameters whose names look secret
// (see IsSensitiveKey) are shown as xxxxx, and malformed %-escapes are
// reported without the text around them.
//
// Two redaction functions print a URI: MaskAPI is TiCDC's narrow API mask
// (sasl-password and the userinfo password become xxxxx) extended to the
// schema-registry credentials, and MaskLog is TiCDC's broad log mask.
// Registry parses schema-registry URLs with user:pass@ credentials.
//
// The package does no I/O.
package sinkuri
