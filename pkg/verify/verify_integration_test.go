//go:build integration

package verify_test

import (
	"context"
	"database/sql"
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
)

var upstreamDDL = []string{
	"CREATE DATABASE shop",
	`CREATE TABLE shop.item (
	  id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(8,3) NOT NULL, qty BIGINT UNSIGNED,
	  tiny TINYINT UNSIGNED, f FLOAT, d DOUBLE, born DATE, seen DATETIME(3), ts TIMESTAMP(6) NULL,
	  ts0 TIMESTAMP NULL, t TIME(2), y YEAR, e ENUM('red','green'), s SET('a','b','c'), b BIT(10),
	  bin VARBINARY(8), j JSON, txt TEXT, code CHAR(5))`,
	`CREATE TABLE shop.pair (region VARCHAR(8) NOT NULL, id INT NOT NULL, note VARCHAR(20),
	  PRIMARY KEY (region, id))`,
}

var upstreamDML = []string{
	`INSERT INTO shop.item VALUES
	 (1, 'pen', -12.5, 18446744073709551615, 255, 1234567.89, 2.718281828, '2024-02-29', '2024-02-29 13:14:15.123',
	  '2024-03-01 00:00:01.000002', '0000-00-00 00:00:00', '-838:59:59.99', 2024, 'green', 'a,c', b'1010101011',
	  x'00ff10', '{"k": [1, 2]}', 'héllo', 'ab '),
	 (2, 'ink', 0.001, 0, 0, -0.1, 1e300, '1000-01-01', '9999-12-31 23:59:59.999', '2038-01-19 03:14:07.999999',
	  '1970-01-01 00:00:01', '00:00:00', 1901, 'red', '', b'0', x'', '[]', '', ''),
	 (3, NULL, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	 (4, 'cap', 9.999, 42, 7, 3.4e38, -2.2250738585072014e-308, '2000-01-01', '2000-01-01 00:00:00', NULL,
	  NULL, '12:34:56.78', 2155, 'red', 'b', b'1111111111', x'0102', '{"a": {"b": null}}', 'x', 'abcde'),
	 (5, 'nib', 3, 9223372036854775808, 1, 0.5, 0.30000000000000004, '2024-01-01', '2024-01-01 01:01:01.1',
	  '2024-01-01 01:01:01', NULL, '-00:00:01', 0, 'green', 'a,b,c', b'1', x'ff', 'true', 'z', 'q')`,
	"UPDATE shop.item SET name = 'pencil', price = price * 2, f = f / 3 WHERE id = 1",
	"UPDATE shop.item SET id = 40 WHERE id = 4", // a key change: tombstone 4, insert 40
	"DELETE FROM shop.item WHERE id = 2",
	"INSERT INTO shop.item (id, price) VALUES (6, 0)",
	"BEGIN",
	"INSERT INTO shop.pair VALUES ('eu', 1, 'a'), ('us', 1, 'b'), ('eu', 2, 'c')",
	"UPDATE shop.pair SET region = 'ap' WHERE region = 'us' AND id = 1",
	"DELETE FROM shop.pair WHERE region = 'eu' AND id = 2",
	"COMMIT",
	"UPDATE shop.item SET txt = 'gone soon' WHERE id = 3",
}

// capture streams the DML above from the binlog with pkg/source/binlog and
// returns every transaction's row changes, copied out of the source's
// buffers.
func capture(t *testing.T) (*mariadb.Server, *sql.DB, []event.Batch) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, db, upstreamDDL...)
	tables, err := schema.LoadTables(ctx, db, "shop.*")
	if err != nil {
		t.Fatal(err)
	}
	info, err := binlog.Inspect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	start := event.Position{File: info.Position.File, Pos: info.Position.Pos}
	conn, err := db.Conn(ctx) // BEGIN … COMMIT need one connection
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range upstreamDML {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	_ = conn.Close()
	end, err := binlog.CurrentPosition(ctx, db, info.Flavor, false)
	if err != nil {
		t.Fatal(err)
	}
	src, err := binlog.Open(ctx, binlog.Config{
		Addr: srv.Addr(), User: mariadb.User, Password: mariadb.Password, ServerID: 9101, Flavor: info.Flavor,
		Start: start, Tracker: schema.NewTracker(tables...), Match: func(db, _ string) bool { return db == "shop" },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var out []event.Batch
	for {
		b, err := src.ReadBatch(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Rows) > 0 {
			out = append(out, copyBatch(b))
		}
		if b.Pos.File == end.File && b.Pos.Pos >= end.Pos {
			return srv, db, out
		}
	}
}

func copyBatch(b *event.Batch) event.Batch {
	cp := *b
	cp.Rows = make([]event.RowChange, len(b.Rows))
	for i, r := range b.Rows {
		r.Before, r.After = copyValues(r.Before), copyValues(r.After)
		cp.Rows[i] = r
	}
	return cp
}

func copyValues(vs []event.Value) []event.Value {
	if vs == nil {
		return nil
	}
	out := make([]event.Value, len(vs))
	for i, v := range vs {
		out[i] = v
		out[i].Bytes = append([]byte(nil), v.Bytes...)
	}
	return out
}

// produce encodes the batches as a TiCDC changefeed with the TiDB
// extension would, to topics named by rule; tamper may change or drop a
// row change first (returning false drops it).
func produce(t *testing.T, brokers []string, enc *avro.Encoder, rule string, batches []event.Batch, tamper func(*event.RowChange) bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...), kgo.AllowAutoTopicCreation())
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	for _, b := range batches {
		var recs []*kgo.Record
		for i := range b.Rows {
			rc := b.Rows[i]
			rc.Before, rc.After = copyValues(rc.Before), copyValues(rc.After)
			if tamper != nil && !tamper(&rc) {
				continue
			}
			topic := dispatch.SubstituteTopic(rule, rc.Table.Schema, rc.Table.Name)
			_, msgs, err := enc.AppendMessages(ctx, nil, nil, topic, &rc)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range msgs {
				recs = append(recs, &kgo.Record{Topic: topic, Key: m.Key, Value: m.Value})
			}
		}
		if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckAgainstMariaDB(t *testing.T) {
	_, db, batches := capture(t)
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
	brokers := cluster.ListenAddrs()
	produce(t, brokers, enc, "good_{schema}_{table}", batches, nil)
	produce(t, brokers, enc, "bad_{schema}_{table}", batches, func(rc *event.RowChange) bool {
		img := rc.Image()
		if rc.Table.Name != "item" {
			return true
		}
		switch img[0].Int {
		case 3: // every change of row 3 is lost
			return false
		case 5: // row 5 arrives with a wrong price
			img[2] = event.StringValue("3.001")
		}
		return true
	})

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cfg := verify.Config{Brokers: brokers, RegistryURL: reg.URL(), DB: db, Tables: verify.Tables("shop.item", "shop.pair")}

	cfg.TopicRule = "good_{schema}_{table}"
	good, err := verify.Check(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	_ = good.WriteText(&text)
	if !good.OK() {
		t.Fatalf("faithful copy: %s", text.String())
	}
	// item: 5 inserts, update, key change (2), delete, insert, update; pair: 3 inserts, key change (2), delete
	if good.Messages != 17 || good.Tombstones != 4 || good.RowsCompared != 7 || good.Tables != 2 || good.Topics != 2 || !good.OrderChecked {
		t.Errorf("faithful copy: %s", text.String())
	}

	cfg.TopicRule = "bad_{schema}_{table}"
	bad, err := verify.Check(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	text.Reset()
	_ = bad.WriteText(&text)
	if bad.OK() || bad.Missing != 1 || bad.Extra != 0 || bad.Differing != 1 || bad.ColumnDiffs != 1 || bad.OrderViolations != 0 {
		t.Fatalf("tampered copy: %s", text.String())
	}
	for _, f := range bad.Findings {
		switch f.Kind {
		case verify.KindMissing:
			if f.Table != "shop.item" || f.Key != "id=3" {
				t.Errorf("missing: %s", f)
			}
		case verify.KindColumn:
			if f.Table != "shop.item" || f.Key != "id=5" || f.Column != "price" || f.Upstream != "3" || f.Kafka != "3.001" {
				t.Errorf("column: %s", f)
			}
		default:
			t.Errorf("unexpected finding: %s", f)
		}
	}
	t.Log(text.String())
}
