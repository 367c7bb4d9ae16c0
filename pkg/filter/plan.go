package filter

import (
	"fmt"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// tablePlan is what the filter decided once per table version: whether
// the table is replicated and the rules (with bound expressions) that
// apply to it.
type tablePlan struct {
	ignored bool
	rules   []boundRule
	err     error
}

type boundRule struct {
	rule  *eventRule
	exprs [numExprs]node // nil where the rule has no expression
}

// plan returns the cached plan for t, building it on first use. Tables
// are immutable per version, so the pointer is the key.
func (f *Filter) plan(t *event.Table) *tablePlan {
	if p, ok := f.plans.Load(t); ok {
		return p.(*tablePlan)
	}
	p := f.buildPlan(t)
	actual, _ := f.plans.LoadOrStore(t, p)
	return actual.(*tablePlan)
}

func (f *Filter) buildPlan(t *event.Table) *tablePlan {
	if !f.MatchTable(t.Schema, t.Name) {
		return &tablePlan{ignored: true}
	}
	p := &tablePlan{}
	b := binder{t: t, loc: f.loc}
	for _, r := range f.rules {
		if !r.matchTable(t.Schema, t.Name) {
			continue
		}
		br := boundRule{rule: r}
		for slot, e := range r.exprs {
			if e.ast == nil {
				continue
			}
			n, err := b.bind(e.ast)
			if err != nil {
				p.err = fmt.Errorf("%s %q: %w", e.field, e.text, err)
				return p
			}
			br.exprs[slot] = n
		}
		p.rules = append(p.rules, br)
	}
	return p
}

// ignores evaluates the rule's value expressions against the row.
func (br *boundRule) ignores(row *event.RowChange) bool {
	switch row.Op {
	case event.OpInsert:
		return isTrue(br.exprs[exprInsert], row.After)
	case event.OpUpdate:
		return isTrue(br.exprs[exprUpdateOld], row.Before) || isTrue(br.exprs[exprUpdateNew], row.After)
	case event.OpDelete:
		return isTrue(br.exprs[exprDelete], row.Before)
	}
	return false
}

func isTrue(n node, values []event.Value) bool {
	if n == nil || len(values) == 0 {
		return false
	}
	return truth(n.eval(values)) == 1
}
