//go:build integration

package testenv_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gomysql "github.com/go-mysql-org/go-mysql/mysql"
	"github.com/go-mysql-org/go-mysql/replication"
	"github.com/riferrei/srclient"
	"github.com/segmentio/kafka-go"

	"github.com/cdcctl/cdcctl/pkg/testenv"
)

func TestMariaDBBinlogSettings(t *testing.T) {
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	want := map[string]string{
		"log_bin":              "ON",
		"binlog_format":        "ROW",
		"binlog_row_image":     "FULL",
		"binlog_row_metadata":  "FULL",
		"server_id":            "1",
		"bind_address":         "127.0.0.1",
		"character_set_server": "utf8mb4",
	}
	for name, value := range want {
		var n, v string
		if err := db.QueryRow("SHOW GLOBAL VARIABLES LIKE '"+name+"'").Scan(&n, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.EqualFold(v, value) {
			t.Errorf("%s = %q, want %q", name, v, value)
		}
	}
	if srv.Port() == 3306 {
		t.Errorf("sandbox took port 3306")
	}
}

func TestMariaDBWriteRead(t *testing.T) {
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, db,
		"CREATE DATABASE shop",
		"CREATE TABLE shop.item (id INT PRIMARY KEY, name VARCHAR(20))",
		"INSERT INTO shop.item VALUES (1, 'pen'), (2, 'ink')",
	)
	var name string
	if err := db.QueryRow("SELECT name FROM shop.item WHERE id = 2").Scan(&name); err != nil {
		t.Fatal(err)
	}
	if name != "ink" {
		t.Fatalf("name = %q, want ink", name)
	}
}

func TestMariaDBStopStartKeepsData(t *testing.T) {
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, db, "CREATE DATABASE keep", "CREATE TABLE keep.t (id INT PRIMARY KEY)", "INSERT INTO keep.t VALUES (7)")
	ctx := context.Background()
	if err := srv.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.Ping(); err == nil {
		t.Fatal("ping succeeded while the server was stopped")
	}
	if err := srv.Start(ctx); err != nil {
		t.Fatal(err)
	}
	var id int
	if err := db.QueryRow("SELECT id FROM keep.t").Scan(&id); err != nil {
		t.Fatal(err)
	}
	if id != 7 {
		t.Fatalf("id = %d, want 7", id)
	}
}

// TestMariaDBStartSparesOtherServersTempFiles: mariadbd removes every
// "#sql*" file of its tmpdir when it starts, so servers sharing /tmp broke
// each other's on-disk temporary tables (an information_schema query
// failed with "Error on delete of '/tmp/#sql-temptable-…'" in CI).
func TestMariaDBStartSparesOtherServersTempFiles(t *testing.T) {
	a := testenv.MariaDB(t)
	var tmpdir string
	if err := testenv.OpenDB(t, a.DSN("")).QueryRow("SELECT @@tmpdir").Scan(&tmpdir); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tmpdir, a.Dir()+string(os.PathSeparator)) {
		t.Errorf("tmpdir %q is outside the server's directory %q", tmpdir, a.Dir())
	}
	probe := filepath.Join(tmpdir, "#sql-temptable-probe.MAI")
	if err := os.WriteFile(probe, []byte("in use"), 0o600); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(probe)
	testenv.MariaDB(t) // a second server starting
	if _, err := os.Stat(probe); err != nil {
		t.Fatalf("the first server's temporary file after a second server started: %v", err)
	}
}

func TestBinlogInsertVisibleThroughGoMySQL(t *testing.T) {
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, db, "CREATE DATABASE cap", "CREATE TABLE cap.t (id INT PRIMARY KEY, note VARCHAR(20))")
	var file string
	var pos uint32
	var ignore1, ignore2 any
	if err := db.QueryRow("SHOW MASTER STATUS").Scan(&file, &pos, &ignore1, &ignore2); err != nil {
		t.Fatal(err)
	}
	testenv.Exec(t, db, "INSERT INTO cap.t VALUES (42, 'hello')")

	syncer := replication.NewBinlogSyncer(replication.BinlogSyncerConfig{
		ServerID: 1001, Flavor: gomysql.MariaDBFlavor,
		Host: "127.0.0.1", Port: uint16(srv.Port()), User: "root",
	})
	defer syncer.Close()
	streamer, err := syncer.StartSync(gomysql.Position{Name: file, Pos: pos})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		ev, err := streamer.GetEvent(ctx)
		if err != nil {
			t.Fatalf("no row event for the insert: %v", err)
		}
		rows, ok := ev.Event.(*replication.RowsEvent)
		if !ok || ev.Header.EventType != replication.WRITE_ROWS_EVENTv1 && ev.Header.EventType != replication.WRITE_ROWS_EVENTv2 {
			continue
		}
		if string(rows.Table.Schema) != "cap" || string(rows.Table.Table) != "t" {
			t.Fatalf("row event for %s.%s, want cap.t", rows.Table.Schema, rows.Table.Table)
		}
		if len(rows.Rows) != 1 || rows.Rows[0][0] != int32(42) || string(asBytes(rows.Rows[0][1])) != "hello" {
			t.Fatalf("rows = %#v, want [[42 hello]]", rows.Rows)
		}
		if names := rows.Table.ColumnNameString(); len(names) != 2 || names[0] != "id" || names[1] != "note" {
			t.Fatalf("column names from row metadata = %v, want [id note]", names)
		}
		return
	}
}

func asBytes(v any) []byte {
	switch x := v.(type) {
	case string:
		return []byte(x)
	case []byte:
		return x
	}
	return nil
}

func TestKafkaWriteRead(t *testing.T) {
	cluster := testenv.Kafka(t)
	addrs := cluster.ListenAddrs()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	w := &kafka.Writer{
		Addr:                   kafka.TCP(addrs...),
		Topic:                  "testenv",
		Balancer:               &kafka.Hash{},
		BatchTimeout:           time.Millisecond,
		RequiredAcks:           kafka.RequireAll,
		AllowAutoTopicCreation: true,
	}
	defer w.Close()
	var err error
	for i := 0; i < 20; i++ { // the first write may race topic creation
		if err = w.WriteMessages(ctx, kafka.Message{Key: []byte("k"), Value: []byte("v1")}); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("produce: %v", err)
	}
	parts, err := kafka.DialContext(ctx, "tcp", addrs[0])
	if err != nil {
		t.Fatal(err)
	}
	defer parts.Close()
	pl, err := parts.ReadPartitions("testenv")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range pl {
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: addrs, Topic: "testenv", Partition: p.ID, MaxWait: 100 * time.Millisecond})
		conn, err := kafka.DialLeader(ctx, "tcp", addrs[0], "testenv", p.ID)
		if err != nil {
			t.Fatal(err)
		}
		last, err := conn.ReadLastOffset()
		conn.Close()
		if err != nil {
			t.Fatal(err)
		}
		if last == 0 {
			r.Close()
			continue
		}
		m, err := r.ReadMessage(ctx)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if string(m.Key) != "k" || string(m.Value) != "v1" {
			t.Fatalf("read %q=%q, want k=v1", m.Key, m.Value)
		}
		found = true
	}
	if !found {
		t.Fatal("message not found in any partition")
	}
}

func TestRegistryRegisterFetch(t *testing.T) {
	reg := testenv.Registry(t)
	client := srclient.NewSchemaRegistryClient(reg.URL())
	const schema = `{"type":"record","name":"t","namespace":"default.test","fields":[{"name":"id","type":"int"}]}`
	s, err := client.CreateSchema("tidb_test_t-key", schema, srclient.Avro)
	if err != nil {
		t.Fatal(err)
	}
	if s.ID() == 0 {
		t.Fatal("registry returned id 0")
	}
	got, err := client.GetSchema(s.ID())
	if err != nil {
		t.Fatal(err)
	}
	if got.Schema() != schema {
		t.Fatalf("schema by id = %s, want %s", got.Schema(), schema)
	}
	again, err := client.CreateSchema("tidb_test_t-key", schema, srclient.Avro)
	if err != nil {
		t.Fatal(err)
	}
	if again.ID() != s.ID() {
		t.Fatalf("re-registering the same schema gave id %d, want %d", again.ID(), s.ID())
	}
}

func TestRegistryAnswersRootProbe(t *testing.T) {
	reg := testenv.Registry(t)
	resp, err := http.Get(reg.URL() + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(body) != "{}" {
		t.Fatalf("GET / = %d %q, want 200 {}", resp.StatusCode, body)
	}
}
