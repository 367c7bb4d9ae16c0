package verify

import (
	"context"
	"fmt"
	"sort"
)

// compare reads the upstream table and compares it row by row with the
// table rebuilt from Kafka.
func (c *checker) compare(ctx context.Context, t *table) error {
	cells := make([]cell, len(t.cols))
	keyCells := make([]cell, len(t.handle))
	err := c.up.scan(ctx, t, func(vals []any) error {
		for i := range t.cols {
			var err error
			if cells[i], err = t.cols[i].fromSQL(vals[i]); err != nil {
				return fmt.Errorf("table %s: %w", t.cfg.Name, err)
			}
		}
		for i, h := range t.handle {
			keyCells[i] = cells[h]
		}
		t.rep.Upstream++
		c.rep.RowsCompared++
		k := t.keys[encodeKey(keyCells)]
		if k == nil || !k.present(t.truncTs) {
			t.rep.Missing++
			c.rep.Missing++
			c.rep.add(Finding{Kind: KindMissing, Table: t.cfg.Name, Key: t.keyText(keyCells), Detail: missingDetail(k, t.truncTs)}, c.cfg.MaxSamples)
			return nil
		}
		k.compared = true
		c.compareRow(t, k, cells)
		return nil
	})
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	c.extraRows(t)
	return nil
}

func missingDetail(k *keyState, truncTs uint64) string {
	switch {
	case k == nil:
		return "no message has this key"
	case k.rec == nil:
		return fmt.Sprintf("the key's last message is a tombstone (%s/%d@%d)", k.last.topic, k.last.partition, k.last.offset)
	case truncTs != 0 && k.ts < truncTs:
		return fmt.Sprintf("the key's last value (commit ts %d) predates the TRUNCATE", k.ts)
	}
	return ""
}

// compareRow compares the columns of an upstream row with the key's last
// value.
func (c *checker) compareRow(t *table, k *keyState, want []cell) {
	fm := t.fieldMap(k.rec)
	differs := false
	for i := range t.cols {
		col := &t.cols[i]
		var kafka, detail string
		if fm[i] < 0 {
			t.rep.AbsentColumns++
			c.rep.AbsentColumns++
			if !c.cfg.StrictColumns {
				continue
			}
			kafka, detail = "(absent)", "the row's last message has no such field"
		} else {
			got, err := col.fromAvro(k.rec.Fields[fm[i]].Value, c.cfg.TimeZone)
			switch {
			case err != nil:
				kafka, detail = fmt.Sprintf("%v", k.rec.Fields[fm[i]].Value), err.Error()
			case got == want[i]:
				continue
			default:
				kafka = col.display(got)
			}
		}
		differs = true
		t.rep.ColumnDiffs++
		c.rep.ColumnDiffs++
		c.rep.add(Finding{Kind: KindColumn, Table: t.cfg.Name, Key: t.keyText(k.key), Column: col.name,
			Upstream: col.display(want[i]), Kafka: kafka, Detail: detail,
			Topic: k.last.topic, Partition: k.last.partition, Offset: k.last.offset}, c.cfg.MaxSamples)
	}
	if differs {
		t.rep.Differing++
		c.rep.Differing++
	}
}

// extraRows reports keys present in the rebuilt table but not upstream,
// in key order so that samples are stable.
func (c *checker) extraRows(t *table) {
	var extra []string
	for key, k := range t.keys {
		if k.present(t.truncTs) {
			t.rep.Rebuilt++
			if !k.compared {
				extra = append(extra, key)
			}
		}
	}
	sort.Strings(extra)
	for _, key := range extra {
		k := t.keys[key]
		t.rep.Extra++
		c.rep.Extra++
		c.rep.add(Finding{Kind: KindExtra, Table: t.cfg.Name, Key: t.keyText(k.key),
			Topic: k.last.topic, Partition: k.last.partition, Offset: k.last.offset,
			Detail: fmt.Sprintf("present in Kafka (commit ts %d), absent upstream", k.ts)}, c.cfg.MaxSamples)
	}
}
