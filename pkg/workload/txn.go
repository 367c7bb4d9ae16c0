package workload

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-sql-driver/mysql"
)

type opKind uint8

const (
	opInsert opKind = iota + 1
	opUpdate
	opKeyUpdate
	opDelete
)

// change is one planned row change: key k (and new key nk for a key update).
type change struct {
	op    opKind
	k, nk int64
}

// errDiverged says a statement changed no row or several: the worker's
// picture of its keys was wrong. It re-reads them.
var errDiverged = errors.New("a statement did not change exactly one row")

// txn runs one transaction of 1..MaxOps changes on t, touching each key at
// most once, and updates the worker's keys after COMMIT succeeds.
func (wk *worker) txn(ctx context.Context, t *tableState) error {
	t.mu.RLock()
	defer t.mu.RUnlock()
	live := t.live[wk.id]
	n := 1 + wk.rng.IntN(wk.w.cfg.MaxOps)
	touched := map[int64]bool{}
	var changes []change
	var stmts []string
	for i := 0; i < n; i++ {
		c, ok := wk.choose(live, touched)
		if !ok {
			break
		}
		changes = append(changes, c)
		stmts = append(stmts, wk.statement(t, c))
	}
	if len(stmts) == 0 {
		return nil
	}
	tx, err := wk.w.cfg.DB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("table %s: begin: %w", t.name, err)
	}
	for _, q := range stmts {
		res, err := tx.ExecContext(ctx, q)
		if err == nil {
			var n int64
			if n, err = res.RowsAffected(); err == nil && n != 1 {
				err = errDiverged
			}
		}
		if err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("table %s: %s: %w", t.name, truncate(q, 200), err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("table %s: commit: %w", t.name, err)
	}
	for _, c := range changes {
		wk.apply(live, c)
	}
	wk.w.stats.txns.Add(1)
	return nil
}

// choose draws the next change from the mix.
func (wk *worker) choose(live *keySet, touched map[int64]bool) (change, bool) {
	m := wk.w.cfg.Mix
	ins, upd, kup, del := m.Insert, m.Update, m.KeyUpdate, m.Delete
	if live.len() >= wk.w.cfg.KeySpace {
		ins, kup = 0, 0
	}
	if live.len() == 0 {
		upd, kup, del = 0, 0, 0
	}
	total := ins + upd + kup + del
	if total == 0 {
		return change{}, false
	}
	x := wk.rng.IntN(total)
	var c change
	var ok bool
	switch {
	case x < ins:
		c.op = opInsert
		c.k, ok = wk.freeKey(live, touched)
	case x < ins+upd:
		c.op = opUpdate
		c.k, ok = wk.liveKey(live, touched)
	case x < ins+upd+kup:
		c.op = opKeyUpdate
		if c.k, ok = wk.liveKey(live, touched); ok {
			touched[c.k] = true
			c.nk, ok = wk.freeKey(live, touched)
		}
	default:
		c.op = opDelete
		c.k, ok = wk.liveKey(live, touched)
	}
	if !ok {
		return change{}, false
	}
	touched[c.k] = true
	if c.op == opKeyUpdate {
		touched[c.nk] = true
	}
	return c, true
}

// freeKey draws a key the worker owns that has no row and was not touched.
func (wk *worker) freeKey(live *keySet, touched map[int64]bool) (int64, bool) {
	for i := 0; i < 16; i++ {
		k := int64(wk.rng.IntN(wk.w.cfg.KeySpace)*wk.w.cfg.Workers + wk.id)
		if !live.has(k) && !touched[k] {
			return k, true
		}
	}
	return 0, false
}

// liveKey draws an existing key of the worker that was not touched.
func (wk *worker) liveKey(live *keySet, touched map[int64]bool) (int64, bool) {
	for i := 0; i < 16; i++ {
		if k := live.pick(wk.rng); !touched[k] {
			return k, true
		}
	}
	return 0, false
}

// statement renders a change as SQL.
func (wk *worker) statement(t *tableState, c change) string {
	q := wk.w.qualified(t.name)
	sh := &t.shape
	cols, vals := sh.cols, sh.gen(wk.rng)
	for _, x := range t.extra {
		cols = append(cols[:len(cols):len(cols)], x)
		vals = append(vals, nullable(wk.rng, textLit(words(wk.rng, 16))))
	}
	switch c.op {
	case opInsert:
		names := make([]string, 0, len(sh.keyCols)+len(cols))
		for _, n := range append(append([]string(nil), sh.keyCols...), cols...) {
			names = append(names, quote(n))
		}
		return "INSERT INTO " + q + " (" + strings.Join(names, ", ") + ") VALUES (" +
			strings.Join(append(sh.keyVals(c.k), vals...), ", ") + ")"
	case opDelete:
		return "DELETE FROM " + q + " WHERE " + sh.keyCond(c.k)
	}
	var set []string
	if c.op == opKeyUpdate {
		for i, v := range sh.keyVals(c.nk) {
			set = append(set, quote(sh.keyCols[i])+" = "+v)
		}
	}
	for i, n := range cols {
		set = append(set, quote(n)+" = "+vals[i])
	}
	return "UPDATE " + q + " SET " + strings.Join(set, ", ") + " WHERE " + sh.keyCond(c.k)
}

// apply records a committed change in the worker's keys and counters.
func (wk *worker) apply(live *keySet, c change) {
	st := &wk.w.stats
	switch c.op {
	case opInsert:
		live.add(c.k)
		st.inserts.Add(1)
	case opUpdate:
		st.updates.Add(1)
	case opKeyUpdate:
		live.remove(c.k)
		live.add(c.nk)
		st.keyUpdates.Add(1)
	case opDelete:
		live.remove(c.k)
		st.deletes.Add(1)
	}
}

// isPermanent reports errors that retrying cannot fix: the server rejected
// the workload's own SQL or values.
func isPermanent(err error) bool {
	var me *mysql.MySQLError
	if !errors.As(err, &me) {
		return false
	}
	switch me.Number {
	case 1064, 1054, 1136, 1264, 1292, 1366, 1406, 1265, 1048:
		// syntax, unknown column, column count, out of range, bad
		// date/time, bad value, too long, truncated, NULL in NOT NULL
		return true
	}
	return false
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
