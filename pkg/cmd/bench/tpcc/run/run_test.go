package run

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/pingcap/go-tpc/pkg/measurement"
	"github.com/pingcap/go-tpc/pkg/workload"

	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

// noConnector is a driver connector that is never asked to connect:
// go-tpc's NewWorkloader only keeps the pool.
type noConnector struct{}

func (noConnector) Connect(context.Context) (driver.Conn, error) {
	return nil, errors.New("no database in this test")
}
func (noConnector) Driver() driver.Driver { return nil }

// TestMeasurementOf checks that the go-tpc in go.mod still keeps its
// response-time measurement where measurementOf reads it, and that it is
// the one its transactions are recorded in.
func TestMeasurementOf(t *testing.T) {
	db := sql.OpenDB(noConnector{})
	defer db.Close()
	w, err := shared.NewWorkload(db, (&Options{Threads: 1}).config(1))
	if err != nil {
		t.Fatal(err)
	}
	m, err := measurementOf(w)
	if err != nil {
		t.Fatal(err)
	}
	if m.MaxLatency != measurement.DefaultMaxLatency {
		t.Errorf("MaxLatency = %s, want the configured %s", m.MaxLatency, measurement.DefaultMaxLatency)
	}
	if _, err := measurementOf(&struct{ workload.Workloader }{}); err == nil || !strings.Contains(err.Error(), "no rtMeasurement") {
		t.Errorf("err = %v for a workload without the field", err)
	}
}

func TestTakeAndRates(t *testing.T) {
	m := measurement.NewMeasurement()
	for i := range 60 {
		m.Measure("new_order", time.Duration(2+i%3)*time.Millisecond, nil)
	}
	for range 30 {
		m.Measure("payment", 5*time.Millisecond, nil)
	}
	m.Measure("payment", 20*time.Millisecond, errors.New("Error 1213 (40001): Deadlock found"))
	m.Measure("delivery", 40*time.Millisecond, nil)
	s := take(m, true)
	var names []string
	for _, ty := range s.types {
		names = append(names, ty.Type)
	}
	if strings.Join(names, ",") != "new_order,payment,delivery" {
		t.Fatalf("types = %v, want go-tpc's order", names)
	}
	no, pay, del := s.of("new_order"), s.of("payment"), s.of("delivery")
	if no.Count != 60 || no.Errors != 0 || pay.Count != 30 || pay.Errors != 1 || del.Count != 1 {
		t.Errorf("counts: %+v %+v %+v", no, pay, del)
	}
	if no.P50Ms < 2 || no.P50Ms > 4 || del.MaxMs < 39 || del.MaxMs > 42 || pay.P99Ms < 4.5 || pay.P99Ms > 5.5 {
		t.Errorf("latencies: %+v %+v %+v", no, pay, del)
	}
	if s.total.Count != 91 || s.total.Errors != 1 || s.total.MaxMs < 39 || s.total.P50Ms < 2 || s.total.P50Ms > 5.5 {
		t.Errorf("total: %+v", s.total)
	}
	tpmC, tpmTotal, eff := s.rates(30*time.Second, 2)
	if tpmC != 120 || tpmTotal != 182 || eff != 466.6 {
		t.Errorf("rates = %v, %v, %v; want 120, 182, 466.6", tpmC, tpmTotal, eff)
	}
	if live := take(m, false); live.total.Count != 91 || live.total.P50Ms != 0 {
		t.Errorf("live snapshot merges histograms: %+v", live.total)
	}
}

func TestViewFormats(t *testing.T) {
	m := measurement.NewMeasurement()
	m.Measure("new_order", 3*time.Millisecond, nil)
	m.Measure("payment", 2*time.Millisecond, errors.New("x"))
	o := &Options{Target: shared.Target{Addr: "h:3306", User: "root", Password: "s3cret", DB: "tpcc"}, Threads: 4}
	v := newView(o, 1, take(m, true), time.Minute, true)
	tests := []struct {
		format output.Format
		want   []string
	}{
		{output.Table, []string{
			"tpmC: 1.0, efficiency: 7.8%, tpmTotal: 1.0, 1 transactions, 1 errors in 60.0s on 1 warehouse(s), 4 thread(s) (interrupted)\n",
			"TYPE       COUNT  ERRORS  AVG(ms)  P50(ms)  P95(ms)  P99(ms)  MAX(ms)\n",
			// go-tpc's histograms keep one significant digit: 3 ms reads 3.1.
			"new_order  1      0       2.9      3.1      3.1      3.1      3.1\n",
			"payment    0      1       0.0      0.0      0.0      0.0      0.0\n",
			"total      1      1       2.9      3.1      3.1      3.1      3.1\n"}},
		{output.YAML, []string{"tpmC: 1\n", "interrupted: true\n", "  - type: payment\n    count: 0\n    errors: 1\n"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			if err := output.Print(ios, tt.format, v); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			if strings.Contains(out.String(), "s3cret") {
				t.Error("password printed")
			}
		})
	}
	ios, _, out, _ := iostreams.Test()
	if err := output.Print(ios, output.JSON, v); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"tpmC", "tpmTotal", "efficiency_percent", "transactions", "errors", "per_type", "total", "elapsed_seconds", "target"} {
		if _, ok := got[k]; !ok {
			t.Errorf("json lacks %q: %s", k, out.String())
		}
	}
}

func TestRetryable(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{&mysql.MySQLError{Number: 1213, Message: "Deadlock found"}, true},
		{fmt.Errorf("tx: %w", &mysql.MySQLError{Number: 1205}), true},
		{errors.New("exec UPDATE stock SET … failed Error 1213 (40001): Deadlock found when trying to get lock"), true},
		{&mysql.MySQLError{Number: 1146, Message: "Table 'tpcc.item' doesn't exist"}, false},
		{errors.New("item 5 not found"), false},
	}
	for _, tt := range tests {
		if got := retryable(tt.err); got != tt.want {
			t.Errorf("retryable(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// runWorkload is a go-tpc workload whose Run a test scripts.
type runWorkload struct {
	workload.Workloader
	run   func(ctx context.Context, n int64) error
	calls atomic.Int64
}

func (w *runWorkload) InitThread(ctx context.Context, _ int) context.Context { return ctx }
func (w *runWorkload) CleanupThread(context.Context, int)                    {}
func (w *runWorkload) Run(ctx context.Context, _ int) error                  { return w.run(ctx, w.calls.Add(1)) }

func TestWorker(t *testing.T) {
	deadlock := &mysql.MySQLError{Number: 1213, Message: "Deadlock found"}
	tests := []struct {
		name      string
		opts      Options
		run       func(ctx context.Context, n int64) error
		wantCalls func(n int64) bool
		wantErr   string
	}{
		{"count bounds the transactions of all threads", Options{Count: 25}, func(context.Context, int64) error { return nil },
			func(n int64) bool { return n == 25 }, ""},
		{"time bounds the run", Options{Time: 50 * time.Millisecond}, func(context.Context, int64) error { time.Sleep(time.Millisecond); return nil },
			func(n int64) bool { return n > 3 }, ""},
		{"deadlocks go on", Options{Count: 10}, func(context.Context, int64) error { return deadlock },
			func(n int64) bool { return n == 10 }, ""},
		{"other errors stop the run", Options{Count: 100}, func(ctx context.Context, n int64) error {
			switch {
			case n == 5:
				return errors.New("Error 1146: table missing")
			case n > 5: // the other threads' transactions end when the error cancels them
				<-ctx.Done()
				return ctx.Err()
			}
			return nil
		}, func(n int64) bool { return n >= 5 && n <= 7 }, "Error 1146: table missing"},
		{"--ignore-error goes on", Options{Count: 10, IgnoreError: true}, func(context.Context, int64) error { return errors.New("boom") },
			func(n int64) bool { return n == 10 }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.opts
			o.Threads, o.Logger = 3, slog.New(slog.NewTextHandler(io.Discard, nil))
			w := &runWorkload{run: tt.run}
			err := shared.EachThread(context.Background(), w, o.Threads, time.Second, o.worker(context.Background(), w, time.Now()))
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if !tt.wantCalls(w.calls.Load()) {
				t.Errorf("Run called %d times", w.calls.Load())
			}
		})
	}
}

func TestWorkerStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	o := Options{Threads: 2, Logger: slog.New(slog.DiscardHandler)}
	w := &runWorkload{run: func(_ context.Context, n int64) error {
		if n == 20 {
			cancel()
		}
		return nil
	}}
	// The threads run on their own context: Ctrl-C stops them between
	// transactions, and EachThread returns without an error of its own.
	if err := shared.EachThread(context.Background(), w, o.Threads, time.Second, o.worker(ctx, w, time.Now())); err != nil {
		t.Fatal(err)
	}
	if n := w.calls.Load(); n < 20 || n > 22 {
		t.Errorf("Run called %d times after a cancel at the 20th", n)
	}
}

func TestNewCmdRunFlags(t *testing.T) {
	tests := []struct {
		args    []string
		check   func(o *Options) bool
		wantErr string
	}{
		{nil, func(o *Options) bool {
			return o.Warehouses == 0 && o.Threads == 1 && o.Time == 0 && o.Count == 0 && o.Target.Addr == "127.0.0.1:3306"
		}, ""},
		{[]string{"--warehouses", "4", "-T", "8", "--time", "300s", "--count", "1000", "--ignore-error", "-P", "4000"}, func(o *Options) bool {
			return o.Warehouses == 4 && o.Threads == 8 && o.Time == 300*time.Second && o.Count == 1000 && o.IgnoreError && o.Target.Addr == "127.0.0.1:4000"
		}, ""},
		{[]string{"--count", "-1"}, nil, "--count: want 0 (no limit) or more, got -1"},
		{[]string{"--time", "-1s"}, nil, "--time: want a positive duration, got -1s"},
		{[]string{"--threads", "0"}, nil, "--threads: want at least 1, got 0"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Setenv("XDG_CONFIG_HOME", t.TempDir())
			t.Setenv("CDCCTL_UPSTREAM", "")
			ios, _, _, _ := iostreams.Test()
			f := factory.New(ios)
			var got *Options
			cmd := NewCmdRun(f, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			f.SetConfigSource(cmd.Flags(), "")
			cmd.SilenceErrors, cmd.SilenceUsage = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !tt.check(got) {
				t.Fatalf("err = %v, options = %+v", err, got)
			}
		})
	}
}
