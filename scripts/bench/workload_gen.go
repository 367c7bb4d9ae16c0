package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
)

// rowGen produces deterministic TPC-C order_line-shaped values.
type rowGen struct{ r *rand.Rand }

func newRowGen(seed uint64) *rowGen { return &rowGen{r: rand.New(rand.NewPCG(seed, 0x5eed))} }

// appendOrderLine appends the nine order_line-shaped values (see
// orderLineColumns) of row n, without parentheses.
func (g *rowGen) appendOrderLine(b []byte, n int64) []byte {
	b = strconv.AppendInt(b, 1+n%4, 10) // w_id
	b = append(b, ',')
	b = strconv.AppendInt(b, 1+n%10, 10) // d_id
	b = append(b, ',')
	b = strconv.AppendInt(b, n/10+1, 10) // o_id
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(g.r.IntN(100_000)+1), 10) // i_id
	b = append(b, ",1,'2026-11-24 "...)                      // supply_w_id, delivery_d
	b = fmt.Appendf(b, "%02d:%02d:%02d',", g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
	b = strconv.AppendInt(b, int64(g.r.IntN(10)+1), 10) // quantity
	b = append(b, ',')
	b = fmt.Appendf(b, "%d.%02d", g.r.IntN(10_000), g.r.IntN(100)) // amount
	b = append(b, ",'"...)
	for range 24 { // dist_info
		b = append(b, byte('a'+g.r.IntN(26)))
	}
	return append(b, '\'')
}

// appendOrderLineRow appends the full bench.order_line row n: the key
// (o_id, d_id, w_id, number) then the other six columns.
func (g *rowGen) appendOrderLineRow(b []byte, n int64) []byte {
	b = fmt.Appendf(b, "(%d,1,1,%d,%d,1,'2026-11-24 %02d:%02d:%02d',%d,%d.%02d,'",
		n/10+1, n%10+1, g.r.IntN(100_000)+1, g.r.IntN(24), g.r.IntN(60), g.r.IntN(60),
		g.r.IntN(10)+1, g.r.IntN(10_000), g.r.IntN(100))
	for range 24 {
		b = append(b, byte('a'+g.r.IntN(26)))
	}
	return append(b, "')"...)
}

// synthetic writes rows order_line rows in 1,000-row transactions, then
// updates a fifth of them and deletes a twentieth, 1,000 rows per
// transaction.
func synthetic(ctx context.Context, db *sql.DB, rows int) error {
	g := newRowGen(1)
	const perTxn = 1000
	var b []byte
	for start := 0; start < rows; start += perTxn {
		b = append(b[:0], "INSERT INTO bench.order_line VALUES "...)
		for n := start; n < min(start+perTxn, rows); n++ {
			if n > start {
				b = append(b, ',')
			}
			b = g.appendOrderLineRow(b, int64(n))
		}
		if _, err := db.ExecContext(ctx, string(b)); err != nil {
			return fmt.Errorf("synthetic insert: %w", err)
		}
	}
	orders := rows / 10 // 10 lines per order; 100 orders = 1,000 rows
	for o := 1; o <= orders/5; o += 100 {
		if _, err := db.ExecContext(ctx, `UPDATE bench.order_line SET ol_quantity = ol_quantity + 1,
			ol_delivery_d = '2026-11-25 00:00:00' WHERE ol_w_id = 1 AND ol_d_id = 1 AND ol_o_id BETWEEN ? AND ?`, o, o+99); err != nil {
			return fmt.Errorf("synthetic update: %w", err)
		}
	}
	for o := orders - orders/20 + 1; o <= orders; o += 100 {
		if _, err := db.ExecContext(ctx, `DELETE FROM bench.order_line WHERE ol_w_id = 1 AND ol_d_id = 1
			AND ol_o_id BETWEEN ? AND ?`, o, min(o+99, orders)); err != nil {
			return fmt.Errorf("synthetic delete: %w", err)
		}
	}
	return nil
}

// singleRowTxns runs n autocommit one-row transactions on bench.single
// from 4 connections: 60% inserts, then 25% updates, then 15% deletes.
func singleRowTxns(ctx context.Context, db *sql.DB, n int) error {
	inserts, updates := n*60/100, n*25/100
	deletes := n - inserts - updates
	phases := []struct {
		count int
		stmt  func(g *rowGen, i int64) string
	}{
		{inserts, func(g *rowGen, i int64) string {
			return string(g.appendOrderLine(fmt.Appendf(nil, "INSERT INTO bench.single VALUES (%d,", i), i)) + ")"
		}},
		{updates, func(g *rowGen, i int64) string {
			return fmt.Sprintf("UPDATE bench.single SET quantity = quantity + 1, amount = %d.%02d WHERE id = %d",
				g.r.IntN(10_000), g.r.IntN(100), i)
		}},
		{deletes, func(_ *rowGen, i int64) string {
			return fmt.Sprintf("DELETE FROM bench.single WHERE id = %d", int64(inserts)-1-i)
		}},
	}
	for _, ph := range phases {
		if err := parallel(ctx, 4, ph.count, func(g *rowGen, i int64) error {
			_, err := db.ExecContext(ctx, ph.stmt(g, i))
			return err
		}); err != nil {
			return fmt.Errorf("one-row transactions: %w", err)
		}
	}
	return nil
}

// parallel runs fn for i in [0, n) from workers goroutines, each with its
// own generator.
func parallel(ctx context.Context, workers, n int, fn func(g *rowGen, i int64) error) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := newRowGen(uint64(100 + w))
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				if err := fn(g, i); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	return ctx.Err()
}
