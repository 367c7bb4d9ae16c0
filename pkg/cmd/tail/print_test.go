package tail

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/output"
)

func sampleMessages() []*Message {
	at := time.Date(2024, 5, 1, 10, 0, 0, 123e6, time.UTC)
	key := &Record{Name: "default.shop.k", Fields: []Field{{"id", int64(1)}}}
	return []*Message{
		{Topic: "tidb_shop_item", Partition: 2, Offset: 41, Time: at, Op: "c", Key: key, KeySchemaID: 1, ValueSchemaID: 2,
			Value: &Record{Name: "default.shop.v", Fields: []Field{
				{"id", int64(1)}, {"name", "pen <b> & ink"}, {"price", Decimal{big.NewInt(150), 2}}, {"note", nil},
				{"blob", []byte{0xca, 0xfe}}, {"_tidb_op", "c"}, {"_tidb_commit_ts", int64(449)},
			}}},
		{Topic: "tidb_shop_item", Partition: 2, Offset: 42, Time: at, Op: "d", Key: key, KeySchemaID: 1},
		{Topic: "plain", Offset: 7, Op: "upsert", Key: "order-7", ValueSchemaID: 3,
			Value: &Record{Name: "x", Fields: []Field{{"tags", []any{"a", int32(2)}}, {"attrs", map[string]any{"z": 1.5, "a": nil}}}}},
	}
}

func printAll(t *testing.T, format output.Format, color bool) string {
	t.Helper()
	var buf bytes.Buffer
	p := newPrinter(&buf, format, color)
	for _, m := range sampleMessages() {
		if err := p.print(m); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestPrintJSONLines(t *testing.T) {
	got := printAll(t, output.JSON, false)
	want := `{"topic":"tidb_shop_item","partition":2,"offset":41,"timestamp":"2024-05-01T10:00:00.123Z","op":"c","key":{"id":1},` +
		`"value":{"id":1,"name":"pen <b> & ink","price":1.50,"note":null,"blob":"yv4=","_tidb_op":"c","_tidb_commit_ts":449},"key_schema_id":1,"value_schema_id":2}
{"topic":"tidb_shop_item","partition":2,"offset":42,"timestamp":"2024-05-01T10:00:00.123Z","op":"d","key":{"id":1},"value":null,"key_schema_id":1,"value_schema_id":null}
{"topic":"plain","partition":0,"offset":7,"timestamp":"","op":"upsert","key":"order-7","value":{"tags":["a",2],"attrs":{"a":null,"z":1.5}},"key_schema_id":null,"value_schema_id":3}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for i, line := range strings.Split(strings.TrimSpace(got), "\n") {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Errorf("line %d is not JSON: %v", i, err)
		}
	}
}

func TestPrintPretty(t *testing.T) {
	got := printAll(t, output.Table, false)
	want := `c  tidb_shop_item [2] @41  2024-05-01T10:00:00.123Z
   key    id=1
   value  id=1 name="pen <b> & ink" price=1.50 note=null blob=0xcafe _tidb_op="c" _tidb_commit_ts=449
d  tidb_shop_item [2] @42  2024-05-01T10:00:00.123Z
   key    id=1
   value  (tombstone)
upsert plain [0] @7
   key    "order-7"
   value  tags=["a", 2] attrs={"a": null, "z": 1.5}
`
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	colored := printAll(t, output.Table, true)
	if !strings.Contains(colored, "\x1b[") || strings.Count(colored, "tombstone") != 1 {
		t.Errorf("no colour on a terminal:\n%q", colored)
	}
}

func TestPrintYAML(t *testing.T) {
	got := printAll(t, output.YAML, false)
	for _, want := range []string{
		"topic: tidb_shop_item\npartition: 2\noffset: 41\n",
		"value:\n  id: 1\n  name: pen <b> & ink\n  price: 1.50\n  note: null\n",
		"\n---\n",
		"value: null\nkey_schema_id: 1\nvalue_schema_id: null\n",
		"key: order-7\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("yaml lacks %q:\n%s", want, got)
		}
	}
}
