package schema

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// NoTableError says a table name or pattern matched no table.
type NoTableError struct {
	Pattern string
	// Known lists some tables that do exist, to help with typos.
	Known []string
}

func (e *NoTableError) Error() string {
	msg := fmt.Sprintf("no table matches %q", e.Pattern)
	if len(e.Known) > 0 {
		known := e.Known
		if len(known) > 10 {
			known = append(known[:10:10], "…")
		}
		msg += " (tables: " + strings.Join(known, ", ") + ")"
	}
	return msg
}

// systemSchemas are never replicated.
func systemSchema(s string) bool {
	switch strings.ToLower(s) {
	case "mysql", "information_schema", "performance_schema", "sys", "metrics_schema":
		return true
	}
	return false
}

// LoadTables reads the definitions of the tables that match patterns from
// a MySQL, MariaDB or TiDB server's information_schema, in (schema, table)
// order. A pattern is "db.table" or "table" (any database), with "*" and
// "?" wildcards, matched case-insensitively; no patterns means every table
// outside the system schemas. Every pattern must match at least one table
// (else a *NoTableError). Each table has every column field filled as
// ParseDDL fills it, its indexes in the server's key order, Version 1 and
// its keys computed. A column type TiCDC cannot encode is an error naming
// the table and column.
func LoadTables(ctx context.Context, db *sql.DB, patterns ...string) ([]*event.Table, error) {
	mariadb, err := isMariaDB(ctx, db)
	if err != nil {
		return nil, err
	}
	names, err := tableNames(ctx, db)
	if err != nil {
		return nil, err
	}
	selected, err := selectTables(names, patterns)
	if err != nil {
		return nil, err
	}
	tables := make([]*event.Table, 0, len(selected))
	for _, n := range selected {
		t, err := loadTable(ctx, db, n[0], n[1], mariadb)
		if err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return tables, nil
}

func isMariaDB(ctx context.Context, db *sql.DB) (bool, error) {
	var v string
	if err := db.QueryRowContext(ctx, "SELECT VERSION()").Scan(&v); err != nil {
		return false, fmt.Errorf("information_schema: %w", err)
	}
	return strings.Contains(strings.ToLower(v), "mariadb"), nil
}

// tableNames lists the base tables outside the system schemas.
func tableNames(ctx context.Context, db *sql.DB) ([][2]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES
		WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_SCHEMA, TABLE_NAME`)
	if err != nil {
		return nil, fmt.Errorf("information_schema.TABLES: %w", err)
	}
	defer rows.Close()
	var names [][2]string
	for rows.Next() {
		var s, t string
		if err := rows.Scan(&s, &t); err != nil {
			return nil, fmt.Errorf("information_schema.TABLES: %w", err)
		}
		if !systemSchema(s) {
			names = append(names, [2]string{s, t})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("information_schema.TABLES: %w", err)
	}
	return names, nil
}

// selectTables keeps the names matching any pattern, failing on a pattern
// that matches none.
func selectTables(names [][2]string, patterns []string) ([][2]string, error) {
	if len(patterns) == 0 {
		return names, nil
	}
	keep := make([]bool, len(names))
	for _, p := range patterns {
		found := false
		for i, n := range names {
			if MatchTable(p, n[0], n[1]) {
				keep[i], found = true, true
			}
		}
		if !found {
			known := make([]string, len(names))
			for i, n := range names {
				known[i] = n[0] + "." + n[1]
			}
			sort.Strings(known)
			return nil, &NoTableError{Pattern: p, Known: known}
		}
	}
	var out [][2]string
	for i, n := range names {
		if keep[i] {
			out = append(out, n)
		}
	}
	return out, nil
}

// MatchTable reports whether pattern ("db.table" or "table", with "*" and
// "?" wildcards; a "\" escapes the next character) matches the table,
// case-insensitively.
func MatchTable(pattern, schema, table string) bool {
	db, tbl, ok := cutUnescaped(pattern, '.')
	if !ok {
		db, tbl = "*", pattern
	}
	return globMatch(strings.ToLower(db), strings.ToLower(schema)) && globMatch(strings.ToLower(tbl), strings.ToLower(table))
}

func cutUnescaped(s string, sep byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// globMatch matches name against a pattern of "*" (any run), "?" (one
// character) and "\x" (a literal x).
func globMatch(pattern, name string) bool {
	p, n := []rune(pattern), []rune(name)
	var match func(i, j int) bool
	match = func(i, j int) bool {
		for i < len(p) {
			switch p[i] {
			case '*':
				for k := j; k <= len(n); k++ {
					if match(i+1, k) {
						return true
					}
				}
				return false
			case '?':
				if j >= len(n) {
					return false
				}
			case '\\':
				if i+1 < len(p) {
					i++
				}
				fallthrough
			default:
				if j >= len(n) || p[i] != n[j] {
					return false
				}
			}
			i++
			j++
		}
		return j == len(n)
	}
	return match(0, 0)
}
