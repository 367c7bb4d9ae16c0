//go:build integration

package engine_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/engine"
	"github.com/cdcctl/cdcctl/pkg/meta"
	"github.com/cdcctl/cdcctl/pkg/registry"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

type stack struct {
	db       *sql.DB
	upstream string
	brokers  string
	registry string
	dir      string
}

func newStack(t *testing.T) *stack {
	t.Helper()
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, db, "SET GLOBAL time_zone = '+00:00'", "CREATE DATABASE shop",
		"CREATE TABLE shop.item (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(8,2) NOT NULL DEFAULT 0)",
		"CREATE TABLE shop.nokey (msg TEXT)",
		"INSERT INTO shop.item VALUES (1, 'pen', 1.50), (2, 'ink', 2.00), (3, 'pad', 3.25)")
	k := testenv.Kafka(t)
	reg := testenv.Registry(t)
	return &stack{db: db, upstream: srv.URL(), brokers: k.ListenAddrs()[0], registry: reg.URL(), dir: t.TempDir()}
}

func (s *stack) open(t *testing.T, edits ...func(*engine.Options)) (*engine.Engine, meta.Store) {
	t.Helper()
	store, err := meta.OpenBolt(filepath.Join(s.dir, "meta.db"))
	if err != nil {
		t.Fatal(err)
	}
	opts := engine.Options{Store: store, TimeZone: "UTC",
		Backoff: engine.Backoff{Initial: 200 * time.Millisecond, Max: time.Second}, CheckpointInterval: 100 * time.Millisecond}
	for _, edit := range edits {
		edit(&opts)
	}
	e, err := engine.New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return e, store
}

const dispatchers = `{"sink":{"dispatchers":[{"matcher":["*.*"],"topic":"tidb_{schema}_{table}","partition":"index-value"}]}}`

func (s *stack) definition() engine.Definition {
	return engine.Definition{
		ID:       "orders-feed",
		SinkURI:  "kafka://" + s.brokers + "/ticdc-meta?protocol=avro&enable-tidb-extension=true&partition-num=3",
		Config:   []byte(strings.Replace(dispatchers, `"sink":{`, `"sink":{"schema_registry":"`+s.registry+`",`, 1)),
		Upstream: s.upstream,
	}
}

// waitCaughtUp waits until the changefeed's checkpoint reaches the
// upstream's current binlog position.
func (s *stack) waitCaughtUp(t *testing.T, e *engine.Engine) engine.Status {
	t.Helper()
	info, err := binlog.Inspect(context.Background(), s.db)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		st, err := e.Get("default", "orders-feed")
		if err != nil {
			t.Fatal(err)
		}
		if st.Checkpoint.Pos.File == info.Position.File && st.Checkpoint.Pos.Pos >= info.Position.Pos {
			return st
		}
		if st.State == engine.StateFailed || time.Now().After(deadline) {
			t.Fatalf("not caught up to %v: state %s checkpoint %v error %+v", info.Position, st.State, st.Checkpoint.Pos, st.LastError)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// consume reads every message of topic and decodes it: "op id=<id> name=<name>".
func (s *stack) consume(t *testing.T, topic string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	reg, err := registry.New(s.registry)
	if err != nil {
		t.Fatal(err)
	}
	dec := avro.NewDecoder(reg.Lookup)
	conn, err := kafka.DialContext(ctx, "tcp", s.brokers)
	if err != nil {
		t.Fatal(err)
	}
	parts, err := conn.ReadPartitions(topic)
	conn.Close()
	if err != nil {
		t.Fatal(err)
	}
	type rec struct {
		ts  int64
		off int64
		s   string
	}
	var all []rec
	client := &kafka.Client{Addr: kafka.TCP(s.brokers)}
	for _, p := range parts {
		res, err := client.Fetch(ctx, &kafka.FetchRequest{Topic: topic, Partition: p.ID, Offset: 0, MaxBytes: 10 << 20})
		if err != nil {
			t.Fatal(err)
		}
		for {
			r, err := res.Records.ReadRecord()
			if err != nil {
				break
			}
			key := readAll(t, r.Key)
			val := readAll(t, r.Value)
			k, err := dec.Decode(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			line := fmt.Sprintf("p%d %v", p.ID, k.Map()["id"])
			var ts int64
			if val == nil {
				line = "d " + line
			} else {
				v, err := dec.Decode(ctx, val)
				if err != nil {
					t.Fatal(err)
				}
				m := v.Map()
				ts = m["_tidb_commit_ts"].(int64)
				line = fmt.Sprintf("%s %s name=%v", m["_tidb_op"], line, m["name"])
			}
			all = append(all, rec{ts: ts, off: r.Offset, s: line})
		}
	}
	out := make([]string, len(all))
	for i, r := range all {
		out[i] = r.s
	}
	sort.Strings(out)
	return out
}

func readAll(t *testing.T, r interface{ Read([]byte) (int, error) }) []byte {
	if r == nil {
		return nil
	}
	var b []byte
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		b = append(b, buf[:n]...)
		if err != nil {
			return b
		}
	}
}

func TestEngineSnapshotStreamRestart(t *testing.T) {
	s := newStack(t)
	e, store := s.open(t)
	st, err := e.Create(context.Background(), s.definition())
	if err != nil {
		t.Fatal(err)
	}
	if st.Definition.Namespace != "default" || st.Definition.Snapshot != engine.SnapshotInitial {
		t.Fatalf("defaults: %+v", st.Definition)
	}
	// The copy reflects the table when the snapshot starts; wait for it to
	// finish so the changes below arrive as changes.
	s.waitCaughtUp(t, e)
	testenv.Exec(t, s.db,
		"INSERT INTO shop.item (id, name) VALUES (4, 'cup')",
		"UPDATE shop.item SET name = 'quill' WHERE id = 1",
		"UPDATE shop.item SET id = 10 WHERE id = 2", // key change: tombstone + insert
		"DELETE FROM shop.item WHERE id = 3",
		"INSERT INTO shop.nokey VALUES ('skipped: no key')",
	)
	s.waitCaughtUp(t, e)
	checkMetrics(t, e, 7) // 3 copied rows + 4 changes (the key-less table is skipped)
	if err := e.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	store.Close()
	// Written while the server is down: must arrive after the restart.
	testenv.Exec(t, s.db, "INSERT INTO shop.item (id, name) VALUES (5, 'mug')",
		"ALTER TABLE shop.item ADD COLUMN color VARCHAR(10) DEFAULT 'red'",
		"INSERT INTO shop.item (id, name, color) VALUES (6, 'jar', 'blue')")
	e, store = s.open(t)
	defer store.Close()
	defer e.Close(context.Background())
	st = s.waitCaughtUp(t, e)
	if st.State != engine.StateNormal || st.LastError != nil {
		t.Fatalf("state %s error %+v", st.State, st.LastError)
	}
	checkMetrics(t, e, 2) // a new process: counters start again
	got := s.consume(t, "tidb_shop_item")
	want := map[string]bool{ // the partition is fixed per key; compare ignoring it
		"c 1 name=pen": true, "c 2 name=ink": true, "c 3 name=pad": true, // snapshot
		"c 4 name=cup": true, "u 1 name=quill": true, "d 2": true, "c 10 name=ink": true, "d 3": true,
		"c 5 name=mug": true, "c 6 name=jar": true,
	}
	seen := map[string]bool{}
	for _, line := range got {
		f := strings.Fields(line)
		var norm string
		if f[0] == "d" {
			norm = "d " + f[2]
		} else {
			norm = strings.Join(append([]string{f[0]}, f[2:]...), " ")
		}
		if !want[norm] {
			t.Errorf("unexpected message %q", line)
		}
		seen[norm] = true
	}
	for w := range want {
		if !seen[w] {
			t.Errorf("missing message %q (got %v)", w, got)
		}
	}
}

func TestEngineCreateRejectsBadInput(t *testing.T) {
	s := newStack(t)
	e, store := s.open(t)
	defer store.Close()
	defer e.Close(context.Background())
	tests := []struct {
		name    string
		edit    func(*engine.Definition)
		wantErr string
	}{
		{"bad id", func(d *engine.Definition) { d.ID = "bad_id!" }, "invalid changefeed id"},
		{"bad sink uri", func(d *engine.Definition) { d.SinkURI += "&required-acks=2" }, `required-acks`},
		{"no registry", func(d *engine.Definition) { d.Config = []byte(dispatchers) }, "schema"},
		{"bad upstream", func(d *engine.Definition) { d.Upstream = "mysql://root:s3cret@127.0.0.1:1" }, "cannot reach upstream"},
		{"not avro", func(d *engine.Definition) {
			d.SinkURI = strings.Replace(d.SinkURI, "protocol=avro", "protocol=canal-json", 1)
		}, "protocol"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := s.definition()
			tt.edit(&d)
			_, err := e.Create(context.Background(), d)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Fatalf("error leaks the password: %v", err)
			}
			if got := e.List(""); len(got) != 0 {
				t.Fatalf("a failed create left %d changefeeds", len(got))
			}
		})
	}
}

// checkMetrics scrapes the engine's collector and checks the row counters.
func checkMetrics(t *testing.T, e *engine.Engine, rows float64) {
	t.Helper()
	reg := prometheus.NewRegistry()
	reg.MustRegister(e.Metrics())
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]float64{}
	for _, f := range fams {
		for _, m := range f.GetMetric() {
			name := f.GetName()
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			for _, k := range []string{"table", "op", "state"} {
				if v, ok := labels[k]; ok {
					name += "/" + v
				}
			}
			switch {
			case m.Counter != nil:
				values[name] = m.GetCounter().GetValue()
			case m.Gauge != nil:
				values[name] = m.GetGauge().GetValue()
			case m.Histogram != nil:
				values[name] = float64(m.GetHistogram().GetSampleCount())
			}
		}
	}
	if got := values["cdcctl_changefeed_rows_written_total"]; got != rows {
		t.Errorf("rows_written_total = %v, want %v", got, rows)
	}
	item := "cdcctl_changefeed_table_rows_total/shop.item/"
	if got := values[item+"insert"] + values[item+"update"] + values[item+"delete"] + values[item+"snapshot"]; got != rows {
		t.Errorf("table_rows_total{shop.item} = %v, want %v", got, rows)
	}
	if values["cdcctl_changefeed_state/normal"] != 1 || values["cdcctl_changefeed_produce_seconds"] == 0 {
		t.Errorf("state or produce histogram missing: %v", values)
	}
	if lag := values["cdcctl_changefeed_checkpoint_lag_seconds"]; lag < 0 || lag > 60 {
		t.Errorf("checkpoint lag %v s", lag)
	}
}

func TestEngineCreateNamesBinlogSetting(t *testing.T) {
	s := newStack(t)
	e, store := s.open(t)
	defer store.Close()
	defer e.Close(context.Background())
	testenv.Exec(t, s.db, "SET GLOBAL binlog_row_image = 'MINIMAL'")
	_, err := e.Create(context.Background(), s.definition())
	if err == nil || !strings.Contains(err.Error(), "binlog_row_image: MINIMAL; fix: SET GLOBAL binlog_row_image = 'FULL'") {
		t.Fatalf("err = %v, want it to name binlog_row_image and the fix", err)
	}
}
