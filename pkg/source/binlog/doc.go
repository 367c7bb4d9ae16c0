// Package binlog reads row changes from a MySQL or MariaDB server's binlog
// (ROW format, FULL row image) with go-mysql's replication client and turns
// them into pkg/event batches: one batch per transaction, ending at its
// commit, split into several batches when a transaction is larger than
// Config.MaxBatchRows (only the last part carries the commit position, so a
// checkpoint never lands inside a transaction).
//
// Table definitions come from a schema.Tracker, seeded at the start position
// and advanced by the DDL statements of the binlog, so each row is decoded
// with the definition it was written under. Rows of tables the changefeed
// does not capture are not decoded at all; those it captures are decoded
// straight into event.Values (imageDecoder), go-mysql parsing the events
// around them. A connection silent for Config.StallTimeout, heartbeats
// included, fails the read (stallWatch).
//
// Commit timestamps follow TiCDC's TSO layout (physical ms << 18 | logical):
// the physical part is the transaction's binlog time (MySQL 8's microsecond
// commit timestamp where present, else the event's second), the logical part
// orders transactions within one millisecond, so timestamps strictly
// increase in binlog order.
package binlog
