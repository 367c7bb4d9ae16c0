package verify

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/registry"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// fakeUpstream serves table definitions and rows (in the forms the
// checker's SELECT yields) without a database.
type fakeUpstream struct {
	defs map[string]*event.Table
	rows map[string][][]any
}

func (f *fakeUpstream) definition(_ context.Context, db, name string) (*event.Table, error) {
	d := f.defs[db+"."+name]
	if d == nil {
		return nil, fmt.Errorf("no table %s.%s", db, name)
	}
	return d, nil
}

func (f *fakeUpstream) scan(_ context.Context, t *table, fn func([]any) error) error {
	for _, r := range f.rows[t.cfg.Name] {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// harness encodes row changes with pkg/codec/avro against an in-process
// registry and produces them to an in-process Kafka cluster, as a
// changefeed would with the dispatcher rule tidb_{schema}_{table}.
type harness struct {
	t       testing.TB
	cluster *kfake.Cluster
	regURL  string
	cl      *kgo.Client
	enc     *avro.Encoder
	up      *fakeUpstream
	ts      uint64
}

const topicRule = "tidb_{schema}_{table}"

func newHarness(t testing.TB, o avro.Options, ddl string, kopts ...kfake.Opt) *harness {
	t.Helper()
	cluster := testenv.Kafka(t, kopts...)
	reg := testenv.Registry(t)
	rc, err := registry.New(reg.URL())
	if err != nil {
		t.Fatal(err)
	}
	enc, err := avro.NewEncoder(o, registry.NewCache(rc))
	if err != nil {
		t.Fatal(err)
	}
	cl, err := kgo.NewClient(kgo.SeedBrokers(cluster.ListenAddrs()...), kgo.AllowAutoTopicCreation())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	h := &harness{t: t, cluster: cluster, regURL: reg.URL(), cl: cl, enc: enc,
		up: &fakeUpstream{defs: map[string]*event.Table{}, rows: map[string][][]any{}},
		ts: event.ComposeTS(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli(), 0)}
	if ddl != "" {
		defs, err := schema.ParseDDL(ddl, "db")
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range defs {
			h.up.defs[d.QualifiedName()] = d
		}
	}
	return h
}

func (h *harness) table(name string) *event.Table {
	d := h.up.defs[name]
	if d == nil {
		h.t.Fatalf("no table %s", name)
	}
	return d
}

// send encodes one row change at the next commit ts and produces its
// messages; it returns them for re-sending.
func (h *harness) send(rc event.RowChange) []*kgo.Record {
	h.t.Helper()
	h.ts++
	if rc.CommitTs == 0 {
		rc.CommitTs = h.ts
	}
	topic := dispatch.SubstituteTopic(topicRule, rc.Table.Schema, rc.Table.Name)
	_, msgs, err := h.enc.AppendMessages(context.Background(), nil, nil, topic, &rc)
	if err != nil {
		h.t.Fatal(err)
	}
	recs := make([]*kgo.Record, len(msgs))
	for i, m := range msgs {
		recs[i] = &kgo.Record{Topic: topic, Key: m.Key, Value: m.Value}
	}
	h.produce(recs)
	return recs
}

func (h *harness) insert(table string, row ...event.Value) []*kgo.Record {
	return h.send(event.RowChange{Table: h.table(table), Op: event.OpInsert, After: row})
}

func (h *harness) update(table string, before, after []event.Value) []*kgo.Record {
	return h.send(event.RowChange{Table: h.table(table), Op: event.OpUpdate, Before: before, After: after})
}

func (h *harness) delete(table string, before ...event.Value) []*kgo.Record {
	return h.send(event.RowChange{Table: h.table(table), Op: event.OpDelete, Before: before})
}

// resend produces copies of earlier records, as a restarted engine would.
func (h *harness) resend(recs ...[]*kgo.Record) {
	h.t.Helper()
	var out []*kgo.Record
	for _, rs := range recs {
		for _, r := range rs {
			out = append(out, &kgo.Record{Topic: r.Topic, Key: r.Key, Value: r.Value})
		}
	}
	h.produce(out)
}

func (h *harness) produce(recs []*kgo.Record) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := h.cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		h.t.Fatalf("produce: %v", err)
	}
}

// config returns a configuration for the harness's cluster and registry.
func (h *harness) config(tables ...Table) Config {
	return Config{Brokers: h.cluster.ListenAddrs(), RegistryURL: h.regURL, TopicRule: topicRule, Tables: tables}
}

func (h *harness) check(cfg Config) *Report {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := cfg.validate(); err != nil {
		h.t.Fatal(err)
	}
	rep, err := check(ctx, cfg, h.up)
	if err != nil {
		h.t.Fatalf("check: %v", err)
	}
	return rep
}

func row(vs ...event.Value) []event.Value { return vs }

func i(v int64) event.Value  { return event.IntValue(v) }
func s(v string) event.Value { return event.StringValue(v) }
func sqlRow(vs ...any) []any { return vs }
func b(v string) []byte      { return []byte(v) }
