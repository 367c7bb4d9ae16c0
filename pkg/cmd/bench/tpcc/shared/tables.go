package shared

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Table is one of the nine TPC-C tables go-tpc creates.
type Table struct {
	Name string
	// PerWarehouse and Fixed give the rows go-tpc loads for w warehouses:
	// Fixed + PerWarehouse*w. order_line is random (5 to 15 lines per
	// order, 10 on average) and marked Approx.
	PerWarehouse int64
	Fixed        int64
	Approx       bool
}

// Rows returns the rows go-tpc loads into the table for w warehouses.
func (t Table) Rows(w int) int64 { return t.Fixed + t.PerWarehouse*int64(w) }

// Tables lists the TPC-C tables in load order, with go-tpc's row counts
// (tpcc/load.go: 100,000 items; per warehouse 100,000 stock rows and 10
// districts; per district 3,000 customers, history rows and orders, 900
// new orders and about 30,000 order lines).
func Tables() []Table {
	return []Table{
		{Name: "item", Fixed: 100000},
		{Name: "warehouse", PerWarehouse: 1},
		{Name: "stock", PerWarehouse: 100000},
		{Name: "district", PerWarehouse: 10},
		{Name: "customer", PerWarehouse: 30000},
		{Name: "history", PerWarehouse: 30000},
		{Name: "orders", PerWarehouse: 30000},
		{Name: "new_order", PerWarehouse: 9000},
		{Name: "order_line", PerWarehouse: 300000, Approx: true},
	}
}

// ExistingTables returns which TPC-C tables exist in the database db is on,
// in Tables order.
func ExistingTables(ctx context.Context, db *sql.DB) ([]string, error) {
	names := make([]string, 0, 9)
	args := make([]any, 0, 9)
	for _, t := range Tables() {
		names = append(names, "?")
		args = append(args, t.Name)
	}
	rows, err := db.QueryContext(ctx, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ("+
		strings.Join(names, ",")+")", args...)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	found := make([]string, 0, 9)
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("list tables: %w", err)
		}
		found = append(found, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	var ordered []string
	for _, t := range Tables() {
		for _, n := range found {
			if strings.EqualFold(n, t.Name) {
				ordered = append(ordered, t.Name)
			}
		}
	}
	return ordered, nil
}

// CountRows returns SELECT COUNT(*) of table.
func CountRows(ctx context.Context, db *sql.DB, table string) (int64, error) {
	var n int64
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+QuoteName(table)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count rows of %s: %w", table, err)
	}
	return n, nil
}
