// Package snowflake generates the Snowflake SQL that maintains a replica of
// a MySQL table from the landing table the Snowflake Kafka connector fills
// with TiCDC's Avro changes: the replica table, an append-only stream on
// the landing table, the MERGE that applies the stream, the task that runs
// it, a purge task that trims merged rows, and the grants they need.
//
// The SQL avoids every defect of the tutorial SQL listed in spec
// downstream.md §4.8: one row per key (QUALIFY ROW_NUMBER() ... ORDER BY
// offset DESC), typed extraction of each column by its exact Avro field
// name, key fields from RECORD_METADATA:key, a tombstone test that works
// for connector v3 ({}) and v4 (NULL), offset guards against replays,
// SYSTEM$STREAM_HAS_DATA on the stream, ALTER TASK ... RESUME, and a purge
// that never truncates.
package snowflake

import (
	"fmt"

	"github.com/cdcctl/cdcctl/pkg/gen"
)

// Kind is one kind of generated object.
type Kind string

// Object kinds, in the order gen-all emits them.
const (
	KindGrants Kind = "grants"
	KindTable  Kind = "table"
	KindStream Kind = "stream"
	KindMerge  Kind = "merge"
	KindTask   Kind = "task"
	KindPurge  Kind = "purge"
)

// AllKinds is what `snowflake gen-all` emits: grants first, then per table
// its replica, stream, merge task and purge task.
func AllKinds() []Kind { return []Kind{KindGrants, KindTable, KindStream, KindTask, KindPurge} }

// fileOrder numbers the per-table files so that a directory listing is the
// order to run them in.
func fileOrder(k Kind) string {
	switch k {
	case KindTable:
		return "1-table"
	case KindStream:
		return "2-stream"
	case KindMerge:
		return "3-merge"
	case KindTask:
		return "3-task"
	case KindPurge:
		return "4-purge"
	}
	return "0-" + string(k)
}

// Generate returns the artefacts of the given kinds for every target, in
// order: grants (one for all targets), then each target's objects in the
// order of kinds. It fails, naming the table, on a table without a key, a
// column type with no mapping, or two targets that would share a landing
// or replica table.
func Generate(kinds []Kind, targets []Target, o Options) ([]gen.Artifact, error) {
	if len(targets) == 0 {
		return nil, fmt.Errorf("snowflake: no tables")
	}
	plans := make([]*plan, len(targets))
	owner := map[string]string{}
	for i, t := range targets {
		p, err := newPlan(t, o)
		if err != nil {
			return nil, err
		}
		for _, name := range []string{p.Landing, p.Replica} {
			if other, dup := owner[name]; dup {
				return nil, fmt.Errorf("tables %s and %s would both use Snowflake table %s; give them distinct topics or replica names", other, p.Source, name)
			}
			owner[name] = p.Source
		}
		plans[i] = p
	}
	var out []gen.Artifact
	for _, k := range kinds {
		if k != KindGrants {
			continue
		}
		a, err := grants(plans)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	for _, p := range plans {
		for _, k := range kinds {
			if k == KindGrants {
				continue
			}
			a, err := p.artifact(k)
			if err != nil {
				return nil, err
			}
			out = append(out, a)
		}
	}
	return out, nil
}

// artifact renders one object of the plan's table.
func (p *plan) artifact(k Kind) (gen.Artifact, error) {
	a := gen.Artifact{Table: p.Source, Kind: string(k), File: gen.FileName(p.db, p.table, fileOrder(k)) + ".sql"}
	var err error
	switch k {
	case KindTable:
		a.Name = p.Replica
		a.Content, err = render("table.sql.tmpl", p)
	case KindStream:
		a.Name = p.Stream
		a.Content, err = render("stream.sql.tmpl", p)
	case KindMerge:
		a.Name = p.Replica
		var head, body string
		if head, err = render("mergehead.sql.tmpl", p); err == nil {
			body, err = p.Merge()
		}
		a.Content = head + body
	case KindTask:
		a.Name = p.MergeTask
		if err = p.needCompute(); err == nil {
			a.Content, err = render("task.sql.tmpl", p)
		}
	case KindPurge:
		a.Name = p.PurgeTask
		if err = p.needCompute(); err == nil {
			a.Content, err = render("purge.sql.tmpl", p)
		}
	default:
		return a, fmt.Errorf("snowflake: unknown object kind %q", k)
	}
	return a, err
}

func (p *plan) needCompute() error {
	if p.Opts.Warehouse == "" && !p.Opts.Serverless {
		return fmt.Errorf("snowflake: task for %s: name a warehouse, or make the task serverless", p.Source)
	}
	return nil
}
