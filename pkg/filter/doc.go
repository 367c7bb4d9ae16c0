// Package filter decides which tables, rows and DDL a changefeed
// replicates, with TiCDC's rules (spec ticdc.md §3.1 and §4 [filter]).
//
// Table filters use TiDB's table-filter syntax: "schema.table" patterns
// with * ? [a-z] [!a-z] wildcards, \ escapes, "quoted" or `quoted` names
// (a doubled quote stands for itself) and /regex/ parts (Go RE2, matching a
// substring); a leading ! excludes; the last pattern that matches decides;
// # starts a comment. Matching is case-insensitive unless case-sensitive is
// set. @file imports are refused: the package does no I/O.
//
//	tf, err := filter.ParseTableFilter([]string{"*.*", "!test.*"}, false)
//	tf.MatchTable("app", "orders") // true
//
// New compiles a whole [filter] section:
//
//	f, err := filter.New(filter.Config{Rules: ..., EventFilters: ...})
//	f.MatchTable(schema, table)      // table filter, system schemas excluded
//	f.ShouldIgnoreTxn(startTs)       // ignore-txn-start-ts
//	f.ShouldIgnoreRow(&row)          // table filter, ignore-event, value expressions
//	f.ShouldIgnoreDDL(filter.DDL{…}) // table filter, ignore-event, ignore-sql
//
// Event filter rules apply to the tables their matcher accepts:
// ignore-event lists event types (SupportedEventTypes; lower case, as in
// TiCDC), ignore-sql holds regular expressions matched case-insensitively
// anywhere in the DDL text, and the ignore-*-value-expr settings are SQL
// boolean expressions over the row. Expressions are parsed with the TiDB
// parser and evaluated here: column names, literals, comparisons
// (= <> != < <= > >= <=>), AND OR XOR NOT, IN (list), BETWEEN, IS [NOT]
// NULL, IS [NOT] TRUE/FALSE and [NOT] LIKE / ILIKE with a literal pattern.
// Functions, arithmetic and subqueries are rejected by New with a message
// naming them. Comparisons follow MySQL: strings under the column's
// collation (_ci columns ignore case and trailing spaces), exact integer
// and decimal arithmetic, dates and times compared as date-times (string
// literals are parsed), TIMESTAMP values read in Config.TimeZone, and
// three-valued logic (a row is ignored only when the expression is TRUE).
//
// A row expression is bound to a table on first use and cached per
// *event.Table (tables are immutable per version), so the per-row cost is
// one sync.Map load plus the evaluation; Verify reports an expression that
// names a column the table lacks.
//
// Differences from TiCDC, on purpose: event-filter matchers follow the
// changefeed's case-sensitive setting (TiCDC matches them case-sensitively
// whatever the setting), and ClassifyDDL derives the DDL type from the SQL
// text because a MySQL binlog carries no TiDB job type.
package filter
