//go:build integration

package binlog

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// benchDDL is TPC-C's order_line: ten columns of ints, a datetime, a
// decimal and a char, keyed by four of them.
const benchDDL = `order_line (ol_o_id INT NOT NULL, ol_d_id INT NOT NULL, ol_w_id INT NOT NULL, ol_number INT NOT NULL,
  ol_i_id INT NOT NULL, ol_supply_w_id INT, ol_delivery_d DATETIME, ol_quantity INT, ol_amount DECIMAL(6, 2),
  ol_dist_info CHAR(24), PRIMARY KEY(ol_w_id, ol_d_id, ol_o_id, ol_number))`

// benchWorkload inserts 20,000 order lines in 1,000-row statements, then
// updates 5,000 of them in 1,000-row statements.
func benchWorkload() []string {
	var stmts []string
	for s := 0; s < 20; s++ {
		var b strings.Builder
		b.WriteString("INSERT INTO order_line VALUES ")
		for r := 0; r < 1000; r++ {
			n := s*1000 + r
			if r > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "(%d,%d,1,%d,%d,1,'2026-11-24 10:%02d:%02d',%d,%d.%02d,'%024d')",
				n/10+1, n%10+1, n%15+1, n*7%100000+1, n%60, n*13%60, n%10+1, n%10000, n%100, n)
		}
		stmts = append(stmts, b.String())
	}
	for o := 1; o <= 500; o += 100 {
		stmts = append(stmts, fmt.Sprintf("UPDATE order_line SET ol_quantity = ol_quantity + 1, ol_amount = ol_amount + 1 WHERE ol_o_id BETWEEN %d AND %d", o, o+99))
	}
	return stmts
}

// BenchmarkDecodeRows times the decode stage, binlog row images → row
// changes, on rows events captured from MariaDB once: the image decoder
// (what Source.rows runs) against go-mysql's decoder plus convertRow (what
// it ran before). Metrics are per row change.
func BenchmarkDecodeRows(b *testing.B) {
	table, events := captureRows(b, benchDDL, benchWorkload()...)
	for _, kind := range []string{"insert", "update"} {
		var evs []capturedRows
		for _, c := range events {
			if op, _ := opOf(c.typ); op.String() == kind {
				evs = append(evs, c)
			}
		}
		b.Run(kind+"/cdcctl", func(b *testing.B) {
			s := &Source{}
			benchRows(b, evs, func(c capturedRows) int {
				op, _ := opOf(c.typ)
				s.txn.rows = s.txn.rows[:0]
				if !s.dec.prepare(c.event.Table) {
					b.Fatal("no fast path")
				}
				if err := s.fastRows(table, c.event, c.raw, op); err != nil {
					b.Fatal(err)
				}
				return len(s.txn.rows)
			})
		})
		b.Run(kind+"/go-mysql", func(b *testing.B) {
			benchRows(b, evs, func(c capturedRows) int {
				_, step := opOf(c.typ)
				c.event.Rows, c.event.SkippedColumns = nil, nil
				if err := c.event.DecodeData(c.raw.pos, c.raw.data); err != nil {
					b.Fatal(err)
				}
				n := len(table.Columns)
				arena := make([]event.Value, len(c.event.Rows)*n)
				for i := range c.event.Rows {
					if err := convertRow(table, c.event.Rows[i], arena[i*n:(i+1)*n]); err != nil {
						b.Fatal(err)
					}
				}
				return len(c.event.Rows) / step
			})
		})
	}
}

func benchRows(b *testing.B, evs []capturedRows, decode func(capturedRows) int) {
	b.Helper()
	var rows int
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		for _, c := range evs {
			rows += decode(c)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(rows), "ns/row")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(rows), "allocs/row")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(rows), "B/row")
}
