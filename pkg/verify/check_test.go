package verify

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/event"
)

const itemDDL = `CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(8,2) NOT NULL, seen TIMESTAMP(3) NULL)`

var withExt = avro.Options{EnableTiDBExtension: true}

func TestCheckClean(t *testing.T) {
	h := newHarness(t, withExt, itemDDL)
	const seen = 1704164645123000 // 2024-01-02 03:04:05.123 UTC
	for id := int64(1); id <= 5; id++ {
		h.insert("db.item", i(id), s("pen"), s("1.5"), event.IntValue(seen))
	}
	h.update("db.item", row(i(2), s("pen"), s("1.5"), event.IntValue(seen)), row(i(2), s("ink"), s("2.25"), event.NullValue()))
	// a primary-key change: tombstone for 3, insert of 30
	h.update("db.item", row(i(3), s("pen"), s("1.5"), event.IntValue(seen)), row(i(30), s("pen"), s("1.5"), event.IntValue(seen)))
	h.delete("db.item", i(4), s("pen"), s("1.5"), event.IntValue(seen))
	h.up.rows["db.item"] = [][]any{
		sqlRow(int64(1), b("pen"), b("1.50"), b("1704164645.123")),
		sqlRow(int64(2), b("ink"), b("2.25"), nil),
		sqlRow(int64(5), b("pen"), b("1.50"), b("1704164645.123")),
		sqlRow(int64(30), b("pen"), b("1.50"), b("1704164645.123")),
	}
	rep := h.check(h.config(Tables("db.item")...))
	if !rep.OK() {
		t.Fatalf("report not OK: %+v", rep)
	}
	if rep.Messages != 9 || rep.Tombstones != 2 || rep.RowsCompared != 4 || rep.Tables != 1 || rep.Topics != 1 || rep.Partitions != 3 {
		t.Errorf("report = %+v", rep)
	}
	if !rep.OrderChecked || rep.Duplicates != 0 || rep.OrderViolations != 0 {
		t.Errorf("order: %+v", rep)
	}
	pt := rep.PerTable[0]
	if pt.Name != "db.item" || pt.Upstream != 4 || pt.Rebuilt != 4 || pt.Messages != 9 || len(pt.Topics) != 1 || pt.Topics[0] != "tidb_db_item" {
		t.Errorf("per table = %+v", pt)
	}
}

func TestCheckFindsDifferences(t *testing.T) {
	h := newHarness(t, withExt, itemDDL)
	for id := int64(1); id <= 3; id++ {
		h.insert("db.item", i(id), s("pen"), s("1.5"), event.NullValue())
	}
	h.up.rows["db.item"] = [][]any{
		sqlRow(int64(1), b("pencil"), b("1.50"), nil), // differs
		sqlRow(int64(2), b("pen"), b("1.50"), nil),
		sqlRow(int64(4), b("pen"), b("1.50"), nil), // missing from Kafka; 3 is extra
	}
	rep := h.check(h.config(Tables("db.item")...))
	if rep.OK() || rep.Missing != 1 || rep.Extra != 1 || rep.Differing != 1 || rep.ColumnDiffs != 1 || rep.Mismatches() != 3 {
		t.Fatalf("report = %+v", rep)
	}
	want := map[string]Finding{
		KindMissing: {Kind: KindMissing, Table: "db.item", Key: "id=4", Detail: "no message has this key"},
		KindExtra:   {Kind: KindExtra, Table: "db.item", Key: "id=3"},
		KindColumn:  {Kind: KindColumn, Table: "db.item", Key: "id=1", Column: "name", Upstream: `"pencil"`, Kafka: `"pen"`},
	}
	for _, f := range rep.Findings {
		w, ok := want[f.Kind]
		if !ok {
			t.Errorf("unexpected finding %s", f)
			continue
		}
		if f.Table != w.Table || f.Key != w.Key || f.Column != w.Column || f.Upstream != w.Upstream || f.Kafka != w.Kafka ||
			(w.Detail != "" && f.Detail != w.Detail) {
			t.Errorf("finding %s, want %+v", f, w)
		}
		delete(want, f.Kind)
	}
	if len(want) > 0 {
		t.Errorf("missing findings: %v", want)
	}
	var sb strings.Builder
	if err := rep.WriteText(&sb); err != nil {
		t.Fatal(err)
	}
	if out := sb.String(); !strings.Contains(out, "FAILED") || !strings.Contains(out, `column name: upstream "pencil", kafka "pen"`) {
		t.Errorf("text = %s", out)
	}
}

func TestCheckReplayCountsDuplicates(t *testing.T) {
	h := newHarness(t, withExt, itemDDL, kfake.SeedTopics(1, "tidb_db_item"))
	var sent [][]*kgo.Record
	for id := int64(1); id <= 4; id++ {
		sent = append(sent, h.insert("db.item", i(id), s("pen"), s("1"), event.NullValue()))
	}
	sent = append(sent, h.update("db.item", row(i(1), s("pen"), s("1"), event.NullValue()), row(i(10), s("pen"), s("1"), event.NullValue())))
	h.resend(sent[2:]...) // a restart from a checkpoint after the second insert
	h.insert("db.item", i(5), s("pen"), s("1"), event.NullValue())
	h.up.rows["db.item"] = [][]any{
		sqlRow(int64(2), b("pen"), b("1.00"), nil), sqlRow(int64(3), b("pen"), b("1.00"), nil),
		sqlRow(int64(4), b("pen"), b("1.00"), nil), sqlRow(int64(5), b("pen"), b("1.00"), nil),
		sqlRow(int64(10), b("pen"), b("1.00"), nil),
	}
	rep := h.check(h.config(Tables("db.item")...))
	if !rep.OK() {
		t.Fatalf("report not OK: %+v", rep)
	}
	// re-sent: insert 3, insert 4, tombstone 1, insert 10
	if rep.Duplicates != 4 || rep.Replays != 1 || rep.LargestReplay != 4 || rep.Messages != 11 {
		t.Errorf("duplicates %d replays %d largest %d messages %d", rep.Duplicates, rep.Replays, rep.LargestReplay, rep.Messages)
	}
}

func TestCheckReorderIsAViolation(t *testing.T) {
	h := newHarness(t, withExt, itemDDL)
	h.insert("db.item", i(1), s("a"), s("1"), event.NullValue())
	h.update("db.item", row(i(1), s("a"), s("1"), event.NullValue()), row(i(1), s("c"), s("1"), event.NullValue()))
	// a change committed between the two arrives after the second
	h.send(event.RowChange{Table: h.table("db.item"), Op: event.OpUpdate, CommitTs: h.ts - 1,
		Before: row(i(1), s("a"), s("1"), event.NullValue()), After: row(i(1), s("b"), s("1"), event.NullValue())})
	h.up.rows["db.item"] = [][]any{sqlRow(int64(1), b("c"), b("1.00"), nil)}
	rep := h.check(h.config(Tables("db.item")...))
	if rep.OrderViolations != 1 || rep.Counts[KindOrder] != 1 || rep.Differing != 1 || rep.OK() {
		t.Fatalf("report = %+v", rep)
	}
}

func TestCheckRenameAndTruncate(t *testing.T) {
	h := newHarness(t, withExt, itemDDL+"; CREATE TABLE item_old (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(8,2) NOT NULL, seen TIMESTAMP(3) NULL)")
	// rows written under the old name, then RENAME TABLE item_old TO item
	h.insert("db.item_old", i(1), s("a"), s("1"), event.NullValue())
	h.insert("db.item_old", i(2), s("b"), s("1"), event.NullValue())
	h.update("db.item", row(i(2), s("b"), s("1"), event.NullValue()), row(i(2), s("B"), s("1"), event.NullValue()))
	h.up.rows["db.item"] = [][]any{sqlRow(int64(1), b("a"), b("1.00"), nil), sqlRow(int64(2), b("B"), b("1.00"), nil)}
	rep := h.check(h.config(Table{Name: "db.item", Previous: []string{"db.item_old"}}))
	if !rep.OK() || rep.Topics != 2 || rep.RowsCompared != 2 {
		t.Fatalf("rename: report = %+v", rep)
	}

	// TRUNCATE TABLE item at second 10; row 3 was written after it
	base := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	h.ts = event.ComposeTS(base.Add(12*time.Second).UnixMilli(), 0)
	h.insert("db.item", i(3), s("c"), s("1"), event.NullValue())
	h.up.rows["db.item"] = [][]any{sqlRow(int64(3), b("c"), b("1.00"), nil)}
	truncated := Table{Name: "db.item", Previous: []string{"db.item_old"}, TruncatedAt: base.Add(10 * time.Second)}
	if rep := h.check(h.config(truncated)); !rep.OK() || rep.RowsCompared != 1 {
		t.Fatalf("truncate: report = %+v", rep)
	}
	if rep := h.check(h.config(Table{Name: "db.item", Previous: []string{"db.item_old"}})); rep.Extra != 2 {
		t.Fatalf("without TruncatedAt: extra = %d, want 2 (%+v)", rep.Extra, rep)
	}
}

func TestCheckWithoutExtension(t *testing.T) {
	h := newHarness(t, avro.Options{}, itemDDL)
	recs := h.insert("db.item", i(1), s("a"), s("1"), event.NullValue())
	h.resend(recs)
	h.up.rows["db.item"] = [][]any{sqlRow(int64(1), b("a"), b("1.00"), nil)}
	rep := h.check(h.config(Tables("db.item")...))
	if !rep.OK() || rep.OrderChecked || rep.Duplicates != 0 || rep.Messages != 2 {
		t.Fatalf("report = %+v", rep)
	}
}

func TestCheckTopicSelection(t *testing.T) {
	h := newHarness(t, withExt, itemDDL+"; CREATE TABLE other (id INT PRIMARY KEY)")
	h.insert("db.item", i(1), s("a"), s("1"), event.NullValue())
	h.insert("db.other", i(7))
	h.up.rows["db.item"] = [][]any{sqlRow(int64(1), b("a"), b("1.00"), nil)}

	pattern := h.config(Tables("db.item")...)
	pattern.TopicRule, pattern.TopicPattern = "", regexp.MustCompile(`^tidb_db_`)
	rep := h.check(pattern)
	if !rep.OK() || rep.Topics != 2 || rep.Skipped != 1 || rep.Messages != 2 {
		t.Errorf("pattern: report = %+v", rep)
	}

	listed := h.config(Tables("db.item")...)
	listed.TopicRule, listed.Topics = "", []string{"tidb_db_item", "no_such_topic"}
	rep = h.check(listed)
	if rep.OK() || rep.Problems != 1 || rep.Counts[KindNoTopic] != 1 || rep.Topics != 1 {
		t.Errorf("listed: report = %+v", rep)
	}
}

func TestCheckUndecodableMessage(t *testing.T) {
	h := newHarness(t, withExt, itemDDL)
	h.insert("db.item", i(1), s("a"), s("1"), event.NullValue())
	h.produce([]*kgo.Record{{Topic: "tidb_db_item", Key: []byte("not avro"), Value: []byte("x")}})
	h.up.rows["db.item"] = [][]any{sqlRow(int64(1), b("a"), b("1.00"), nil)}
	rep := h.check(h.config(Tables("db.item")...))
	if rep.OK() || rep.Problems != 1 || rep.Counts[KindUndecodable] != 1 || rep.Mismatches() != 0 {
		t.Fatalf("report = %+v", rep)
	}
}

func TestCheckRegistryFailureEndsTheCheck(t *testing.T) {
	h := newHarness(t, withExt, itemDDL)
	h.insert("db.item", i(1), s("a"), s("1"), event.NullValue())
	cfg := h.config(Tables("db.item")...)
	boom := errors.New("registry down")
	cfg.Lookup = func(context.Context, int) (string, error) { return "", boom }
	_, err := check(context.Background(), cfg, h.up)
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the registry failure", err)
	}
}

func TestConfigValidate(t *testing.T) {
	good := Config{Brokers: []string{"k:9092"}, RegistryURL: "http://r", TopicRule: topicRule, Tables: Tables("db.t")}
	tests := []struct {
		name   string
		mutate func(*Config)
		want   string
	}{
		{"good", func(*Config) {}, ""},
		{"no brokers", func(c *Config) { c.Brokers = nil }, "no Kafka brokers"},
		{"no registry", func(c *Config) { c.RegistryURL = "" }, "no schema registry URL"},
		{"two topic selections", func(c *Config) { c.Topics = []string{"a"} }, "exactly one of Topics, TopicRule and TopicPattern (2 set)"},
		{"bad rule", func(c *Config) { c.TopicRule = "a b" }, "invalid topic expression"},
		{"no tables", func(c *Config) { c.Tables = nil }, "no tables to compare"},
		{"bad name", func(c *Config) { c.Tables = Tables("t") }, `table "t": want db.table`},
		{"name twice", func(c *Config) { c.Tables = []Table{{Name: "db.t", Previous: []string{"DB.T"}}} }, "named twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good
			tt.mutate(&c)
			err := c.validate()
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
