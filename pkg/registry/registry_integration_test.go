//go:build integration

package registry_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/registry"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// startRegistry runs the in-process registry, which answers the probe a
// Confluent registry answers on GET / (spec §6 item 2).
func startRegistry(t *testing.T) (*testenv.SchemaRegistry, *registry.Client) {
	t.Helper()
	fake := testenv.Registry(t)
	c, err := registry.New(fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Probe(context.Background()); err != nil {
		t.Fatal(err)
	}
	return fake, c
}

func table(t *testing.T, ddl string, version uint64) *event.Table {
	t.Helper()
	tables, err := schema.ParseDDL(ddl, "shop")
	if err != nil {
		t.Fatal(err)
	}
	tables[0].Version = version
	return tables[0]
}

func TestRegistryIntegration(t *testing.T) {
	ctx := context.Background()
	fake, client := startRegistry(t)
	cache := registry.NewCache(client)
	enc, err := avro.NewEncoder(avro.Options{EnableTiDBExtension: true}, cache)
	if err != nil {
		t.Fatal(err)
	}
	v1 := table(t, "CREATE TABLE orders (id INT PRIMARY KEY, amount DECIMAL(10,2))", 1)
	const topic = "shop.orders" // dots become underscores in subjects only
	te1, err := enc.For(ctx, topic, v1)
	if err != nil {
		t.Fatal(err)
	}
	for subject, id := range map[string]int{"shop_orders-key": te1.KeyID, "shop_orders-value": te1.ValueID} {
		got, ok := fake.GetSchema(subject, 1)
		if !ok {
			t.Fatalf("subject %s not registered", subject)
		}
		if got.ID != id {
			t.Errorf("subject %s: registry id %d, encoder id %d", subject, got.ID, id)
		}
	}
	if te1.KeyID == te1.ValueID {
		t.Errorf("key and value share id %d", te1.KeyID)
	}
	text, err := client.Lookup(ctx, te1.ValueID)
	if err != nil || text != te1.Plan.ValueSchema {
		t.Fatalf("lookup of value id: %v\n got %s\nwant %s", err, text, te1.Plan.ValueSchema)
	}

	// Same version again: served from the encoder, no new registry version.
	if te, err := enc.For(ctx, topic, v1); err != nil || te != te1 {
		t.Fatalf("second For: %v", err)
	}
	// A new table version (ADD COLUMN with a default is BACKWARD compatible)
	// registers a new value version; the unchanged key keeps its id.
	v2 := table(t, "CREATE TABLE orders (id INT PRIMARY KEY, amount DECIMAL(10,2), note VARCHAR(10) DEFAULT 'n/a')", 2)
	te2, err := enc.For(ctx, topic, v2)
	if err != nil {
		t.Fatal(err)
	}
	if te2.KeyID != te1.KeyID {
		t.Errorf("key id changed from %d to %d for an identical key schema", te1.KeyID, te2.KeyID)
	}
	if te2.ValueID == te1.ValueID {
		t.Errorf("value id %d did not change after the schema version change", te2.ValueID)
	}
	if got, ok := fake.GetSchema("shop_orders-value", 2); !ok || got.ID != te2.ValueID {
		t.Errorf("value subject version 2 = %+v, %v", got, ok)
	}

	// A fresh process (new cache) re-registering v2 gets the same ids.
	enc2, err := avro.NewEncoder(avro.Options{EnableTiDBExtension: true}, registry.NewCache(client))
	if err != nil {
		t.Fatal(err)
	}
	te3, err := enc2.For(ctx, topic, v2)
	if err != nil || te3.KeyID != te2.KeyID || te3.ValueID != te2.ValueID {
		t.Fatalf("re-registration after restart: %+v, %v", te3, err)
	}

	// The messages decode with the schemas fetched back from the registry.
	_, msgs, err := enc.AppendMessages(ctx, nil, nil, topic, &event.RowChange{Table: v2, Op: event.OpInsert,
		After: []event.Value{event.IntValue(1), event.StringValue("9.99"), event.StringValue("hi")}, CommitTs: 1 << 18})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := avro.NewDecoder(client.Lookup).Decode(ctx, msgs[0].Value)
	if err != nil {
		t.Fatal(err)
	}
	if m := rec.Map(); m["note"] != "hi" || m["_tidb_op"] != "c" {
		t.Errorf("decoded value %v", m)
	}
}

func TestRegistryRefusalStopsWithReason(t *testing.T) {
	ctx := context.Background()
	fake, client := startRegistry(t)
	const reason = `Schema being registered is incompatible with an earlier schema for subject "shop_orders-value"`
	fake.Intercept(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "-value/versions") {
			w.WriteHeader(http.StatusConflict)
			_, _ = io.WriteString(w, `{"error_code":409,"message":`+strconvQuote(reason)+`}`)
			return true
		}
		return false
	})
	enc, err := avro.NewEncoder(avro.Options{}, registry.NewCache(client))
	if err != nil {
		t.Fatal(err)
	}
	_, err = enc.For(ctx, "shop.orders", table(t, "CREATE TABLE orders (id INT PRIMARY KEY, n INT NOT NULL)", 1))
	var re *registry.Error
	if !errors.As(err, &re) || !re.Incompatible() {
		t.Fatalf("error = %v, want an incompatible *registry.Error", err)
	}
	for _, want := range []string{"table shop.orders", `subject "shop_orders-value"`, "HTTP 409", reason} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func strconvQuote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}
