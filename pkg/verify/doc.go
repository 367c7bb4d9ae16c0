// Package verify checks what a changefeed wrote to Kafka against the
// upstream database, without any knowledge of the engine: it reads the
// topics, decodes every message through the schema registry and compares
// the tables rebuilt from them with the tables upstream.
//
// # Rebuilding
//
// Every partition of every topic is read from offset 0 to the high
// watermark taken when the check began. Keys and values are decoded with
// pkg/codec/avro's decoder (Confluent framing; schemas fetched by id once).
// The key record's name and namespace say which table a message belongs to,
// so one topic may carry several tables, and a renamed table's topics are
// read oldest name first (Table.Previous). Messages are applied in offset
// order per partition: a value replaces the key's row, a tombstone removes
// it. A TRUNCATE is not in the Avro protocol; Table.TruncatedAt removes the
// rows whose last value committed before it.
//
// # Comparing
//
// The upstream table is read with one SELECT and each row is matched by its
// handle key (primary key, else the NOT NULL unique key TiCDC picks). Both
// sides are brought to one canonical form per column type, so that TiCDC's
// Avro forms and SQL values compare equal exactly when the values are:
//
//	integers            decimal text; BIGINT UNSIGNED in long mode arrives as
//	                    a negative long for values ≥ 2^63 and is read back
//	                    as uint64, in string mode as digits
//	FLOAT / DOUBLE      float32 / float64 (FLOAT is selected as col + 0e0,
//	                    since its text form keeps only 6 digits)
//	DECIMAL             exact rational (bytes.decimal or string mode)
//	BIT                 unsigned integer (big-endian bytes in Avro)
//	DATE/DATETIME/TIME  text with the column's fractional digits
//	TIMESTAMP           microseconds since the epoch: the Avro text is read
//	                    in the encoder's time zone (Config.TimeZone, UTC by
//	                    default), upstream as UNIX_TIMESTAMP(col); the zero
//	                    TIMESTAMP is 0 on both sides
//	ENUM / SET          member names, as text
//	binary strings      bytes
//	JSON                re-encoded, so spacing and key order do not matter
//
// The report counts missing rows (upstream, not rebuilt), extra rows
// (rebuilt, not upstream) and differing columns, with a bounded sample of
// each. Columns dropped upstream are ignored; an upstream column that a
// row's last message does not carry (added after the row last changed; the
// protocol does not re-send unchanged rows after a DDL) is counted in
// Report.AbsentColumns, and is a difference only with Config.StrictColumns.
//
// # Order and duplicates
//
// When values carry _tidb_commit_ts (enable-tidb-extension=true) the
// messages of each key, in log order, are checked against this model of
// at-least-once delivery. A key's history h1, h2, … is its distinct
// messages in order of first delivery. The log of the key must be a
// sequence of runs, each delivering a contiguous stretch of the history in
// order: the first run starts at h1, and every later run (a restart from a
// checkpoint, or a producer retry) starts at some hq that was already
// delivered, no later than the message the previous run would have sent
// next, and goes on hq, hq+1, … until it stops or reaches the newest
// message and continues with new ones. Every message delivered a second
// time is a duplicate. The history itself must be in commit order and
// follow the row's lifecycle. Violations:
//
//   - order: a new message has a commit ts older than one already seen
//     for its key (a real reorder; re-deliveries are exempt because they
//     are duplicates).
//   - replay-gap: a run started beyond the next message, skipped part of
//     the history, or stopped before the newest message when a new change
//     (or the end of the log) came: something sent once was not sent again
//     by a restart that had to send it.
//   - lifecycle: a new insert (_tidb_op "c") of a key whose row is
//     present, or a new update ("u") or delete of a key whose row was
//     deleted. A key's first message is exempt (its row may predate the
//     log), and so is an insert after the table's TRUNCATE.
//   - split-key: a key in two partitions of one topic, whose relative order
//     Kafka does not define (this one is checked without commit ts too).
//
// A value's identity is its commit ts and its bytes (schema id included):
// two messages are the same message when both are equal, which also holds
// for the re-sent messages of a replay because the engine re-encodes the
// same binlog with the same schema. A tombstone has no ts or value; it is a
// re-delivery when the current run expects a tombstone next, when the key
// is already absent, or when the next value of the key turns out to
// restart a run just after an earlier tombstone; otherwise it is a new
// delete. Limitation: a key re-inserted with an identical row image within
// one transaction (same commit ts) looks like a re-delivery.
//
// Report.Duplicates counts re-deliveries; Report.Replays counts maximal
// runs of consecutive duplicates within a partition and LargestReplay the
// longest, which at-least-once delivery bounds by what the engine sends
// between two checkpoints.
//
// # The checkpoint rule
//
// Config.Checkpoints are the changefeed's checkpoints sampled while it
// ran, each with the high watermarks of its topics read right after it.
// A checkpoint may only cover messages Kafka acknowledged, which sit below
// the watermarks read after it; so a first delivery (not a re-delivery) at
// or above a sample's watermark with a commit ts at or before the sample's
// checkpoint reached Kafka after the checkpoint had passed it: a
// checkpoint violation (Report.CheckpointViolations, finding kind
// "checkpoint").
//
// # Use
//
//	rep, err := verify.Check(ctx, verify.Config{
//		Brokers:     []string{"127.0.0.1:9092"},
//		RegistryURL: "http://127.0.0.1:8081",
//		TopicRule:   "tidb_{schema}_{table}",
//		DB:          upstreamDB,
//		Tables:      w.Tables(), // pkg/workload, or verify.Tables("db.t", …)
//	})
//	// err: the check could not be done; !rep.OK(): it found something wrong
//	_ = rep.WriteText(os.Stderr)
//
// Check the changefeed once it has caught up (its checkpoint has passed
// the last upstream commit): the check reads what is in Kafka when it
// begins and the upstream tables as they are when it compares them.
package verify
