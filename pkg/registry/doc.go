// Package registry talks to a Confluent-compatible Schema Registry the way
// TiCDC does (spec ticdc.md §1.8): the startup probe, schema registration
// with TiCDC's headers and retry rules, lookups by id, and a cache that
// keeps registrations off the hot path.
package registry
