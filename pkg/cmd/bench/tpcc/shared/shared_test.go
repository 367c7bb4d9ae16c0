package shared

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

func TestResolve(t *testing.T) {
	env := map[string]string{EnvMySQLPassword: "fromenv"}
	getenv := func(k string) string { return env[k] }
	tests := []struct {
		name     string
		args     []string
		upstream string
		getenv   func(string) string
		want     Target
		wantErr  string
	}{
		{"defaults", nil, "", nil, Target{Addr: "127.0.0.1:3306", User: "root", DB: "tpcc"}, ""},
		{"go-tpc flags", []string{"-H", "db.example", "-P", "4000", "-U", "bench", "-p", "s3cret", "-D", "t1"}, "", getenv,
			Target{Addr: "db.example:4000", User: "bench", Password: "s3cret", DB: "t1"}, ""},
		{"password from the environment", nil, "", getenv, Target{Addr: "127.0.0.1:3306", User: "root", Password: "fromenv", DB: "tpcc"}, ""},
		{"upstream fills everything", nil, "mysql://cdc:pw@10.0.0.5:3307", getenv,
			Target{Addr: "10.0.0.5:3307", User: "cdc", Password: "pw", DB: "tpcc"}, ""},
		{"flags win over the upstream", []string{"-P", "4000", "-U", "other"}, "mysql://cdc:pw@10.0.0.5:3307", getenv,
			Target{Addr: "10.0.0.5:4000", User: "other", Password: "pw", DB: "tpcc"}, ""},
		{"upstream without password falls back to the environment", nil, "mysql://cdc@h:1", getenv,
			Target{Addr: "h:1", User: "cdc", Password: "fromenv", DB: "tpcc"}, ""},
		{"explicit empty password stays empty", []string{"-p", ""}, "", getenv, Target{Addr: "127.0.0.1:3306", User: "root", DB: "tpcc"}, ""},
		{"upstream tls", nil, "mysql://cdc@h:1?tls=skip-verify", nil, Target{Addr: "h:1", User: "cdc", DB: "tpcc", TLS: "skip-verify"}, ""},
		{"IPv6 host", []string{"-H", "::1"}, "", nil, Target{Addr: "[::1]:3306", User: "root", DB: "tpcc"}, ""},
		{"bad port", []string{"-P", "0"}, "", nil, Target{}, "--port: want 1-65535, got 0"},
		{"empty db", []string{"-D", ""}, "", nil, Target{}, "--db must not be empty"},
		{"bad upstream hides the password", nil, "mysql://u:s3cret@h:1?x=1", nil, Target{}, `unknown parameter "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o ConnOptions
			fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
			o.AddFlags(fs)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			got, err := o.Resolve(fs, tt.upstream, tt.getenv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "s3cret") {
					t.Fatalf("err = %v, want %q without the password", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if strings.Contains(got.String(), "s3cret") || strings.Contains(fmt.Sprint(got.String()), "pw@") {
				t.Errorf("String shows the password: %s", got)
			}
		})
	}
}

func TestTargetString(t *testing.T) {
	tg := Target{Addr: "h:3306", User: "root", Password: "s3cret", DB: "tpcc"}
	if got := tg.String(); got != "mysql://root@h:3306/tpcc" {
		t.Errorf("String = %q", got)
	}
}

func TestTablesRows(t *testing.T) {
	var total int64
	for _, tb := range Tables() {
		total += tb.Rows(2)
	}
	// 100,000 items + 2 × (1 + 100,000 + 10 + 3 × 30,000 + 9,000 + 300,000).
	if want := int64(100000 + 2*(1+100000+10+90000+9000+300000)); total != want {
		t.Errorf("rows for 2 warehouses = %d, want %d", total, want)
	}
}

func TestCaptureStdout(t *testing.T) {
	saved := os.Stdout
	var mu sync.Mutex
	var lines []string
	err := CaptureStdout(func(l string) { mu.Lock(); lines = append(lines, l); mu.Unlock() }, func() error {
		fmt.Printf("load to item\n")
		fmt.Printf("load to stock in warehouse %d\n\n", 1)
		fmt.Print("no newline at the end")
		return errors.New("boom")
	})
	if err == nil || err.Error() != "boom" {
		t.Fatalf("err = %v, want fn's error", err)
	}
	if os.Stdout != saved {
		t.Fatal("os.Stdout not restored")
	}
	want := []string{"load to item", "load to stock in warehouse 1", "no newline at the end"}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("lines = %q, want %q", lines, want)
	}
}

// fakeWorkload is a go-tpc workload whose threads run what a test says.
type fakeWorkload struct {
	inits, cleanups atomic.Int32
}

type threadKey struct{}

func (f *fakeWorkload) Name() string { return "fake" }
func (f *fakeWorkload) InitThread(ctx context.Context, id int) context.Context {
	f.inits.Add(1)
	return context.WithValue(ctx, threadKey{}, id)
}
func (f *fakeWorkload) CleanupThread(context.Context, int)      { f.cleanups.Add(1) }
func (f *fakeWorkload) Prepare(context.Context, int) error      { return nil }
func (f *fakeWorkload) CheckPrepare(context.Context, int) error { return nil }
func (f *fakeWorkload) Run(context.Context, int) error          { return nil }
func (f *fakeWorkload) Cleanup(context.Context, int) error      { return nil }
func (f *fakeWorkload) Check(context.Context, int) error        { return nil }
func (f *fakeWorkload) OutputStats(bool)                        {}
func (f *fakeWorkload) DBName() string                          { return "fake" }

func TestEachThread(t *testing.T) {
	tests := []struct {
		name    string
		fn      func(ctx context.Context, thread int) error
		wantErr string
		maxTime time.Duration
	}{
		{"all succeed", func(ctx context.Context, thread int) error {
			if ctx.Value(threadKey{}) != thread {
				return fmt.Errorf("thread %d got the context of %v", thread, ctx.Value(threadKey{}))
			}
			return nil
		}, "", time.Second},
		{"a panic becomes an error", func(_ context.Context, thread int) error {
			if thread == 1 {
				panic("prepare statement: syntax error")
			}
			return nil
		}, "go-tpc thread 1: prepare statement: syntax error", time.Second},
		{"the first error cancels the others", func(ctx context.Context, thread int) error {
			if thread == 0 {
				return errors.New("create table: denied")
			}
			<-ctx.Done()
			return ctx.Err()
		}, "create table: denied", time.Second},
		{"threads that never return are left after the grace period", func(ctx context.Context, thread int) error {
			if thread == 0 {
				return errors.New("create table: denied")
			}
			select {} // go-tpc's loader threads waiting for thread 0
		}, "create table: denied (2 go-tpc threads did not stop within 100ms)", time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &fakeWorkload{}
			start := time.Now()
			err := EachThread(context.Background(), w, 3, 100*time.Millisecond, tt.fn)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if d := time.Since(start); d > tt.maxTime {
				t.Errorf("took %s", d)
			}
			if w.inits.Load() != 3 {
				t.Errorf("InitThread called %d times, want 3", w.inits.Load())
			}
		})
	}
}

func TestEachThreadCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	w := &fakeWorkload{}
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	err := EachThread(ctx, w, 2, time.Second, func(ctx context.Context, _ int) error {
		<-ctx.Done()
		return nil // go-tpc's threads return nil on cancel
	})
	if !errors.Is(err, context.Canceled) || !IsCancel(err) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if w.cleanups.Load() != 2 {
		t.Errorf("CleanupThread called %d times, want 2", w.cleanups.Load())
	}
}
