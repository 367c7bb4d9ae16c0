// Package api holds the wire types of TiCDC's OpenAPI v2 for changefeeds
// (spec ticdc.md §5): the request and response bodies, the error body and
// its codes, and the checkpoint time format. cdcctl's server answers in
// these types and its client reads them, from a cdcctl server or from a
// real TiCDC.
//
// Field names and key order are TiCDC's. What cdcctl adds for MySQL and
// MariaDB upstreams (the upstream DSN, a start position given as a GTID set
// or file:pos, the snapshot mode and its progress, per-table counts,
// throughput) lives in extra fields after TiCDC's, with names of their own
// (see ext.go); TiCDC clients ignore them.
//
// The package imports no net/http: HTTP statuses are plain integers.
package api
