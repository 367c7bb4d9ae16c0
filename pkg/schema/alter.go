package schema

import (
	"fmt"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/cdcctl/cdcctl/pkg/event"
)

func (t *Tracker) alterTable(s *ast.AlterTableStmt, currentDB string, ddl *event.DDL) (bool, error) {
	var renameTo *ast.TableName
	changed, err := t.changeTable(s.Table, currentDB, ddl, func(tb *event.Table) error {
		for _, spec := range s.Specs {
			if spec.Tp == ast.AlterTableRenameTable {
				renameTo = spec.NewTable
				continue
			}
			if err := alterSpec(tb, spec); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || !changed || renameTo == nil {
		return changed, err
	}
	// ALTER … RENAME TO: the altered table was published under its old
	// name; the rename replaces that version with one under the new name.
	ddl.Tables = ddl.Tables[:len(ddl.Tables)-1]
	return true, t.renameTable(s.Table, renameTo, currentDB, ddl)
}

func alterSpec(tb *event.Table, spec *ast.AlterTableSpec) error {
	switch spec.Tp {
	case ast.AlterTableAddColumns:
		for _, def := range spec.NewColumns {
			if spec.IfNotExists && tb.ColumnIndex(def.Name.Name.O) >= 0 {
				continue
			}
			if err := addColumn(tb, def, spec.Position); err != nil {
				return err
			}
		}
	case ast.AlterTableAddConstraint:
		ix, ok, err := IndexFromConstraint(spec.Constraint)
		if err != nil || !ok {
			return err
		}
		return addIndex(tb, ix)
	case ast.AlterTableDropColumn:
		return dropColumn(tb, spec.OldColumnName.Name.O, spec.IfExists)
	case ast.AlterTableDropPrimaryKey:
		return dropIndex(tb, "PRIMARY", false)
	case ast.AlterTableDropIndex:
		return dropIndex(tb, spec.Name, spec.IfExists)
	case ast.AlterTableModifyColumn:
		def := spec.NewColumns[0]
		return replaceColumn(tb, def.Name.Name.O, def, spec.Position, spec.IfExists)
	case ast.AlterTableChangeColumn:
		return replaceColumn(tb, spec.OldColumnName.Name.O, spec.NewColumns[0], spec.Position, spec.IfExists)
	case ast.AlterTableRenameColumn:
		return renameColumn(tb, spec.OldColumnName.Name.O, spec.NewColumnName.Name.O)
	case ast.AlterTableAlterColumn:
		return alterColumnDefault(tb, spec.NewColumns[0])
	case ast.AlterTableRenameIndex:
		i := findIndex(tb, spec.FromKey.O)
		if i < 0 {
			return fmt.Errorf("RENAME INDEX: key %s does not exist", spec.FromKey.O)
		}
		tb.Indexes[i].Name = spec.ToKey.O
	}
	return nil // table options, partitioning, algorithm, lock, …: no column change
}

func addColumn(tb *event.Table, def *ast.ColumnDef, pos *ast.ColumnPosition) error {
	col, key, err := ColumnFromDef(def)
	if err != nil {
		return err
	}
	if tb.ColumnIndex(col.Name) >= 0 {
		return fmt.Errorf("ADD COLUMN %s: duplicate column name", col.Name)
	}
	at, err := position(tb, pos, len(tb.Columns))
	if err != nil {
		return err
	}
	tb.Columns = append(tb.Columns[:at], append([]event.Column{col}, tb.Columns[at:]...)...)
	return addInlineKey(tb, col.Name, key)
}

func replaceColumn(tb *event.Table, oldName string, def *ast.ColumnDef, pos *ast.ColumnPosition, ifExists bool) error {
	i := tb.ColumnIndex(oldName)
	if i < 0 {
		if ifExists {
			return nil
		}
		return fmt.Errorf("column %s does not exist", oldName)
	}
	col, key, err := ColumnFromDef(def)
	if err != nil {
		return err
	}
	if j := tb.ColumnIndex(col.Name); j >= 0 && j != i {
		return fmt.Errorf("CHANGE COLUMN %s to %s: duplicate column name", oldName, col.Name)
	}
	if col.Charset == "" && isCharType(col.Type) && !col.Binary {
		col.Charset, col.Collation = tb.Columns[i].Charset, tb.Columns[i].Collation
	}
	renameInIndexes(tb, tb.Columns[i].Name, col.Name)
	tb.Columns = append(tb.Columns[:i], tb.Columns[i+1:]...)
	at, err := position(tb, pos, i)
	if err != nil {
		return err
	}
	tb.Columns = append(tb.Columns[:at], append([]event.Column{col}, tb.Columns[at:]...)...)
	if err := addInlineKey(tb, col.Name, key); err != nil {
		return err
	}
	return finishIndexes(tb)
}

// position resolves FIRST / AFTER col; def is used when no position is given.
func position(tb *event.Table, pos *ast.ColumnPosition, def int) (int, error) {
	if pos == nil {
		return def, nil
	}
	switch pos.Tp {
	case ast.ColumnPositionFirst:
		return 0, nil
	case ast.ColumnPositionAfter:
		j := tb.ColumnIndex(pos.RelativeColumn.Name.O)
		if j < 0 {
			return 0, fmt.Errorf("AFTER %s: column does not exist", pos.RelativeColumn.Name.O)
		}
		return j + 1, nil
	}
	return def, nil
}

func dropColumn(tb *event.Table, name string, ifExists bool) error {
	i := tb.ColumnIndex(name)
	if i < 0 {
		if ifExists {
			return nil
		}
		return fmt.Errorf("DROP COLUMN %s: column does not exist", name)
	}
	tb.Columns = append(tb.Columns[:i], tb.Columns[i+1:]...)
	kept := tb.Indexes[:0]
	for _, ix := range tb.Indexes {
		cols := ix.Columns[:0]
		for _, c := range ix.Columns {
			if !strings.EqualFold(c, name) {
				cols = append(cols, c)
			}
		}
		ix.Columns = cols
		if len(cols) > 0 { // MySQL drops a key whose last column goes
			kept = append(kept, ix)
		}
	}
	tb.Indexes = kept
	return nil
}

func renameColumn(tb *event.Table, from, to string) error {
	i := tb.ColumnIndex(from)
	if i < 0 {
		return fmt.Errorf("RENAME COLUMN %s: column does not exist", from)
	}
	if j := tb.ColumnIndex(to); j >= 0 && j != i {
		return fmt.Errorf("RENAME COLUMN %s TO %s: duplicate column name", from, to)
	}
	renameInIndexes(tb, tb.Columns[i].Name, to)
	tb.Columns[i].Name = to
	return nil
}

func renameInIndexes(tb *event.Table, from, to string) {
	for i := range tb.Indexes {
		for j, c := range tb.Indexes[i].Columns {
			if strings.EqualFold(c, from) {
				tb.Indexes[i].Columns[j] = to
			}
		}
	}
}

func alterColumnDefault(tb *event.Table, def *ast.ColumnDef) error {
	i := tb.ColumnIndex(def.Name.Name.O)
	if i < 0 {
		return fmt.Errorf("ALTER COLUMN %s: column does not exist", def.Name.Name.O)
	}
	if len(def.Options) == 0 { // DROP DEFAULT
		tb.Columns[i].Default = nil
		return nil
	}
	d, err := defaultString(def.Options[0].Expr, tb.Columns[i].Type)
	if err != nil {
		return fmt.Errorf("ALTER COLUMN %s SET DEFAULT: %w", def.Name.Name.O, err)
	}
	tb.Columns[i].Default = d
	return nil
}

func addInlineKey(tb *event.Table, col string, key InlineKey) error {
	switch {
	case key.Primary:
		return addIndex(tb, event.Index{Name: "PRIMARY", Columns: []string{col}, Primary: true, Unique: true})
	case key.Unique:
		return addIndex(tb, event.Index{Name: col, Columns: []string{col}, Unique: true})
	}
	return nil
}

func findIndex(tb *event.Table, name string) int {
	for i, ix := range tb.Indexes {
		if strings.EqualFold(ix.Name, name) {
			return i
		}
	}
	return -1
}

func addIndex(tb *event.Table, ix event.Index) error {
	if ix.Name != "" && findIndex(tb, ix.Name) >= 0 {
		ix.Name = uniqueIndexName(tb, ix.Name)
	}
	next := 1
	for _, other := range tb.Indexes {
		if other.ID >= next {
			next = other.ID + 1
		}
	}
	ix.ID = next
	for _, c := range ix.Columns {
		j := tb.ColumnIndex(c)
		if j < 0 {
			return fmt.Errorf("key %s: column %s does not exist", ix.Name, c)
		}
		if ix.Primary {
			tb.Columns[j].Nullable = false
		}
	}
	tb.Indexes = append(tb.Indexes, ix)
	return nil
}

// uniqueIndexName mimics MySQL naming a second unnamed key on c as c_2.
func uniqueIndexName(tb *event.Table, base string) string {
	for n := 2; ; n++ {
		name := fmt.Sprintf("%s_%d", base, n)
		if findIndex(tb, name) < 0 {
			return name
		}
	}
}

func dropIndex(tb *event.Table, name string, ifExists bool) error {
	i := findIndex(tb, name)
	if i < 0 {
		if ifExists {
			return nil
		}
		return fmt.Errorf("DROP INDEX %s: key does not exist", name)
	}
	tb.Indexes = append(tb.Indexes[:i], tb.Indexes[i+1:]...)
	return nil
}
