package binlog

import (
	"strings"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// capturedPart keeps the parts of a DDL that concern captured tables; nil
// when none does.
func (s *Source) capturedPart(ddl *event.DDL) *event.DDL {
	if ddl == nil {
		return nil
	}
	out := &event.DDL{Schema: ddl.Schema, Query: ddl.Query}
	for _, t := range ddl.Tables {
		if s.cfg.Match(t.Schema, t.Name) {
			out.Tables = append(out.Tables, t)
		}
	}
	for _, name := range ddl.Dropped {
		db, table, _ := strings.Cut(name, ".")
		if s.cfg.Match(db, table) {
			out.Dropped = append(out.Dropped, name)
		}
	}
	if len(out.Tables) == 0 && len(out.Dropped) == 0 {
		return nil
	}
	return out
}

// mentionsCaptured reports whether a statement that could not be applied
// names a captured, tracked table, in which case skipping it would corrupt
// that table's definition.
func (s *Source) mentionsCaptured(query string) bool {
	q := strings.ToLower(query)
	for _, t := range s.cfg.Tracker.Tables() {
		if !s.cfg.Match(t.Schema, t.Name) {
			continue
		}
		if strings.Contains(q, strings.ToLower(t.Name)) {
			return true
		}
	}
	return false
}
