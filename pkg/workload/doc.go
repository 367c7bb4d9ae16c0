// Package workload drives a mixed insert/update/delete load against a
// MySQL or MariaDB database for reliability tests (scripts/chaos): a few
// tables of varied column types (a BIGINT primary key, a composite primary
// key, a NOT NULL unique key instead of a primary key), transactions of
// one to a few row changes including updates that change the key, at a
// target rate, until the context ends.
//
// The load is deterministic for a seed: worker w owns the keys k with
// k mod Workers = w in every table and draws its operations and values
// from its own generator seeded with (Seed, w), so as long as nothing
// fails, the same configuration leaves the same table contents whatever
// the interleaving of workers. A transaction touches each key at most once.
// When a statement fails (the server was stopped, the connection cut, a
// COMMIT whose outcome is unknown) the worker rolls back, waits for the
// server, re-reads the keys it owns and goes on, so a fault never leaves
// it with a wrong picture of the tables.
//
// DDL runs between transactions, with the table's writers paused: ADD,
// MODIFY and DROP COLUMN, RENAME TABLE (to a new name each time) and
// TRUNCATE TABLE, which is kept at least a second away from the table's
// other changes on both sides so that a checker can tell the rows before it
// from those after it by commit time (the Avro protocol carries no DDL).
// Tables reports each table's current name, earlier names and last
// truncation in the form pkg/verify takes.
package workload
