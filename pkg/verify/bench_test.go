package verify

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// BenchmarkCheck measures a whole check: consume, decode, rebuild, order
// check and compare, per message.
func BenchmarkCheck(b *testing.B) {
	const rows, updates = 5000, 3 // 20 000 messages
	h := newHarness(b, withExt, itemDDL)
	var recs []*kgo.Record
	up := make([][]any, 0, rows)
	for id := int64(0); id < rows; id++ {
		for u := 0; u <= updates; u++ {
			h.ts++
			rc := event.RowChange{Table: h.table("db.item"), Op: event.OpInsert, CommitTs: h.ts,
				After: row(i(id), s("name "+strconv.Itoa(u)), s(strconv.Itoa(u)+".5"), event.IntValue(1704164645123000))}
			if u > 0 {
				rc.Op, rc.Before = event.OpUpdate, rc.After
			}
			_, msgs, err := h.enc.AppendMessages(context.Background(), nil, nil, "tidb_db_item", &rc)
			if err != nil {
				b.Fatal(err)
			}
			for _, m := range msgs {
				recs = append(recs, &kgo.Record{Topic: "tidb_db_item", Key: m.Key, Value: m.Value})
			}
		}
		up = append(up, sqlRow(id, b2("name "+strconv.Itoa(updates)), b2(strconv.Itoa(updates)+".50"), b2("1704164645.123")))
	}
	h.produce(recs)
	h.up.rows["db.item"] = up
	cfg := h.config(Tables("db.item")...)
	b.ResetTimer()
	start := time.Now()
	for n := 0; n < b.N; n++ {
		rep, err := check(context.Background(), cfg, h.up)
		if err != nil || !rep.OK() || rep.Messages != int64(len(recs)) {
			b.Fatalf("check: %v %+v", err, rep)
		}
	}
	el := time.Since(start)
	b.ReportMetric(float64(len(recs)*b.N)/el.Seconds(), "msgs/s")
	b.ReportMetric(float64(el.Nanoseconds())/float64(len(recs)*b.N), "ns/msg")
}

func b2(v string) []byte { return []byte(v) }
