package schema

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"

	// The parser needs a driver for literal values (defaults, ENUM
	// members); the test driver is the dependency-free one.
	_ "github.com/pingcap/tidb/pkg/parser/test_driver"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// ParseDDL parses a SQL script of CREATE TABLE statements into table
// definitions, in statement order. CREATE DATABASE and USE switch the current
// schema, which starts as defaultSchema and qualifies unqualified table
// names; any other statement is an error naming it. Every table has its keys
// computed (event.Table.ComputeKeys) and Version 1.
func ParseDDL(sql string, defaultSchema string) ([]*event.Table, error) {
	stmts, _, err := parser.New().Parse(sql, "", "")
	if err != nil {
		return nil, fmt.Errorf("parse DDL: %w", err)
	}
	current := defaultSchema
	var tables []*event.Table
	for i, stmt := range stmts {
		switch s := stmt.(type) {
		case *ast.UseStmt:
			current = s.DBName
		case *ast.CreateDatabaseStmt:
			current = s.Name.O
		case *ast.CreateTableStmt:
			t, err := TableFromCreate(s, current)
			if err != nil {
				return nil, err
			}
			tables = append(tables, t)
		default:
			return nil, fmt.Errorf("parse DDL: statement %d (%s): only CREATE TABLE, CREATE DATABASE and USE are supported",
				i+1, statementText(stmt))
		}
	}
	return tables, nil
}

// TableFromCreate converts one CREATE TABLE statement; schema qualifies the
// table when the statement does not name its database.
func TableFromCreate(s *ast.CreateTableStmt, schema string) (*event.Table, error) {
	t := &event.Table{Schema: schema, Name: s.Table.Name.O, Version: 1}
	if s.Table.Schema.O != "" {
		t.Schema = s.Table.Schema.O
	}
	if t.Schema == "" {
		return nil, fmt.Errorf("table %s: no database: qualify the name, add USE, or give a default schema", t.Name)
	}
	if s.ReferTable != nil || s.Select != nil {
		return nil, fmt.Errorf("table %s: CREATE TABLE ... LIKE/SELECT is not supported; give the column definitions", t.QualifiedName())
	}
	charset, collation := tableCharset(s.Options)
	var inline []event.Index
	for _, def := range s.Cols {
		col, key, err := ColumnFromDef(def)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", t.QualifiedName(), err)
		}
		if col.Charset == "" && isCharType(col.Type) && !col.Binary {
			col.Charset, col.Collation = charset, collation
		}
		if t.ColumnIndex(col.Name) >= 0 {
			return nil, fmt.Errorf("table %s: column %s: duplicate column name", t.QualifiedName(), col.Name)
		}
		t.Columns = append(t.Columns, col)
		switch {
		case key.Primary:
			inline = append(inline, event.Index{Name: "PRIMARY", Columns: []string{col.Name}, Primary: true, Unique: true})
		case key.Unique:
			inline = append(inline, event.Index{Name: col.Name, Columns: []string{col.Name}, Unique: true})
		}
	}
	// TiDB numbers the table-level constraints first, then the keys declared
	// inline on columns (ddl.buildColumnsAndConstraints appends them).
	for _, c := range s.Constraints {
		ix, ok, err := IndexFromConstraint(c)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", t.QualifiedName(), err)
		}
		if ok {
			t.Indexes = append(t.Indexes, ix)
		}
	}
	t.Indexes = append(t.Indexes, inline...)
	if err := finishIndexes(t); err != nil {
		return nil, err
	}
	t.ComputeKeys()
	return t, nil
}

// finishIndexes numbers the indexes, checks their columns exist and marks
// PRIMARY KEY columns NOT NULL, as MySQL does.
func finishIndexes(t *event.Table) error {
	primaries := 0
	for i := range t.Indexes {
		ix := &t.Indexes[i]
		ix.ID = i + 1
		if ix.Primary {
			primaries++
		}
		for _, name := range ix.Columns {
			j := t.ColumnIndex(name)
			if j < 0 {
				return fmt.Errorf("table %s: key %s: column %s does not exist", t.QualifiedName(), ix.Name, name)
			}
			if ix.Primary {
				t.Columns[j].Nullable = false
			}
		}
	}
	if primaries > 1 {
		return fmt.Errorf("table %s: multiple primary keys defined", t.QualifiedName())
	}
	return nil
}

// FindTable returns the table named "db.table" (or just "table" when only one
// database has it), comparing case-insensitively.
func FindTable(tables []*event.Table, name string) (*event.Table, error) {
	db, tbl, qualified := strings.Cut(name, ".")
	if !qualified {
		db, tbl = "", name
	}
	var found []*event.Table
	for _, t := range tables {
		if strings.EqualFold(t.Name, tbl) && (!qualified || strings.EqualFold(t.Schema, db)) {
			found = append(found, t)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return nil, fmt.Errorf("table %q not found; defined: %s", name, tableList(tables))
	}
	return nil, fmt.Errorf("table %q is ambiguous; qualify it as db.table: %s", name, tableList(found))
}

func tableList(tables []*event.Table) string {
	if len(tables) == 0 {
		return "(none)"
	}
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = t.QualifiedName()
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// statementText returns the statement's SQL, shortened for error messages.
func statementText(stmt ast.StmtNode) string {
	text := strings.Join(strings.Fields(stmt.Text()), " ")
	const maxLen = 60
	if len(text) > maxLen {
		text = text[:maxLen] + "…"
	}
	return fmt.Sprintf("%q", text)
}

// tableCharset returns the table's DEFAULT CHARSET and COLLATE options.
func tableCharset(opts []*ast.TableOption) (charset, collation string) {
	for _, o := range opts {
		switch o.Tp {
		case ast.TableOptionCharset:
			charset = o.StrValue
		case ast.TableOptionCollate:
			collation = o.StrValue
		}
	}
	return charset, collation
}
