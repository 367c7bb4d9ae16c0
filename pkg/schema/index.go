package schema

import (
	"fmt"

	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// IndexFromConstraint converts a table-level constraint (CREATE TABLE or
// ALTER TABLE ADD). It reports false for constraints that are not keys over
// columns (FOREIGN KEY, CHECK). Expression key parts are errors because the
// model keys rows by column values. The ID is left for the caller.
func IndexFromConstraint(c *ast.Constraint) (event.Index, bool, error) {
	ix := event.Index{Name: c.Name}
	switch c.Tp {
	case ast.ConstraintPrimaryKey:
		ix.Primary, ix.Unique, ix.Name = true, true, "PRIMARY"
	case ast.ConstraintUniq, ast.ConstraintUniqKey, ast.ConstraintUniqIndex:
		ix.Unique = true
	case ast.ConstraintKey, ast.ConstraintIndex, ast.ConstraintFulltext, ast.ConstraintVector, ast.ConstraintColumnar:
	default:
		return event.Index{}, false, nil
	}
	for _, part := range c.Keys {
		if part.Column == nil {
			return event.Index{}, false, fmt.Errorf("key %s: expression key parts are not supported", keyName(ix))
		}
		ix.Columns = append(ix.Columns, part.Column.Name.O)
	}
	if ix.Name == "" && len(ix.Columns) > 0 {
		ix.Name = ix.Columns[0] // MySQL names an unnamed key after its first column
	}
	return ix, true, nil
}

func keyName(ix event.Index) string {
	if ix.Name == "" {
		return "(unnamed)"
	}
	return ix.Name
}
