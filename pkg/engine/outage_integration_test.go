//go:build integration

package engine_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/cdcctl/cdcctl/pkg/engine"
	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/meta"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// TestEngineSurvivesBrokerOutage stops the broker while rows are written
// and starts it again on the same port and log: the changefeed goes to
// warning while Kafka does not answer, back to normal after, and every row
// arrives.
func TestEngineSurvivesBrokerOutage(t *testing.T) {
	s := newStack(t)
	port, err := mariadb.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	logDir := t.TempDir()
	startBroker := func() *kfake.Cluster {
		c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.Ports(port), kfake.DataDir(logDir), kfake.DefaultNumPartitions(3))
		if err != nil {
			t.Fatalf("start broker on port %d: %v", port, err)
		}
		return c
	}
	broker := startBroker()
	s.brokers = fmt.Sprintf("127.0.0.1:%d", port)

	store, err := meta.OpenBolt(filepath.Join(s.dir, "meta.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	e, err := engine.New(context.Background(), engine.Options{Store: store, TimeZone: "UTC",
		Backoff: engine.Backoff{Initial: 200 * time.Millisecond, Max: time.Second}, CheckpointInterval: 100 * time.Millisecond,
		StallWarning: time.Second, WatchInterval: 100 * time.Millisecond, MemoryLimit: memoryLimit})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close(context.Background())
	def := s.definition()
	def.SinkURI += "&dial-timeout=1s&read-timeout=2s&write-timeout=2s"
	if _, err := e.Create(context.Background(), def); err != nil {
		t.Fatal(err)
	}
	s.waitCaughtUp(t, e)

	broker.Close()
	for i := 100; i < 150; i++ {
		testenv.Exec(t, s.db, fmt.Sprintf("INSERT INTO shop.item (id, name) VALUES (%d, 'n%d')", i, i))
	}
	// Many more rows than the memory limit holds: the reader must wait.
	for i := 0; i < 40; i++ {
		q := "INSERT INTO shop.item (id, name) VALUES "
		for j := 0; j < 250; j++ {
			if j > 0 {
				q += ","
			}
			q += fmt.Sprintf("(%d, '%s')", 1000+i*250+j, strings.Repeat("x", 20))
		}
		testenv.Exec(t, s.db, q)
	}
	st := waitState(t, e, engine.StateWarning, 30*time.Second)
	time.Sleep(500 * time.Millisecond) // let the reader fill what it may
	if st, _ = e.Get("default", "orders-feed"); st.InFlightBytes > memoryLimit+batchAllowance {
		t.Errorf("in flight while Kafka is down: %d bytes, limit %d", st.InFlightBytes, memoryLimit)
	}
	t.Logf("during the outage: %d rows read, %d bytes in flight (limit %d)", st.RowsRead, st.InFlightBytes, memoryLimit)
	if st.RowsRead >= 10000 {
		t.Errorf("read %d rows while Kafka was down: the memory bound did not hold the reader back", st.RowsRead)
	}
	if st.LastWarning == nil || !strings.Contains(st.LastWarning.Message, "Kafka has not acknowledged") {
		t.Errorf("warning = %+v", st.LastWarning)
	}
	broker = startBroker()
	defer broker.Close()
	st = s.waitCaughtUp(t, e)
	waitState(t, e, engine.StateNormal, 30*time.Second)

	got := s.consume(t, "tidb_shop_item")
	ids := map[string]bool{}
	for _, line := range got {
		ids[strings.Fields(line)[2]] = true
	}
	for i := 100; i < 150; i++ {
		if !ids[fmt.Sprint(i)] {
			t.Errorf("row %d written during the outage is missing", i)
		}
	}
	for _, id := range []string{"1", "2", "3"} {
		if !ids[id] {
			t.Errorf("snapshot row %s lost after the broker restart", id)
		}
	}
}

// memoryLimit is the engine's in-flight bound in the outage test; one
// batch may exceed it (the reader never deadlocks on a single large batch).
const (
	memoryLimit    = 256 << 10
	batchAllowance = 512 << 10
)

func waitState(t *testing.T, e *engine.Engine, want engine.State, within time.Duration) engine.Status {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		st, err := e.Get("default", "orders-feed")
		if err != nil {
			t.Fatal(err)
		}
		if st.State == want {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("state %s after %s, want %s (error %+v)", st.State, within, want, st.LastError)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
