//go:build integration

package engine_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/testenv"
	"github.com/cdcctl/cdcctl/pkg/verify"
)

const allTypes = `CREATE TABLE shop.types (
  id BIGINT UNSIGNED PRIMARY KEY, ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, mi MEDIUMINT UNSIGNED,
  i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, f FLOAT, d DOUBLE, dec1 DECIMAL(20,6), dec0 DECIMAL(10,0),
  b1 BIT(1), b12 BIT(12), y YEAR, dt DATE, dtm DATETIME, dtm3 DATETIME(3), ts TIMESTAMP NULL, ts6 TIMESTAMP(6) NULL,
  tm TIME, tm2 TIME(2), c CHAR(5), vc VARCHAR(40), tt TINYTEXT, t TEXT, mt MEDIUMTEXT, lt LONGTEXT,
  bn BINARY(4), vb VARBINARY(10), tb TINYBLOB, bl BLOB, mb MEDIUMBLOB, lb LONGBLOB,
  e ENUM('red','green','blue'), s SET('a','b','c'), j JSON, n INT NULL, nn VARCHAR(10) NOT NULL DEFAULT 'x')`

// TestEngineEveryTypeMatchesUpstream copies and streams a table with every
// MySQL type (extremes, NULLs, empty values) and compares what Kafka holds
// with SELECT from the upstream, column by column.
func TestEngineEveryTypeMatchesUpstream(t *testing.T) {
	s := newStack(t)
	testenv.Exec(t, s.db, allTypes,
		`INSERT INTO shop.types VALUES (1, -128, 255, -32768, 16777215, -2147483648, 4294967295, -9223372036854775808,
		 18446744073709551615, -3.40282e38, 1.7976931348623157e308, -99999999999999.999999, 9999999999, b'1', b'101010101010',
		 2155, '9999-12-31', '1000-01-01 00:00:00', '2024-02-29 23:59:59.999', '1970-01-01 00:00:01', '2038-01-19 03:14:07.999999',
		 '-838:59:59', '838:59:59.99', 'abc', 'héllo wörld ✓', '', 'text', 'medium', 'long',
		 x'0102', x'', x'ff', x'00', x'deadbeef', x'01', 'blue', 'a,c', '{"b": [1, 2.5, null], "a": {"x": true}}', NULL, 'y')`,
		`INSERT INTO shop.types (id, nn) VALUES (2, 'min')`)
	e, store := s.open(t)
	defer store.Close()
	defer e.Close(context.Background())
	if _, err := e.Create(context.Background(), s.definition()); err != nil {
		t.Fatal(err)
	}
	s.waitCaughtUp(t, e)
	testenv.Exec(t, s.db,
		`INSERT INTO shop.types (id, f, d, dec1, s, e, j, ts6, b12, biu) VALUES (3, 0.5, -0.0, 0.000001, '', 'red', '[]', '2000-06-15 12:00:00.5', b'0', 9223372036854775808)`,
		`UPDATE shop.types SET vc = 'changed', dtm3 = '2001-01-01 00:00:00.001', n = 7 WHERE id = 1`,
		`UPDATE shop.types SET id = 4 WHERE id = 2`)
	s.waitCaughtUp(t, e)
	checkKafka(t, s, "shop.types", "shop.item")
}

// TestEngineSnapshotWithConcurrentWrites copies 20,000 rows while another
// connection inserts, updates, deletes and re-keys rows: streaming from the
// snapshot's position must leave Kafka equal to the upstream.
func TestEngineSnapshotWithConcurrentWrites(t *testing.T) {
	s := newStack(t)
	testenv.Exec(t, s.db, "CREATE TABLE shop.big (id INT PRIMARY KEY, v INT NOT NULL, note VARCHAR(30))")
	for i := 0; i < 20; i++ {
		q := "INSERT INTO shop.big VALUES "
		for j := 0; j < 1000; j++ {
			if j > 0 {
				q += ","
			}
			id := i*1000 + j
			q += fmt.Sprintf("(%d, %d, 'row %d')", id, id, id)
		}
		testenv.Exec(t, s.db, q)
	}
	e, store := s.open(t)
	defer store.Close()
	defer e.Close(context.Background())
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the concurrent writer, stopped below
		defer wg.Done()
		r := rand.New(rand.NewPCG(1, 2))
		next := 100000
		for ctx.Err() == nil {
			id := r.IntN(20000)
			var q string
			switch r.IntN(4) {
			case 0:
				q = fmt.Sprintf("INSERT INTO shop.big VALUES (%d, 1, 'new')", next)
				next++
			case 1:
				q = fmt.Sprintf("UPDATE shop.big SET v = v + 1, note = 'upd' WHERE id = %d", id)
			case 2:
				q = fmt.Sprintf("DELETE FROM shop.big WHERE id = %d", id)
			case 3:
				q = fmt.Sprintf("UPDATE shop.big SET id = %d WHERE id = %d", next, id)
				next++
			}
			if _, err := s.db.ExecContext(ctx, q); err != nil && ctx.Err() == nil {
				t.Errorf("%s: %v", q, err)
				return
			}
		}
	}()
	if _, err := e.Create(context.Background(), s.definition()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	stop()
	wg.Wait()
	s.waitCaughtUp(t, e)
	checkKafka(t, s, "shop.big")
}

func checkKafka(t *testing.T, s *stack, tables ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rep, err := verify.Check(ctx, verify.Config{Brokers: []string{s.brokers}, RegistryURL: s.registry,
		TopicRule: "tidb_{schema}_{table}", DB: s.db, Tables: verify.Tables(tables...)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Mismatches() != 0 || rep.OrderViolations != 0 || rep.Problems != 0 || rep.RowsCompared == 0 {
		for _, f := range rep.Findings {
			t.Log(f)
		}
		t.Fatalf("kafka differs from upstream: %d rows compared, %d missing, %d extra, %d differing, %d order violations, %d problems",
			rep.RowsCompared, rep.Missing, rep.Extra, rep.Differing, rep.OrderViolations, rep.Problems)
	}
	t.Logf("verified %d rows in %d messages (%d duplicates)", rep.RowsCompared, rep.Messages, rep.Duplicates)
}
