// Package checkpoint decides which binlog position is safe to resume from
// and makes it durable.
//
// The runner reads transactions in binlog order and writes them to Kafka
// several at a time, so acknowledgements arrive out of order. Tracker is
// the capped checkpointer of redpanda-connect's mysql_cdc: each batch is
// tracked in read order and acked whenever Kafka confirms it, and Resolved
// returns the newest commit position whose batch and every earlier batch
// are acknowledged. Only that position may be persisted: resuming there
// replays at most the unacknowledged tail (at-least-once, in order per key).
//
// Tracker also bounds memory. Acquire reserves bytes for the next batch
// before it is read further down the pipeline and blocks while the bytes of
// unacknowledged batches reach the limit, so a stalled Kafka stalls the
// reader instead of growing the heap. The bytes are released when the batch
// is acknowledged.
//
// Persister writes Resolved to the metadata store (pkg/meta) on an
// interval, only when it moved, and once more on Close.
package checkpoint
