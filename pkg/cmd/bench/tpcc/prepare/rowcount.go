package prepare

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc/shared"
)

// rowCounter counts the rows go-tpc's loader inserts into each TPC-C table.
// go-tpc reports neither progress nor, after its retries, failed batches
// (its batch loader returns nil once it gives up), so the counter is both
// the progress bar's source and the load's check.
type rowCounter struct {
	tables []shared.Table
	rows   []atomic.Int64
	// onError, when set, is called on every failed INSERT.
	onError func(error)

	mu       sync.Mutex
	firstErr error
	failures int
}

func newRowCounter() *rowCounter {
	t := shared.Tables()
	return &rowCounter{tables: t, rows: make([]atomic.Int64, len(t))}
}

// observe records the outcome of one statement.
func (c *rowCounter) observe(query string, res driver.Result, err error) {
	table, ok := insertTable(query)
	if !ok || errors.Is(err, driver.ErrSkip) {
		return
	}
	i := c.index(table)
	if err != nil {
		c.mu.Lock()
		c.failures++
		if c.firstErr == nil {
			c.firstErr = fmt.Errorf("load table %s: %w", table, err)
		}
		c.mu.Unlock()
		if c.onError != nil {
			c.onError(err)
		}
		return
	}
	if n, err := res.RowsAffected(); err == nil && i >= 0 {
		c.rows[i].Add(n)
	}
}

func (c *rowCounter) index(table string) int {
	for i := range c.tables {
		if strings.EqualFold(c.tables[i].Name, table) {
			return i
		}
	}
	return -1
}

// snapshot returns the rows counted so far, in shared.Tables order.
func (c *rowCounter) snapshot() []int64 {
	out := make([]int64, len(c.rows))
	for i := range c.rows {
		out[i] = c.rows[i].Load()
	}
	return out
}

// failed returns how many INSERTs failed and the first failure.
func (c *rowCounter) failed() (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failures, c.firstErr
}

// insertTable returns the table of an "INSERT INTO t (…) VALUES …".
func insertTable(query string) (string, bool) {
	q := strings.TrimLeft(query, " \t\r\n")
	const prefix = "INSERT INTO "
	if len(q) < len(prefix) || !strings.EqualFold(q[:len(prefix)], prefix) {
		return "", false
	}
	q = strings.TrimLeft(q[len(prefix):], " ")
	end := strings.IndexAny(q, " (\t\r\n")
	if end < 0 {
		end = len(q)
	}
	name := strings.Trim(q[:end], "`")
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		name = strings.Trim(name[dot+1:], "`")
	}
	return name, name != ""
}

// countingConnector wraps the MySQL connector so that the statements of
// every connection pass through the counter.
type countingConnector struct {
	driver.Connector
	rows *rowCounter
}

func (c countingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: conn, rows: c.rows}, nil
}

// countingConn forwards everything to the MySQL connection, whose optional
// interfaces it re-exports so that database/sql keeps using them.
type countingConn struct {
	driver.Conn
	rows *rowCounter
}

func (c *countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	ex, ok := c.Conn.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	res, err := ex.ExecContext(ctx, query, args)
	c.rows.observe(query, res, err)
	return res, err
}

func (c *countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if q, ok := c.Conn.(driver.QueryerContext); ok {
		return q.QueryContext(ctx, query, args)
	}
	return nil, driver.ErrSkip
}

func (c *countingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if p, ok := c.Conn.(driver.ConnPrepareContext); ok {
		return p.PrepareContext(ctx, query)
	}
	return c.Conn.Prepare(query)
}

func (c *countingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	return nil, fmt.Errorf("driver %T cannot begin transactions with options", c.Conn)
}

func (c *countingConn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *countingConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *countingConn) IsValid() bool {
	if v, ok := c.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

func (c *countingConn) CheckNamedValue(nv *driver.NamedValue) error {
	if n, ok := c.Conn.(driver.NamedValueChecker); ok {
		return n.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}
