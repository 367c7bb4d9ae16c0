package filter

import (
	"fmt"

	"github.com/pingcap/tidb/pkg/parser/ast"
)

// DDL describes a schema change for ShouldIgnoreDDL.
type DDL struct {
	// Schema and Table name the object the DDL acts on; for RENAME TABLE
	// the name before the rename (TiCDC matches the old name). Table is
	// "" for database-level DDL.
	Schema, Table string
	// Type classifies the DDL; ClassifyDDL derives it from the query.
	Type EventType
	// Query is the DDL text that ignore-sql patterns are matched against.
	Query string
}

// ClassifyDDL parses one DDL statement with the TiDB parser and returns
// its event type as TiCDC names it. Statements TiCDC does not replicate
// (and ALTER TABLE variants it does not list) give Unknown; a statement the
// parser cannot read is an error.
func ClassifyDDL(query string) (EventType, error) {
	stmt, err := parseOne(query)
	if err != nil {
		return Unknown, fmt.Errorf("classify DDL: %w", err)
	}
	return ddlType(stmt), nil
}

func ddlType(stmt ast.StmtNode) EventType {
	switch s := stmt.(type) {
	case *ast.CreateDatabaseStmt:
		return CreateDatabase
	case *ast.DropDatabaseStmt:
		return DropDatabase
	case *ast.AlterDatabaseStmt:
		return ModifySchemaCharsetAndCollate
	case *ast.CreateTableStmt:
		return CreateTable
	case *ast.DropTableStmt:
		if s.IsView {
			return DropView
		}
		return DropTable
	case *ast.TruncateTableStmt:
		return TruncateTable
	case *ast.RenameTableStmt:
		return RenameTable
	case *ast.RecoverTableStmt, *ast.FlashBackTableStmt:
		return RecoverTable
	case *ast.CreateViewStmt:
		return CreateView
	case *ast.CreateIndexStmt:
		return CreateIndex
	case *ast.DropIndexStmt:
		return DropIndex
	case *ast.AlterTableStmt:
		return alterTableType(s.Specs)
	}
	return Unknown
}

// alterTableType classifies ALTER TABLE by its specs: one meaningful spec
// gives its own type, several give MultiSchemaChange (as TiDB runs them).
func alterTableType(specs []*ast.AlterTableSpec) EventType {
	var types []EventType
	for _, sp := range specs {
		switch sp.Tp {
		case ast.AlterTableLock, ast.AlterTableAlgorithm, ast.AlterTableForce:
			continue
		}
		types = append(types, alterSpecType(sp))
	}
	switch len(types) {
	case 0:
		return Unknown
	case 1:
		return types[0]
	}
	return MultiSchemaChange
}

func alterSpecType(sp *ast.AlterTableSpec) EventType {
	switch sp.Tp {
	case ast.AlterTableAddColumns:
		return AddColumn
	case ast.AlterTableDropColumn:
		return DropColumn
	case ast.AlterTableModifyColumn, ast.AlterTableChangeColumn, ast.AlterTableRenameColumn:
		return ModifyColumn
	case ast.AlterTableAlterColumn:
		return SetDefaultValue
	case ast.AlterTableAddConstraint:
		return constraintType(sp.Constraint)
	case ast.AlterTableDropPrimaryKey:
		return DropPrimaryKey
	case ast.AlterTableDropIndex:
		return DropIndex
	case ast.AlterTableDropForeignKey:
		return DropForeignKey
	case ast.AlterTableRenameIndex:
		return RenameIndex
	case ast.AlterTableRenameTable:
		return RenameTable
	case ast.AlterTableIndexInvisible:
		return AlterIndexVisibility
	case ast.AlterTableAddPartitions, ast.AlterTableAddLastPartition:
		return AddTablePartition
	case ast.AlterTableDropPartition, ast.AlterTableDropFirstPartition:
		return DropTablePartition
	case ast.AlterTableTruncatePartition:
		return TruncateTablePartition
	case ast.AlterTableExchangePartition:
		return ExchangePartition
	case ast.AlterTableReorganizePartition, ast.AlterTableReorganizeFirstPartition, ast.AlterTableReorganizeLastPartition:
		return ReorganizePartition
	case ast.AlterTablePartition:
		return AlterTablePartitioning
	case ast.AlterTableRemovePartitioning:
		return RemovePartitioning
	case ast.AlterTableRemoveTTL:
		return AlterTTLRemove
	case ast.AlterTableOption:
		return tableOptionType(sp.Options)
	}
	return Unknown
}

func constraintType(c *ast.Constraint) EventType {
	if c == nil {
		return Unknown
	}
	switch c.Tp {
	case ast.ConstraintPrimaryKey:
		return AddPrimaryKey
	case ast.ConstraintForeignKey:
		return AddForeignKey
	case ast.ConstraintKey, ast.ConstraintIndex, ast.ConstraintUniq, ast.ConstraintUniqKey,
		ast.ConstraintUniqIndex, ast.ConstraintFulltext, ast.ConstraintVector, ast.ConstraintColumnar:
		return CreateIndex
	}
	return Unknown
}

func tableOptionType(opts []*ast.TableOption) EventType {
	t := Unknown
	for i, o := range opts {
		var ot EventType
		switch o.Tp {
		case ast.TableOptionCharset, ast.TableOptionCollate:
			ot = ModifyTableCharsetAndCollate
		case ast.TableOptionComment:
			ot = ModifyTableComment
		case ast.TableOptionAutoIncrement:
			ot = RebaseAutoID
		case ast.TableOptionTTL, ast.TableOptionTTLEnable, ast.TableOptionTTLJobInterval:
			ot = AlterTTLInfo
		default:
			return Unknown
		}
		if i > 0 && ot != t {
			return Unknown
		}
		t = ot
	}
	return t
}
