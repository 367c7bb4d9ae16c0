package verify

import (
	"hash/fnv"
	"strconv"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// newOrderFixture returns a checker and a one-column table for feeding the
// order checker directly.
func newOrderFixture(t *testing.T) (*checker, *table) {
	t.Helper()
	def := &event.Table{Schema: "db", Name: "t",
		Columns: []event.Column{{Name: "id", Type: event.TypeLong}},
		Indexes: []event.Index{{Name: "PRIMARY", Columns: []string{"id"}, Primary: true, Unique: true}}}
	def.ComputeKeys()
	tb, err := newTable(Table{Name: "db.t"}, def)
	if err != nil {
		t.Fatal(err)
	}
	c := &checker{cfg: Config{MaxSamples: 100}, rep: &Report{}}
	c.order = newOrderChecker(c)
	return c, tb
}

// feed plays a key's log written as space-separated messages: "c5:a" is an
// insert at commit ts 5 with row image a, "u7:b" an update, "T" a
// tombstone; "|" marks a restart for the reader and is skipped.
func feed(t *testing.T, c *checker, tb *table, partition int32, log string) {
	t.Helper()
	k := tb.keys["1"]
	if k == nil {
		k = &keyState{key: []cell{{s: "1"}}}
		tb.keys["1"] = k
	}
	var off int64
	for _, m := range strings.Fields(log) {
		at := position{topic: "tidb_db_t", partition: partition, offset: off}
		off++
		switch {
		case m == "|":
			continue
		case m == "T":
			k.rec, k.last = nil, at
			c.order.tombstone(tb, k, at)
			continue
		}
		tsText, image, ok := strings.Cut(m[1:], ":")
		ts, err := strconv.ParseUint(tsText, 10, 64)
		if !ok || err != nil || (m[0] != 'c' && m[0] != 'u') {
			t.Fatalf("bad message %q", m)
		}
		h := fnv.New64a()
		h.Write([]byte(image))
		k.last = at
		c.order.valued(tb, k, ts, h.Sum64(), string(m[0]), at)
	}
}

func TestOrderRule(t *testing.T) {
	tests := []struct {
		name       string
		log        string
		truncTs    uint64
		dups       int64
		replays    int64
		largest    int64
		violations map[string]int64
	}{
		{name: "in order", log: "c1:a u2:b u3:c"},
		{name: "same commit ts within a transaction", log: "c5:a u5:b u5:c"},
		{name: "replayed suffix", log: "c1:a u2:b u3:c | u2:b u3:c u4:d", dups: 2, replays: 1, largest: 2},
		{name: "whole history replayed", log: "c1:a u2:b | c1:a u2:b u3:c", dups: 2, replays: 1, largest: 2},
		{name: "retry of the last message", log: "c1:a u2:b u2:b u3:c", dups: 1, replays: 1, largest: 1},
		{name: "restart during a replay", log: "c1:a u2:b u3:c | u2:b | u2:b u3:c u4:d", dups: 3, replays: 1, largest: 3},
		{name: "two separate replays", log: "c1:a u2:b | u2:b u3:c u4:d | u4:d u5:e", dups: 2, replays: 2, largest: 1},
		{name: "real reorder", log: "c1:a u3:c u2:b", violations: map[string]int64{KindOrder: 1}},
		{name: "replay skips a message", log: "c1:a u2:b u3:c | c1:a u3:c", dups: 2, replays: 1, largest: 2,
			violations: map[string]int64{KindReplayGap: 1}},
		{name: "replay abandoned for a new change", log: "c1:a u2:b u3:c | c1:a u4:d", dups: 1, replays: 1, largest: 1,
			violations: map[string]int64{KindReplayGap: 1}},
		{name: "log ends inside a replay", log: "c1:a u2:b u3:c | c1:a", dups: 1, replays: 1, largest: 1,
			violations: map[string]int64{KindReplayGap: 1}},
		{name: "older change after a restart that skipped it", log: "c1:a u3:c | u2:b",
			violations: map[string]int64{KindOrder: 1}},
		{name: "delete then insert", log: "c1:a T c2:b"},
		{name: "delete at the end", log: "c1:a u2:b T"},
		{name: "tombstone re-delivered", log: "c1:a T T", dups: 1, replays: 1, largest: 1},
		{name: "replay starting at a tombstone", log: "c1:a T c2:b | T c2:b u3:c", dups: 2, replays: 1, largest: 2},
		{name: "replay across a tombstone", log: "c1:a T c2:b | c1:a T c2:b u3:c", dups: 3, replays: 1, largest: 3},
		{name: "new delete after a replay", log: "c1:a u2:b | u2:b T", dups: 1, replays: 1, largest: 1},
		{name: "delete, restart before it, delete again", log: "c1:a u2:b T | u2:b T c3:c", dups: 2, replays: 1, largest: 2},
		{name: "first message is an update", log: "u1:a u2:b"},
		{name: "first message is a tombstone", log: "T c2:a"},
		{name: "insert of a present key", log: "c1:a c2:b", violations: map[string]int64{KindLifecycle: 1}},
		{name: "update of a deleted key", log: "c1:a T u2:b", violations: map[string]int64{KindLifecycle: 1}},
		{name: "tombstone after the re-insert it preceded", log: "c1:a c2:b T", violations: map[string]int64{KindLifecycle: 1}},
		{name: "insert after TRUNCATE", log: "c5:a c12:b", truncTs: 10},
		{name: "insert before TRUNCATE", log: "c5:a c7:b", truncTs: 10, violations: map[string]int64{KindLifecycle: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, tb := newOrderFixture(t)
			tb.truncTs = tt.truncTs
			feed(t, c, tb, 0, tt.log)
			c.order.finish(tb)
			r := c.rep
			if r.Duplicates != tt.dups || r.Replays != tt.replays || r.LargestReplay != tt.largest {
				t.Errorf("duplicates %d, replays %d, largest %d; want %d, %d, %d",
					r.Duplicates, r.Replays, r.LargestReplay, tt.dups, tt.replays, tt.largest)
			}
			var total int64
			for kind, n := range tt.violations {
				total += n
				if r.Counts[kind] != n {
					t.Errorf("%s violations = %d, want %d", kind, r.Counts[kind], n)
				}
			}
			if r.OrderViolations != total {
				t.Errorf("violations = %d, want %d: %v", r.OrderViolations, total, r.Findings)
			}
		})
	}
}

func TestOrderFindingNamesTheMessage(t *testing.T) {
	c, tb := newOrderFixture(t)
	feed(t, c, tb, 2, "c1:a u3:c u2:b")
	if len(c.rep.Findings) != 1 {
		t.Fatalf("findings = %v", c.rep.Findings)
	}
	f := c.rep.Findings[0]
	if f.Kind != KindOrder || f.Table != "db.t" || f.Key != "id=1" || f.Topic != "tidb_db_t" || f.Partition != 2 || f.Offset != 2 {
		t.Errorf("finding = %+v", f)
	}
	if !strings.Contains(f.Detail, "commit ts 2 is older than commit ts 3") {
		t.Errorf("detail = %q", f.Detail)
	}
}
