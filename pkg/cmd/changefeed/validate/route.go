package validate

import (
	"fmt"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

// routeView is where the row given with --route goes.
type routeView struct {
	Table      string   `json:"table" yaml:"table"`
	Topic      string   `json:"topic" yaml:"topic"`
	Partition  int32    `json:"partition" yaml:"partition"`
	Partitions int32    `json:"partitions" yaml:"partitions"`
	Dispatcher string   `json:"dispatcher" yaml:"dispatcher"`
	Rule       string   `json:"rule" yaml:"rule"`
	Hashed     []string `json:"hashed,omitempty" yaml:"hashed,omitempty"`
}

// column is one name=value of --columns.
type column struct{ name, value string }

// splitTable splits "db.table" at the first dot.
func splitTable(s string) (schema, table string, err error) {
	schema, table, ok := strings.Cut(s, ".")
	if !ok || schema == "" || table == "" {
		return "", "", fmt.Errorf("--route: want db.table, got %q", s)
	}
	return schema, table, nil
}

func parseColumns(items []string) ([]column, error) {
	cols := make([]column, 0, len(items))
	seen := map[string]bool{}
	for _, it := range items {
		name, value, ok := strings.Cut(it, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, fmt.Errorf("--columns: want name=value, got %q", it)
		}
		if seen[strings.ToLower(name)] {
			return nil, fmt.Errorf("--columns: column %q given twice", name)
		}
		seen[strings.ToLower(name)] = true
		cols = append(cols, column{name: name, value: value})
	}
	return cols, nil
}

// computeRoute builds a table whose key is the --columns (values typed as
// text, which hashes exactly like TiCDC's valueString of those values) and
// routes one row of it.
func computeRoute(o *Options, u *sinkuri.URI, cfg *replicaconfig.ReplicaConfig) (*routeView, error) {
	schema, table, _ := splitTable(o.Route)
	cols, _ := parseColumns(o.Columns) // checked with the flags
	rt, err := dispatch.New(cfg.DispatchConfig(nil), u.Topic)
	if err != nil {
		return nil, err
	}
	cfgRules := cfg.Sink.DispatchRules
	t := syntheticTable(schema, table, cols, indexOfRule(rt, cfgRules, schema, table))
	route, err := rt.Route(t)
	if err != nil {
		return nil, fmt.Errorf("--route %s: %w", o.Route, err)
	}
	v := &routeView{Table: o.Route, Topic: route.Topic, Partitions: o.Partitions, Dispatcher: route.Kind.String(), Rule: "implicit {matcher=['*.*']}"}
	if route.Rule < len(cfgRules) {
		v.Rule = fmt.Sprintf("sink.dispatchers[%d]", route.Rule)
	}
	switch route.Kind {
	case dispatch.KindIndexValue, dispatch.KindColumns:
		if len(cols) == 0 {
			return nil, fmt.Errorf("--route %s: %s uses the %s dispatcher, which hashes column values; give them with --columns", o.Route, v.Rule, v.Dispatcher)
		}
		for i, c := range cols {
			if route.Retained(i) && (route.Kind == dispatch.KindIndexValue || contains(cfgRules[route.Rule].Columns, c.name)) {
				v.Hashed = append(v.Hashed, c.name+"="+c.value)
			}
		}
	case dispatch.KindTs:
		v.Hashed = []string{fmt.Sprintf("commit-ts=%d", o.CommitTs)}
	}
	row := &event.RowChange{Table: t, Op: event.OpInsert, CommitTs: o.CommitTs}
	for _, c := range cols {
		row.After = append(row.After, event.StringValue(c.value))
	}
	v.Partition = route.Partition(row, o.Partitions)
	return v, nil
}

// indexOfRule returns the index name of the rule that routes the table
// (index-value with index=…), so that the synthetic table has it.
func indexOfRule(rt *dispatch.Router, rules []replicaconfig.DispatchRule, schema, table string) string {
	i, kind := rt.RuleFor(schema, table)
	if i >= len(rules) || kind != dispatch.KindIndexValue {
		return ""
	}
	return rules[i].Index
}

// syntheticTable has the given columns, all in the primary key (so they
// are the handle key), plus a unique index of the same columns under the
// rule's index name when it has one.
func syntheticTable(schema, table string, cols []column, index string) *event.Table {
	t := &event.Table{Schema: schema, Name: table}
	var names []string
	for _, c := range cols {
		t.Columns = append(t.Columns, event.Column{Name: c.name, Type: event.TypeVarchar, Length: -1, Precision: -1, Scale: -1})
		names = append(names, c.name)
	}
	if len(names) > 0 {
		t.Indexes = append(t.Indexes, event.Index{Name: "PRIMARY", Columns: names, Primary: true, Unique: true, ID: 1})
		if index != "" && !strings.EqualFold(index, "PRIMARY") {
			t.Indexes = append(t.Indexes, event.Index{Name: index, Columns: names, Unique: true, ID: 2})
		}
	}
	t.ComputeKeys()
	return t
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}
