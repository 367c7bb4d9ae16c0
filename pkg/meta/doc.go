// Package meta stores what a cdcctl server must remember across restarts:
// changefeed definitions, their state/status, and their checkpoints.
//
// Store is the interface the engine and the API server use. The default
// implementation, Bolt, keeps everything in one bbolt file under the data
// directory; a clustered implementation (etcd, as TiCDC keeps its metadata
// in PD's etcd) can replace it without touching its callers. Values are
// opaque blobs to this package: the engine owns their JSON shape, so the
// store never needs a migration when a definition gains a field.
//
// A checkpoint is written as one unit (position, commit ts and the schema
// history that decodes rows after it) in a single transaction, so a crash
// never leaves a position paired with another position's schema.
package meta
