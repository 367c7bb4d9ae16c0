// Package avro implements TiCDC's Avro protocol (spec ticdc.md §1): key and
// value schema generation byte-for-byte as TiCDC registers them, a compiled
// row encoder that appends Confluent-framed datums into reused buffers, the
// message model (tombstones, key-changing updates) and a generic decoder for
// our own messages.
//
// Encoding is planned once per table version: every column becomes a small
// op code with its parameters (plan.go), so encoding a row is a loop with a
// switch appending into a caller-owned []byte, with no maps, reflection or
// per-row allocations.
package avro
