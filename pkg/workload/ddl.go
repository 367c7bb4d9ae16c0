package workload

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/cdcctl/cdcctl/pkg/verify"
)

// DDLKind is a kind of schema change the workload can make.
type DDLKind string

// DDL kinds.
const (
	AddColumn     DDLKind = "add-column"     // ADD COLUMN xN VARCHAR(16) NULL DEFAULT 'dflt'
	ModifyColumn  DDLKind = "modify-column"  // a widening MODIFY COLUMN, once per table
	DropColumn    DDLKind = "drop-column"    // DROP COLUMN of a column added before
	RenameTable   DDLKind = "rename-table"   // RENAME TABLE to a name never used before
	TruncateTable DDLKind = "truncate-table" // TRUNCATE TABLE, a second away from other changes
)

// DDLCycle is the order NextDDL applies the kinds in; each is applicable
// after the ones before it.
func DDLCycle() []DDLKind {
	return []DDLKind{AddColumn, ModifyColumn, RenameTable, DropColumn, TruncateTable}
}

// NextDDL applies the next kind of DDLCycle.
func (w *Workload) NextDDL(ctx context.Context) (string, error) {
	w.ddlMu.Lock()
	k := DDLCycle()[w.ddlN%len(DDLCycle())]
	w.ddlMu.Unlock()
	return w.DDL(ctx, k)
}

// DDL makes one schema change of kind k on the next table (round-robin)
// that it applies to, with that table's writers paused, and returns the
// statement.
func (w *Workload) DDL(ctx context.Context, k DDLKind) (string, error) {
	w.ddlMu.Lock()
	defer w.ddlMu.Unlock()
	n := w.ddlN
	var t *tableState
	for i := range w.tables {
		c := w.tables[(n+i)%len(w.tables)]
		c.mu.RLock()
		ok := applies(c, k)
		c.mu.RUnlock()
		if ok {
			t = c
			break
		}
	}
	if t == nil {
		return "", fmt.Errorf("workload: no table to %s", k)
	}
	w.ddlN++
	t.mu.Lock()
	defer t.mu.Unlock()
	q := w.qualified(t.name)
	var stmt string
	switch k {
	case AddColumn:
		col := "x" + strconv.Itoa(n)
		stmt = "ALTER TABLE " + q + " ADD COLUMN " + quote(col) + " VARCHAR(16) NULL DEFAULT 'dflt'"
		if err := w.exec(ctx, stmt); err != nil {
			return stmt, err
		}
		t.extra = append(t.extra, col)
	case ModifyColumn:
		stmt = "ALTER TABLE " + q + " " + t.shape.modify
		if err := w.exec(ctx, stmt); err != nil {
			return stmt, err
		}
		t.modified = true
	case DropColumn:
		stmt = "ALTER TABLE " + q + " DROP COLUMN " + quote(t.extra[0])
		if err := w.exec(ctx, stmt); err != nil {
			return stmt, err
		}
		t.extra = t.extra[1:]
	case RenameTable:
		name := t.shape.name + "_r" + strconv.Itoa(n)
		stmt = "RENAME TABLE " + q + " TO " + w.qualified(name)
		if err := w.exec(ctx, stmt); err != nil {
			return stmt, err
		}
		t.previous = append(t.previous, t.name)
		t.name = name
	case TruncateTable:
		stmt = "TRUNCATE TABLE " + q
		if err := w.truncate(ctx, t, stmt); err != nil {
			return stmt, err
		}
	default:
		return "", fmt.Errorf("workload: unknown DDL kind %q", k)
	}
	w.stats.ddls.Add(1)
	return stmt, nil
}

func applies(t *tableState, k DDLKind) bool {
	switch k {
	case AddColumn:
		return len(t.extra) < 3
	case ModifyColumn:
		return !t.modified
	case DropColumn:
		return len(t.extra) > 0
	}
	return true
}

func (w *Workload) exec(ctx context.Context, stmt string) error {
	if _, err := w.cfg.DB.ExecContext(ctx, stmt); err != nil {
		return fmt.Errorf("workload: %s: %w", stmt, err)
	}
	return nil
}

// truncate runs TRUNCATE between whole-second boundaries: the table's
// writers are paused (t.mu is held), so every earlier change committed
// before the first boundary and every later one starts after the second.
// Commit ts carry binlog seconds, so the first boundary separates them.
func (w *Workload) truncate(ctx context.Context, t *tableState, stmt string) error {
	before := time.Now().Truncate(time.Second).Add(time.Second)
	if err := sleepUntil(ctx, before.Add(10*time.Millisecond)); err != nil {
		return err
	}
	if err := w.exec(ctx, stmt); err != nil {
		return err
	}
	after := time.Now().Truncate(time.Second).Add(time.Second)
	if err := sleepUntil(ctx, after.Add(10*time.Millisecond)); err != nil {
		return err
	}
	t.truncatedAt = before
	for _, s := range t.live {
		s.reset(nil)
	}
	return nil
}

// Tables returns each table's current name, earlier names and last
// truncation, as pkg/verify takes them.
func (w *Workload) Tables() []verify.Table {
	out := make([]verify.Table, len(w.tables))
	for i, t := range w.tables {
		t.mu.RLock()
		vt := verify.Table{Name: w.cfg.Database + "." + t.name, TruncatedAt: t.truncatedAt}
		for _, p := range t.previous {
			vt.Previous = append(vt.Previous, w.cfg.Database+"."+p)
		}
		t.mu.RUnlock()
		out[i] = vt
	}
	return out
}
