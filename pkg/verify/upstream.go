package verify

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/schema"
)

// upstream is where the tables to compare against come from.
type upstream interface {
	// definition returns the current definition of table db.name.
	definition(ctx context.Context, db, name string) (*event.Table, error)
	// scan calls fn with each row of the table, one value per column as
	// the column's SELECT expression yields it.
	scan(ctx context.Context, t *table, fn func(vals []any) error) error
}

// sqlUpstream reads a MySQL or MariaDB server.
type sqlUpstream struct{ db *sql.DB }

func (u sqlUpstream) definition(ctx context.Context, db, name string) (*event.Table, error) {
	defs, err := schema.LoadTables(ctx, u.db, escapeGlob(db)+"."+escapeGlob(name))
	if err != nil {
		return nil, err
	}
	return defs[0], nil
}

// scan selects every row with the text protocol (a query without
// arguments), so values arrive as the driver renders text results.
func (u sqlUpstream) scan(ctx context.Context, t *table, fn func(vals []any) error) error {
	db, name, _ := splitName(t.cfg.Name)
	sels := make([]string, len(t.cols))
	for i := range t.cols {
		sels[i] = t.cols[i].sel
	}
	q := "SELECT " + strings.Join(sels, ", ") + " FROM " + quoteIdent(db) + "." + quoteIdent(name)
	rows, err := u.db.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("table %s: %w", t.cfg.Name, err)
	}
	defer rows.Close()
	vals := make([]any, len(t.cols))
	ptrs := make([]any, len(t.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("table %s: %w", t.cfg.Name, err)
		}
		if err := fn(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("table %s: %w", t.cfg.Name, err)
	}
	return nil
}

func escapeGlob(s string) string {
	return strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `.`, `\.`).Replace(s)
}
