//go:build integration

package playground_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"
	"github.com/riferrei/srclient"
	"github.com/segmentio/kafka-go"

	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/playground"
	"github.com/cdcctl/cdcctl/pkg/upstream"
)

func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ports []int
	for len(ports) < n {
		p, err := mariadb.FreePort()
		if err != nil {
			t.Fatal(err)
		}
		ports = append(ports, p)
	}
	return ports
}

func TestPlaygroundStopAndResume(t *testing.T) {
	ctx := context.Background()
	ports := freePorts(t, 3)
	opts := playground.Options{Components: []string{"mysql", "kafka", "registry"}, DataDir: t.TempDir(),
		MySQLPort: ports[0], KafkaPort: ports[1], RegistryPort: ports[2]}
	s, err := playground.Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	ep := s.Endpoints()
	u, err := upstream.Parse(ep.MySQL)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("mysql", u.DriverDSN())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"CREATE DATABASE keep", "CREATE TABLE keep.t (id INT PRIMARY KEY)", "INSERT INTO keep.t VALUES (1)"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	reg := srclient.NewSchemaRegistryClient(ep.Registry)
	schema, err := reg.CreateSchema("tidb_keep_t-value", `{"type":"record","name":"t","fields":[{"name":"id","type":"int"}]}`, srclient.Avro)
	if err != nil {
		t.Fatal(err)
	}
	w := &kafka.Writer{Addr: kafka.TCP(ep.Kafka), Topic: "kept", BatchTimeout: time.Millisecond, AllowAutoTopicCreation: true, RequiredAcks: kafka.RequireAll}
	for i := 0; i < 20; i++ {
		if err = w.WriteMessages(ctx, kafka.Message{Value: []byte("hello")}); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}

	s, err = playground.Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	var id int
	if err := db.QueryRow("SELECT id FROM keep.t").Scan(&id); err != nil || id != 1 {
		t.Errorf("database after resume: id=%d err=%v", id, err)
	}
	got, err := srclient.NewSchemaRegistryClient(ep.Registry).GetSchema(schema.ID())
	if err != nil || got.Schema() != schema.Schema() {
		t.Errorf("registry after resume: schema %d: %v", schema.ID(), err)
	}
	conn, err := kafka.DialLeader(ctx, "tcp", ep.Kafka, "kept", firstPartitionWithData(t, ep.Kafka))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	last, err := conn.ReadLastOffset()
	if err != nil || last != 1 {
		t.Errorf("broker log after resume: last offset %d, err %v", last, err)
	}
}

func firstPartitionWithData(t *testing.T, addr string) int {
	t.Helper()
	conn, err := kafka.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	parts, err := conn.ReadPartitions("kept")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range parts {
		c, err := kafka.DialLeader(context.Background(), "tcp", addr, "kept", p.ID)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := c.ReadLastOffset()
		c.Close()
		if n > 0 {
			return p.ID
		}
	}
	t.Fatal("no partition of topic kept has data")
	return 0
}

func TestParseComponents(t *testing.T) {
	if _, err := playground.ParseComponents("mysql,zookeeper"); err == nil || err.Error() != `unknown component "zookeeper": want mysql, kafka, registry or server` {
		t.Errorf("err = %v", err)
	}
	got, err := playground.ParseComponents("kafka, registry")
	if err != nil || len(got) != 2 || got[0] != "kafka" || got[1] != "registry" {
		t.Errorf("got %v, %v", got, err)
	}
}

func TestPlaygroundPortTakenFailsCleanly(t *testing.T) {
	ports := freePorts(t, 1)
	first, err := playground.Start(context.Background(), playground.Options{Components: []string{"kafka"}, KafkaPort: ports[0]})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close(context.Background())
	_, err = playground.Start(context.Background(), playground.Options{Components: []string{"kafka"}, KafkaPort: ports[0]})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("kafka on port %d", ports[0])) {
		t.Fatalf("err = %v, want a clear error naming the port", err)
	}
}
