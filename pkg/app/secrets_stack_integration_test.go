//go:build integration

package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/registry"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

const secretsDDL = "CREATE TABLE shop.item (id INT PRIMARY KEY, name VARCHAR(24) NOT NULL, price DECIMAL(8,2))"

// secretsStack is MariaDB with a capture user, a broker holding Avro
// messages of shop.item, a registry and a fake Kafka Connect.
type secretsStack struct {
	upstream string // mysql://cdc_sec:<password>@host:port
	dbHost   string // host:port
	brokers  string
	registry string // with sr-user:<password>@
	regPlain string
	connect  string
}

func startSecretsStack(t *testing.T) *secretsStack {
	t.Helper()
	db := testenv.MariaDB(t)
	root := testenv.OpenDB(t, db.DSN(""))
	testenv.Exec(t, root, "CREATE DATABASE shop", secretsDDL, "INSERT INTO shop.item VALUES (1, 'one', 1.50), (2, 'two', 2.25)",
		fmt.Sprintf("CREATE USER 'cdc_sec'@'%%' IDENTIFIED BY '%s'", secUpstream),
		"GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT, RELOAD, CREATE, DROP, INSERT, UPDATE, DELETE ON *.* TO 'cdc_sec'@'%'")
	s := &secretsStack{dbHost: db.Addr()}
	s.upstream = (&url.URL{Scheme: "mysql", User: url.UserPassword("cdc_sec", secUpstream), Host: db.Addr()}).String()
	cluster := testenv.Kafka(t)
	s.brokers = cluster.ListenAddrs()[0]
	reg := testenv.Registry(t)
	s.regPlain = reg.URL()
	u, err := url.Parse(reg.URL())
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("sr-user", secRegistry)
	s.registry = u.String()
	produceItems(t, s.brokers, reg.URL())
	fc := &fakeConnect{user: "connect-user", pass: secConnect}
	srv := httptest.NewServer(fc)
	t.Cleanup(srv.Close)
	s.connect = srv.URL
	return s
}

// produceItems writes two shop.item rows as TiCDC Avro to tidb_shop_item.
func produceItems(t *testing.T, brokers, registryURL string) {
	t.Helper()
	defs, err := schema.ParseDDL(secretsDDL, "shop")
	if err != nil {
		t.Fatal(err)
	}
	rc, err := registry.New(registryURL)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := avro.NewEncoder(avro.Options{EnableTiDBExtension: true}, registry.NewCache(rc))
	if err != nil {
		t.Fatal(err)
	}
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers), kgo.AllowAutoTopicCreation())
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ts := event.ComposeTS(time.Now().UnixMilli(), 0)
	for i, name := range []string{"one", "two"} {
		row := event.RowChange{Table: defs[0], Op: event.OpInsert, CommitTs: ts + uint64(i),
			After: []event.Value{event.IntValue(int64(i + 1)), event.StringValue(name), event.StringValue("1.50")}}
		_, msgs, err := enc.AppendMessages(ctx, nil, nil, "tidb_shop_item", &row)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if err := cl.ProduceSync(ctx, &kgo.Record{Topic: "tidb_shop_item", Key: m.Key, Value: m.Value}).FirstErr(); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// fakeConnect is a Kafka Connect REST API that, like the real one, echoes
// a connector's configuration (secrets included) in its answers.
type fakeConnect struct {
	user, pass string
	mu         sync.Mutex
	configs    map[string]map[string]string
}

func (f *fakeConnect) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if u, p, ok := r.BasicAuth(); !ok || u != f.user || p != f.pass {
		w.WriteHeader(http.StatusUnauthorized)
		_ = json.NewEncoder(w).Encode(map[string]any{"error_code": 401, "message": "Unauthorized"})
		return
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	var cfg map[string]string
	_ = json.NewDecoder(r.Body).Decode(&cfg)
	switch {
	case r.Method == http.MethodPut && len(parts) == 3 && parts[0] == "connectors":
		if f.configs == nil {
			f.configs = map[string]map[string]string{}
		}
		_, exists := f.configs[parts[1]]
		f.configs[parts[1]] = cfg
		if !exists {
			w.WriteHeader(http.StatusCreated)
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"name": parts[1], "config": cfg, "tasks": []any{}, "type": "sink"})
	case r.Method == http.MethodPut && len(parts) == 4 && parts[0] == "connector-plugins":
		var configs []map[string]any
		for k, v := range cfg {
			configs = append(configs, map[string]any{"definition": map[string]any{"name": k},
				"value": map[string]any{"name": k, "value": v, "errors": []string{"Invalid value " + v + " for configuration " + k}}})
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"name": parts[1], "error_count": len(configs), "groups": []string{"Common"}, "configs": configs})
	default:
		w.WriteHeader(http.StatusNotFound)
		_ = json.NewEncoder(w).Encode(map[string]any{"error_code": 404, "message": "no route"})
	}
}
