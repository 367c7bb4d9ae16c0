// Package dispatch routes row changes to Kafka topics and partitions with
// TiCDC's dispatcher rules (spec ticdc.md §3), so that cdcctl puts every
// row in the same topic and partition TiCDC would.
//
//	rt, err := dispatch.New(dispatch.Config{Rules: …, ColumnSelectors: …, Protocol: "avro"}, defaultTopic)
//	route, err := rt.Route(table) // once per table version; cached
//	topic := route.Topic
//	p := route.Partition(&row, partitions) // hot path: no allocation
//
// Rules are tried in order and the first whose matcher (TiDB table-filter
// syntax) accepts the table wins; an implicit {matcher=['*.*'],
// partition="default", topic=""} ends the list. A rule's topic is the
// default topic (""), a literal name, or an expression with {schema} and
// {table} (both required, schema first, for Avro) filled with the names
// sanitised to [A-Za-z0-9._-], cut to 249 bytes, "." and ".." replaced.
//
// Partition dispatchers hash with TiCDC's "position inertia": the XOR of
// CRC-32/IEEE checksums, one over schema‖table and one per key column over
// name‖valueString, modulo the partition count:
//
//	default, table   the table: every row of a table in one partition
//	ts               commit ts modulo the partition count
//	index-value      the handle key columns (or index="name", a unique index)
//	rowid            deprecated alias of index-value
//	columns          the listed columns, under their stored names
//
// Deletes hash their old image, inserts and updates the new one. A column
// dropped by a column selector is left out of the hash, as in TiCDC.
// valueString renders NULL as "null", integers, BIT, ENUM and SET in
// decimal, floats in shortest non-exponent form, TIMESTAMP in
// Config.TimeZone, and everything else as its text or bytes.
//
// Column selectors keep, for the first selector that matches a table, the
// columns its patterns accept; the kept set must still hold the primary
// key or a unique index. Route.Retained tells the encoder which columns to
// write.
//
// Route (and VerifyTable) fail for a rule that cannot apply to a table: an
// index-value index that is missing or not unique, a columns column that is
// missing, virtual or filtered out. TiCDC rejects such tables when the
// changefeed is created; Router.Partition returns the same error.
//
// The package does no I/O and is safe for concurrent use.
package dispatch
