// Package engine owns the changefeeds of a server: their definitions and
// states (TiCDC's lifecycle), and one runner per running changefeed that
// pulls batches from the source, encodes them and writes them to Kafka,
// checkpointing only what Kafka has acknowledged.
package engine
