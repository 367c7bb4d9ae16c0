package schema

import (
	"fmt"
	"strings"

	"github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// Apply applies one statement from the binlog (a QUERY event) to the
// tracker. currentDB is the event's default database. It returns the DDL
// with the table definitions after the change, or nil when the statement
// does not change table definitions (BEGIN, GRANT, CREATE VIEW, …). A
// statement that changes tables but cannot be parsed or applied is an
// error naming it, and leaves the tracker unchanged.
func (t *Tracker) Apply(currentDB, query string) (*event.DDL, error) {
	if !mayChangeTables(query) {
		return nil, nil
	}
	stmts, _, err := parser.New().Parse(query, "", "")
	if err != nil {
		return nil, fmt.Errorf("schema: parse DDL %q: %w", shorten(query), err)
	}
	ddl := &event.DDL{Schema: currentDB, Query: query}
	// Work on a copy so that a failing statement changes nothing.
	work := &Tracker{tables: make(map[tableKey]*event.Table, len(t.tables)), version: t.version}
	for k, v := range t.tables {
		work.tables[k] = v
	}
	changed := false
	for _, stmt := range stmts {
		ok, err := work.applyStmt(stmt, currentDB, ddl)
		if err != nil {
			return nil, fmt.Errorf("schema: apply %q: %w", shorten(query), err)
		}
		changed = changed || ok
	}
	if !changed {
		return nil, nil
	}
	t.tables, t.version = work.tables, work.version
	return ddl, nil
}

// mayChangeTables filters out statements that can never change a table
// definition before paying for a parse.
func mayChangeTables(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n(")
	for strings.HasPrefix(q, "/*") { // leading comments, e.g. /* ApplicationName=… */
		end := strings.Index(q, "*/")
		if end < 0 {
			return false
		}
		q = strings.TrimLeft(q[end+2:], " \t\r\n")
	}
	word, _, _ := strings.Cut(q, " ")
	switch strings.ToUpper(word) {
	case "CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE":
	default:
		return false
	}
	upper := strings.ToUpper(q)
	for _, skip := range []string{" VIEW ", " USER ", " TRIGGER ", " PROCEDURE ", " FUNCTION ", " EVENT ", " ROLE ", " SEQUENCE ", " SERVER "} {
		head := upper
		if len(head) > 80 {
			head = head[:80]
		}
		if strings.Contains(head, skip) && !strings.Contains(head, " TABLE ") {
			return false
		}
	}
	return true
}

func (t *Tracker) applyStmt(stmt ast.StmtNode, currentDB string, ddl *event.DDL) (bool, error) {
	switch s := stmt.(type) {
	case *ast.CreateTableStmt:
		return t.createTable(s, currentDB, ddl)
	case *ast.AlterTableStmt:
		return t.alterTable(s, currentDB, ddl)
	case *ast.DropTableStmt:
		if s.IsView {
			return false, nil
		}
		changed := false
		for _, tn := range s.Tables {
			db := dbOf(tn, currentDB)
			if t.drop(db, tn.Name.O) {
				ddl.Dropped = append(ddl.Dropped, db+"."+tn.Name.O)
				changed = true
			}
		}
		return changed, nil
	case *ast.RenameTableStmt:
		for _, tt := range s.TableToTables {
			if err := t.renameTable(tt.OldTable, tt.NewTable, currentDB, ddl); err != nil {
				return false, err
			}
		}
		return true, nil
	case *ast.TruncateTableStmt:
		// No definition change, but consumers see the DDL (and TiCDC bumps
		// the table's version, so its schema is registered again).
		db := dbOf(s.Table, currentDB)
		old := t.Table(db, s.Table.Name.O)
		if old == nil {
			return false, nil
		}
		ddl.Tables = append(ddl.Tables, t.publish(cloneTable(old)))
		return true, nil
	case *ast.CreateDatabaseStmt:
		return false, nil
	case *ast.DropDatabaseStmt:
		changed := false
		for _, tb := range t.Tables() {
			if tb.Schema == s.Name.O && t.drop(tb.Schema, tb.Name) {
				ddl.Dropped = append(ddl.Dropped, tb.QualifiedName())
				changed = true
			}
		}
		return changed, nil
	case *ast.CreateIndexStmt:
		return t.createIndex(s, currentDB, ddl)
	case *ast.DropIndexStmt:
		return t.changeTable(s.Table, currentDB, ddl, func(tb *event.Table) error {
			return dropIndex(tb, s.IndexName, s.IfExists)
		})
	}
	return false, nil
}

func dbOf(tn *ast.TableName, currentDB string) string {
	if tn.Schema.O != "" {
		return tn.Schema.O
	}
	return currentDB
}

func (t *Tracker) createTable(s *ast.CreateTableStmt, currentDB string, ddl *event.DDL) (bool, error) {
	db := dbOf(s.Table, currentDB)
	if s.IfNotExists && t.Table(db, s.Table.Name.O) != nil {
		return false, nil
	}
	var tb *event.Table
	if s.ReferTable != nil { // CREATE TABLE new LIKE old
		src := t.Table(dbOf(s.ReferTable, currentDB), s.ReferTable.Name.O)
		if src == nil {
			return false, fmt.Errorf("CREATE TABLE %s LIKE %s: source table is not tracked", s.Table.Name.O, s.ReferTable.Name.O)
		}
		tb = cloneTable(src)
		tb.Schema, tb.Name = db, s.Table.Name.O
	} else {
		var err error
		if tb, err = TableFromCreate(s, db); err != nil {
			return false, err
		}
	}
	ddl.Tables = append(ddl.Tables, t.publish(tb))
	return true, nil
}

// changeTable applies fn to a copy of the named table and publishes it. A
// table that is not tracked (created before the start position by a
// statement we never saw, or filtered out) is left alone.
func (t *Tracker) changeTable(tn *ast.TableName, currentDB string, ddl *event.DDL, fn func(*event.Table) error) (bool, error) {
	db := dbOf(tn, currentDB)
	old := t.Table(db, tn.Name.O)
	if old == nil {
		return false, nil
	}
	tb := cloneTable(old)
	if err := fn(tb); err != nil {
		return false, fmt.Errorf("table %s: %w", old.QualifiedName(), err)
	}
	ddl.Tables = append(ddl.Tables, t.publish(tb))
	return true, nil
}

func (t *Tracker) renameTable(from, to *ast.TableName, currentDB string, ddl *event.DDL) error {
	db := dbOf(from, currentDB)
	old := t.Table(db, from.Name.O)
	if old == nil {
		return nil
	}
	tb := cloneTable(old)
	tb.Schema, tb.Name = dbOf(to, currentDB), to.Name.O
	t.drop(db, from.Name.O)
	ddl.Dropped = append(ddl.Dropped, old.QualifiedName())
	ddl.Tables = append(ddl.Tables, t.publish(tb))
	return nil
}

func (t *Tracker) createIndex(s *ast.CreateIndexStmt, currentDB string, ddl *event.DDL) (bool, error) {
	return t.changeTable(s.Table, currentDB, ddl, func(tb *event.Table) error {
		ix := event.Index{Name: s.IndexName, Unique: s.KeyType == ast.IndexKeyTypeUnique}
		for _, p := range s.IndexPartSpecifications {
			if p.Column == nil {
				return fmt.Errorf("index %s: expression key parts are not supported", s.IndexName)
			}
			ix.Columns = append(ix.Columns, p.Column.Name.O)
		}
		if s.IfNotExists && findIndex(tb, s.IndexName) >= 0 {
			return nil
		}
		return addIndex(tb, ix)
	})
}

func shorten(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if len(q) > 120 {
		return q[:117] + "..."
	}
	return q
}
