// Package snapshot copies the existing rows of captured tables from a
// consistent snapshot of the upstream, and says which binlog position that
// snapshot corresponds to, so that streaming from exactly that position
// afterwards misses no change and repeats none.
//
// MariaDB gives the position of a consistent snapshot without any lock
// (START TRANSACTION WITH CONSISTENT SNAPSHOT, then the binlog_snapshot_file
// and binlog_snapshot_position status variables). MySQL needs a global read
// lock for the instant between starting the snapshot and reading the
// position; it is released right away.
//
// Rows are read in primary-key order, in chunks of Config.ChunkRows, with
// keyset pagination (WHERE key > last key), so each chunk is one index
// range scan. Every row becomes an insert.
package snapshot
