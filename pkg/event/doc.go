// Package event holds the row-change model shared by every stage of the
// pipeline: table definitions with MySQL type information, row images,
// transactions (batches) and binlog positions.
//
// The model is built so that a source can fill it without per-column
// allocations: a row image is a []Value whose Bytes fields may point into a
// buffer the source reuses, and a Table is shared by every row of its version.
package event
