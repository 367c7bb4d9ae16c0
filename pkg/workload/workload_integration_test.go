//go:build integration

package workload

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

func sandbox(t *testing.T) (*mariadb.Server, *sql.DB) {
	t.Helper()
	srv := testenv.MariaDB(t)
	return srv, testenv.OpenDB(t, srv.DSN(""))
}

func newWorkload(t *testing.T, cfg Config) *Workload {
	t.Helper()
	w, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := w.Setup(ctx); err != nil {
		t.Fatal(err)
	}
	return w
}

// dump renders a table's rows in key order.
func dump(t *testing.T, db *sql.DB, w *Workload, ts *tableState) string {
	t.Helper()
	order := make([]string, len(ts.shape.keyCols))
	for i, c := range ts.shape.keyCols {
		order[i] = quote(c)
	}
	rows, err := db.Query("SELECT * FROM " + w.qualified(ts.name) + " ORDER BY " + strings.Join(order, ", "))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var sb strings.Builder
	vals := make([]sql.RawBytes, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if v == nil {
				sb.WriteString("NULL|")
			} else {
				fmt.Fprintf(&sb, "%q|", v)
			}
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

// checkModel compares each worker's keys with the rows in the database.
func checkModel(t *testing.T, w *Workload) {
	t.Helper()
	for _, ts := range w.tables {
		for id := range ts.live {
			wk := &worker{w: w, id: id}
			want := append([]int64(nil), ts.live[id].keys...)
			slices.Sort(want)
			if err := wk.readKeys(context.Background(), ts); err != nil {
				t.Fatal(err)
			}
			if got := ts.live[id].keys; !slices.Equal(got, want) {
				t.Errorf("table %s worker %d: database has %d keys, the worker believed %d", ts.name, id, len(got), len(want))
			}
		}
	}
}

func TestRunMixesAllChanges(t *testing.T) {
	_, db := sandbox(t)
	w := newWorkload(t, Config{DB: db, Database: "mix", Workers: 2, Seed: 1, TxnsPerWorker: 150, KeySpace: 50})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	st, err := w.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Txns != 300 || st.Inserts == 0 || st.Updates == 0 || st.KeyUpdates == 0 || st.Deletes == 0 || st.Errors != 0 {
		t.Errorf("stats = %+v", st)
	}
	checkModel(t, w)
	for _, ts := range w.tables {
		if dump(t, db, w, ts) == "" {
			t.Errorf("table %s is empty", ts.name)
		}
	}
}

func TestSameSeedSameContents(t *testing.T) {
	_, db := sandbox(t)
	run := func(database string, seed int64) *Workload {
		w := newWorkload(t, Config{DB: db, Database: database, Workers: 2, Seed: seed, TxnsPerWorker: 80, KeySpace: 40})
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		if _, err := w.Run(ctx); err != nil {
			t.Fatal(err)
		}
		return w
	}
	a, b, c := run("seed_a", 7), run("seed_b", 7), run("seed_c", 8)
	for i := range a.tables {
		da, db2, dc := dump(t, db, a, a.tables[i]), dump(t, db, b, b.tables[i]), dump(t, db, c, c.tables[i])
		if da != db2 {
			t.Errorf("table %s differs between two runs with seed 7", a.tables[i].name)
		}
		if da == dc {
			t.Errorf("table %s is the same with seeds 7 and 8", a.tables[i].name)
		}
	}
}

func TestRateAndStop(t *testing.T) {
	_, db := sandbox(t)
	w := newWorkload(t, Config{DB: db, Database: "rate", Workers: 2, Seed: 3, Rate: 50})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	st, err := w.Run(ctx)
	if err != nil {
		t.Fatalf("Run at the end of its context: %v", err)
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("Run took %s after a 2s context", el)
	}
	if st.Txns < 60 || st.Txns > 110 {
		t.Errorf("%d transactions in 2s at 50/s", st.Txns)
	}
}

func TestDDLWhileRunning(t *testing.T) {
	_, db := sandbox(t)
	w := newWorkload(t, Config{DB: db, Database: "ddl", Workers: 2, Seed: 5, Rate: 200, KeySpace: 100})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := w.Run(ctx); done <- err }()
	time.Sleep(300 * time.Millisecond)
	var stmts []string
	for range DDLCycle() {
		stmt, err := w.NextDDL(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, stmt)
		time.Sleep(200 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"ADD COLUMN", "MODIFY COLUMN", "RENAME TABLE", "DROP COLUMN", "TRUNCATE TABLE"} {
		if !strings.Contains(stmts[i], want) {
			t.Errorf("step %d: %s, want %s", i, stmts[i], want)
		}
	}
	st := w.Stats()
	if st.DDLs != 5 || st.Errors != 0 {
		t.Errorf("stats = %+v", st)
	}
	checkModel(t, w)
	var renamed, truncated int
	for _, vt := range w.Tables() {
		if len(vt.Previous) == 1 && strings.Contains(vt.Name, "_r") {
			renamed++
		}
		if !vt.TruncatedAt.IsZero() {
			truncated++
			if vt.TruncatedAt.Nanosecond() != 0 || time.Since(vt.TruncatedAt) > time.Minute {
				t.Errorf("truncated at %v", vt.TruncatedAt)
			}
		}
	}
	if renamed != 1 || truncated != 1 {
		t.Errorf("tables = %+v", w.Tables())
	}
}

func TestSurvivesServerRestart(t *testing.T) {
	srv, db := sandbox(t)
	w := newWorkload(t, Config{DB: db, Database: "restart", Workers: 2, Seed: 9, Rate: 100})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := w.Run(ctx); done <- err }()
	time.Sleep(500 * time.Millisecond)
	if err := srv.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	if err := srv.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := w.Stats().Txns
	deadline := time.Now().Add(30 * time.Second)
	for w.Stats().Txns < before+20 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	st := w.Stats()
	if st.Txns < before+20 || st.Errors == 0 || st.Resyncs == 0 {
		t.Errorf("stats = %+v (before restart %d txns)", st, before)
	}
	checkModel(t, w)
}
