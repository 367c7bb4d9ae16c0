package snowflake

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"text/template"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// render executes one template of templates/ with data.
func render(name string, data any) (string, error) {
	t, err := template.New(name).Option("missingkey=error").ParseFS(templateFS, "templates/"+name)
	if err != nil {
		return "", fmt.Errorf("snowflake: template %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("snowflake: template %s: %w", name, err)
	}
	return b.String(), nil
}

// KeyList is the comma-separated key columns.
func (p *plan) KeyList() string {
	names := make([]string, len(p.Keys))
	for i, k := range p.Keys {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

// JoinOn matches the replica (t) and the source rows (s) on every key.
func (p *plan) JoinOn() string { return p.JoinOnAlias("t", "s") }

// JoinOnAlias matches aliases a and b on every key column.
func (p *plan) JoinOnAlias(a, b string) string {
	conds := make([]string, len(p.Keys))
	for i, k := range p.Keys {
		conds[i] = fmt.Sprintf("%s.%s = %s.%s", a, k.Name, b, k.Name)
	}
	return strings.Join(conds, " AND ")
}

// FirstKey is the first key column (NOT NULL in the replica, so NULL after
// a LEFT JOIN means "no replica row").
func (p *plan) FirstKey() string { return p.Keys[0].Name }

// Compute is the task's warehouse clause.
func (p *plan) Compute() string {
	if p.Opts.Serverless {
		return "USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE = " + literal(strings.ToUpper(p.Opts.InitialWarehouseSize))
	}
	return "WAREHOUSE = " + UserIdent(p.Opts.Warehouse)
}

// ScheduleLiteral is the schedule as a string literal.
func (p *plan) ScheduleLiteral() string { return literal(p.Opts.Schedule) }

// StreamLiteral names the stream for SYSTEM$STREAM_HAS_DATA: the qualified
// name in a string literal (quoted parts keep their double quotes).
func (p *plan) StreamLiteral() string { return literal(p.Stream) }

// Merge is the bare MERGE statement (for a task body).
func (p *plan) Merge() (string, error) { return render("merge.sql.tmpl", p) }

// LandingKeyExpr extracts the key field from the landing table aliased l.
func (c column) LandingKeyExpr() string { return c.cast("l.RECORD_METADATA:key" + c.path) }
