//go:build integration

package tail_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/cdcctl/cdcctl/pkg/app"
	codec "github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/registry"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

const topic = "tidb_shop_item"

// stack is a broker and a registry holding TiCDC Avro messages of
// shop.item written by cdcctl's encoder.
type stack struct {
	brokers  string
	registry string
	reg      *registry.Client
	table    *event.Table
	enc      *codec.Encoder
	sent     []codec.Message // in write order
}

func newStack(t *testing.T) *stack {
	t.Helper()
	cluster := testenv.Kafka(t)
	sr := testenv.Registry(t)
	reg, err := registry.New(sr.URL())
	if err != nil {
		t.Fatal(err)
	}
	tables, err := schema.ParseDDL("CREATE TABLE shop.item (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL, price DECIMAL(6,2), note VARCHAR(10))", "shop")
	if err != nil {
		t.Fatal(err)
	}
	enc, err := codec.NewEncoder(codec.Options{EnableTiDBExtension: true}, registry.NewCache(reg))
	if err != nil {
		t.Fatal(err)
	}
	s := &stack{brokers: strings.Join(cluster.ListenAddrs(), ","), registry: sr.URL(), reg: reg, table: tables[0], enc: enc}
	cl := &kafka.Client{Addr: kafka.TCP(cluster.ListenAddrs()...), Timeout: 10 * time.Second}
	_, err = cl.CreateTopics(context.Background(), &kafka.CreateTopicsRequest{Topics: []kafka.TopicConfig{
		{Topic: topic, NumPartitions: 3, ReplicationFactor: 1}, {Topic: "bad", NumPartitions: 3, ReplicationFactor: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func row(id int64, name, price string) []event.Value {
	p := event.NullValue()
	if price != "" {
		p = event.StringValue(price)
	}
	return []event.Value{event.IntValue(id), event.StringValue(name), p, event.NullValue()}
}

// write encodes the row changes and produces them, keyed by hash as
// TiCDC's index-value dispatcher keeps a key on one partition.
func (s *stack) write(t *testing.T, changes ...*event.RowChange) {
	t.Helper()
	ctx := context.Background()
	var buf []byte
	var msgs []codec.Message
	var err error
	for _, rc := range changes {
		rc.Table, rc.CommitTs = s.table, event.ComposeTS(time.Now().UnixMilli(), 0)
		if buf, msgs, err = s.enc.AppendMessages(ctx, buf, msgs, topic, rc); err != nil {
			t.Fatal(err)
		}
	}
	s.produce(t, topic, &kafka.Hash{}, msgs)
	s.sent = append(s.sent, msgs...)
}

func (s *stack) produce(t *testing.T, topic string, b kafka.Balancer, msgs []codec.Message) {
	t.Helper()
	w := &kafka.Writer{Addr: kafka.TCP(strings.Split(s.brokers, ",")...), Topic: topic, Balancer: b,
		BatchTimeout: time.Millisecond, RequiredAcks: kafka.RequireAll}
	defer w.Close()
	km := make([]kafka.Message, len(msgs))
	for i, m := range msgs {
		km[i] = kafka.Message{Key: m.Key, Value: m.Value}
	}
	if err := w.WriteMessages(context.Background(), km...); err != nil {
		t.Fatal(err)
	}
}

func tail(t *testing.T, s *stack, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	start := time.Now()
	code = app.Run(ctx, ios, append([]string{"tail", "--brokers", s.brokers, "--registry", s.registry}, args...))
	t.Logf("cdcctl tail %s: exit %d in %s", strings.Join(args, " "), code, time.Since(start).Round(time.Millisecond))
	return code, out.String(), errOut.String()
}

type line struct {
	Topic         string          `json:"topic"`
	Partition     int             `json:"partition"`
	Offset        int64           `json:"offset"`
	Timestamp     string          `json:"timestamp"`
	Op            string          `json:"op"`
	Key           map[string]any  `json:"key"`
	Value         map[string]any  `json:"value"`
	RawValue      json.RawMessage `json:"-"`
	KeySchemaID   *int            `json:"key_schema_id"`
	ValueSchemaID *int            `json:"value_schema_id"`
}

func parseLines(t *testing.T, stdout string) []line {
	t.Helper()
	var out []line
	for _, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if l == "" {
			continue
		}
		var v line
		dec := json.NewDecoder(strings.NewReader(l))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("not a JSON line: %v\n%s", err, l)
		}
		out = append(out, v)
	}
	return out
}

// TestTailDecodesWhatTheEncoderWrote checks every JSON line against the
// same message decoded by pkg/codec/avro's own decoder.
func TestTailDecodesWhatTheEncoderWrote(t *testing.T) {
	s := newStack(t)
	s.write(t,
		&event.RowChange{Op: event.OpInsert, After: row(1, "pen", "1.50")},
		&event.RowChange{Op: event.OpInsert, After: row(2, "ink <&>", "")},
		&event.RowChange{Op: event.OpInsert, After: row(3, "pad", "-0.05")},
		&event.RowChange{Op: event.OpUpdate, Before: row(2, "ink <&>", ""), After: row(2, "ink, blue", "12.00")},
		&event.RowChange{Op: event.OpDelete, Before: row(3, "pad", "-0.05")},
	)
	code, stdout, stderr := tail(t, s, "--topic", topic, "--from-beginning", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	lines := parseLines(t, stdout)
	if len(lines) != len(s.sent) {
		t.Fatalf("%d lines, want %d (stops at the end offsets):\n%s", len(lines), len(s.sent), stdout)
	}
	te, err := s.enc.For(context.Background(), topic, s.table)
	if err != nil {
		t.Fatal(err)
	}
	independent := codec.NewDecoder(s.reg.Lookup)
	// Messages of one key share a partition, so per key the order is the
	// write order; across keys it is arrival order.
	remaining := append([]codec.Message(nil), s.sent...)
	for _, l := range lines {
		if l.Topic != topic || *l.KeySchemaID != te.KeyID || l.Timestamp == "" {
			t.Errorf("line %+v", l)
		}
		id := l.Key["id"].(json.Number).String()
		i := indexOfKey(t, independent, remaining, id)
		want := remaining[i]
		remaining = append(remaining[:i], remaining[i+1:]...)
		if want.Value == nil {
			if l.Op != "d" || l.Value != nil || l.ValueSchemaID != nil {
				t.Errorf("tombstone line %+v", l)
			}
			continue
		}
		if *l.ValueSchemaID != te.ValueID {
			t.Errorf("value schema id %d, want %d", *l.ValueSchemaID, te.ValueID)
		}
		rec, err := independent.Decode(context.Background(), want.Value)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rec.Fields {
			if got := l.Value[f.Name]; !sameValue(got, f.Value) {
				t.Errorf("key %s field %s: tail %v (%T), decoder %v (%T)", id, f.Name, got, got, f.Value, f.Value)
			}
		}
		if len(l.Value) != len(rec.Fields) || l.Op != rec.Map()["_tidb_op"] {
			t.Errorf("key %s: value %v, op %q", id, l.Value, l.Op)
		}
	}
	// Field order follows the schema.
	if i := strings.Index(stdout, `"value":{"id":`); i < 0 || !strings.Contains(stdout[i:], `,"name":`) {
		t.Errorf("fields out of schema order:\n%s", stdout)
	}

	code, stdout, _ = tail(t, s, "--topic-regex", "^tidb_shop_", "--from-beginning", "--max-messages", "2")
	if n := len(parseLines(t, stdout)); code != 0 || n != 2 {
		t.Errorf("--max-messages 2: exit %d, %d lines", code, n)
	}
}

func indexOfKey(t *testing.T, dec *codec.Decoder, msgs []codec.Message, id string) int {
	t.Helper()
	for i, m := range msgs {
		k, err := dec.Decode(context.Background(), m.Key)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(k.Map()["id"]) == id {
			return i
		}
	}
	t.Fatalf("tail printed key %s that was not written (or twice)", id)
	return -1
}

// sameValue compares a JSON value of tail with a value of codec.Decoder.
func sameValue(got, want any) bool {
	switch w := want.(type) {
	case nil:
		return got == nil
	case *big.Rat:
		n, ok := got.(json.Number)
		r, ok2 := new(big.Rat).SetString(string(n))
		return ok && ok2 && r.Cmp(w) == 0
	case int32, int64:
		n, ok := got.(json.Number)
		return ok && n.String() == fmt.Sprint(w)
	case string:
		return got == w
	}
	return fmt.Sprint(got) == fmt.Sprint(want)
}

func TestTailFollowWaitsForNewMessages(t *testing.T) {
	s := newStack(t)
	s.write(t, &event.RowChange{Op: event.OpInsert, After: row(1, "a", "1.00")}, &event.RowChange{Op: event.OpInsert, After: row(2, "b", "2.00")})
	var wg sync.WaitGroup
	var code int
	var stdout string
	wg.Add(1)
	go func() {
		defer wg.Done()
		code, stdout, _ = tail(t, s, "--topic", topic, "--from-beginning", "--follow", "--max-messages", "4")
	}()
	time.Sleep(500 * time.Millisecond)
	s.write(t, &event.RowChange{Op: event.OpInsert, After: row(3, "c", "3.00")}, &event.RowChange{Op: event.OpDelete, Before: row(1, "a", "1.00")})
	wg.Wait()
	lines := parseLines(t, stdout)
	if code != 0 || len(lines) != 4 {
		t.Fatalf("exit %d, %d lines:\n%s", code, len(lines), stdout)
	}
	ops := map[string]int{}
	for _, l := range lines {
		ops[l.Op]++
	}
	if ops["c"] != 3 || ops["d"] != 1 {
		t.Errorf("ops = %v", ops)
	}
}

func TestTailUnknownSchemaID(t *testing.T) {
	s := newStack(t)
	value := append(codec.AppendHeader(nil, 999), 0x02)
	onePartition := kafka.BalancerFunc(func(kafka.Message, ...int) int { return 1 })
	s.produce(t, "bad", onePartition, []codec.Message{{Key: []byte("k1"), Value: value}})
	code, stdout, stderr := tail(t, s, "--topic", "bad", "--from-beginning")
	want := fmt.Sprintf("topic bad partition 1 offset 0: value: schema registry %s: schema id 999", s.registry)
	if code != 1 || !strings.Contains(stderr, want) || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q; want %q", code, stdout, stderr, want)
	}
	t.Logf("stderr: %s", stderr)
	if bytes.Count([]byte(stderr), []byte("Error:")) != 1 {
		t.Errorf("stderr = %q", stderr)
	}
}

// TestTailChangefeed finds brokers, registry and topics from a changefeed
// as a cdcctl or TiCDC server describes it.
func TestTailChangefeed(t *testing.T) {
	s := newStack(t)
	s.write(t, &event.RowChange{Op: event.OpInsert, After: row(1, "a", "1.00")}, &event.RowChange{Op: event.OpInsert, After: row(2, "b", "2.00")})
	body := fmt.Sprintf(`{"namespace":"default","id":"tpcc","sink_uri":"kafka://%s/ticdc-meta?protocol=avro&enable-tidb-extension=true",`+
		`"config":{"sink":{"protocol":"avro","schema_registry":"%s","dispatchers":[{"matcher":["*.*"],"partition":"index-value","topic":"tidb_{schema}_{table}"}]}},"state":"normal"}`,
		s.brokers, s.registry)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v2/changefeeds/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.PathValue("id") != "tpcc" {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"error_msg":"[CDC:ErrChangeFeedNotExists]changefeed not exists, default/%s","error_code":"CDC:ErrChangeFeedNotExists"}`, r.PathValue("id"))
			return
		}
		fmt.Fprint(w, body)
	})
	server := httptest.NewServer(mux)
	defer server.Close()
	ios, _, out, errOut := iostreams.Test()
	code := app.Run(context.Background(), ios, []string{"tail", "--server", server.URL, "-c", "tpcc", "--from-beginning", "-o", "json"})
	lines := parseLines(t, out.String())
	if code != 0 || len(lines) != 2 || lines[0].Topic != topic {
		t.Fatalf("exit %d, lines %+v\n%s", code, lines, errOut.String())
	}
	ios, _, _, errOut = iostreams.Test()
	if code := app.Run(context.Background(), ios, []string{"tail", "--server", server.URL, "-c", "gone"}); code != 3 ||
		!strings.Contains(errOut.String(), "changefeed not exists, default/gone") {
		t.Errorf("unknown changefeed: exit %d, %s", code, errOut.String())
	}
}
