//go:build integration

package verify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/registry"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
	"github.com/cdcctl/cdcctl/pkg/testenv"
	"github.com/cdcctl/cdcctl/pkg/verify"
	"github.com/cdcctl/cdcctl/pkg/workload"
)

// TestWorkloadThroughBinlog runs the chaos workload with every kind of DDL,
// carries its binlog to Kafka with the binlog source and the Avro encoder
// (no engine), re-sends a suffix as a restart would, and checks the result:
// the workload, the source and the checker must agree on every row.
func TestWorkloadThroughBinlog(t *testing.T) {
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	w, err := workload.New(workload.Config{DB: db, Database: "chaos", Workers: 2, Seed: 11, Rate: 300, KeySpace: 150})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Setup(ctx); err != nil {
		t.Fatal(err)
	}
	tables, err := schema.LoadTables(ctx, db, "chaos.*")
	if err != nil {
		t.Fatal(err)
	}
	info, err := binlog.Inspect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	start := event.Position{File: info.Position.File, Pos: info.Position.Pos}

	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { _, err := w.Run(runCtx); done <- err }()
	for range workload.DDLCycle() {
		time.Sleep(400 * time.Millisecond)
		if _, err := w.NextDDL(ctx); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(400 * time.Millisecond)
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	st := w.Stats()
	end, err := binlog.CurrentPosition(ctx, db, info.Flavor, false)
	if err != nil {
		t.Fatal(err)
	}

	src, err := binlog.Open(ctx, binlog.Config{
		Addr: srv.Addr(), User: mariadb.User, Password: mariadb.Password, ServerID: 9102, Flavor: info.Flavor,
		Start: start, Tracker: schema.NewTracker(tables...), Match: func(db, _ string) bool { return db == "chaos" },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	cluster := testenv.Kafka(t)
	reg := testenv.Registry(t)
	rc, err := registry.New(reg.URL())
	if err != nil {
		t.Fatal(err)
	}
	enc, err := avro.NewEncoder(avro.Options{EnableTiDBExtension: true}, registry.NewCache(rc))
	if err != nil {
		t.Fatal(err)
	}
	cl, err := kgo.NewClient(kgo.SeedBrokers(cluster.ListenAddrs()...), kgo.AllowAutoTopicCreation())
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	var sent [][]*kgo.Record // per transaction
	batches := 0
	for {
		b, err := src.ReadBatch(ctx)
		if err != nil {
			t.Fatal(err)
		}
		batches++
		var recs []*kgo.Record
		for i := range b.Rows {
			rc := &b.Rows[i]
			topic := dispatch.SubstituteTopic("tidb_{schema}_{table}", rc.Table.Schema, rc.Table.Name)
			_, msgs, err := enc.AppendMessages(ctx, nil, nil, topic, rc)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range msgs {
				recs = append(recs, &kgo.Record{Topic: topic, Key: m.Key, Value: m.Value})
			}
		}
		if len(recs) > 0 {
			if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
				t.Fatal(err)
			}
			sent = append(sent, recs)
		}
		if b.Pos.File == end.File && b.Pos.Pos >= end.Pos {
			break
		}
	}
	t.Logf("binlog %s to %s: %d batches, %d with rows", start, end, batches, len(sent))
	if int64(len(sent)) < st.Txns {
		t.Fatalf("%d transactions with rows read from the binlog, the workload committed %d", len(sent), st.Txns)
	}
	// A restart from a checkpoint two thirds of the way: the rest again.
	var replay []*kgo.Record
	for _, recs := range sent[len(sent)*2/3:] {
		for _, r := range recs {
			replay = append(replay, &kgo.Record{Topic: r.Topic, Key: r.Key, Value: r.Value})
		}
	}
	if err := cl.ProduceSync(ctx, replay...).FirstErr(); err != nil {
		t.Fatal(err)
	}

	rep, err := verify.Check(ctx, verify.Config{Brokers: cluster.ListenAddrs(), RegistryURL: reg.URL(),
		TopicRule: "tidb_{schema}_{table}", DB: db, Tables: w.Tables()})
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	_ = rep.WriteText(&text)
	t.Logf("workload %+v\n%s", st, text.String())
	if !rep.OK() {
		t.Fatal("the check failed")
	}
	if rep.Duplicates != int64(len(replay)) || rep.Replays == 0 || rep.RowsCompared == 0 || rep.Topics < 4 {
		t.Errorf("duplicates %d (re-sent %d), replays %d, rows %d, topics %d",
			rep.Duplicates, len(replay), rep.Replays, rep.RowsCompared, rep.Topics)
	}
}
