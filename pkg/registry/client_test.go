package registry

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func fastBackoff() Option {
	return WithBackoff(Backoff{Initial: time.Millisecond, Max: 5 * time.Millisecond, Multiplier: 2})
}

func TestNewURL(t *testing.T) {
	tests := []struct {
		name, url, wantBase, wantUser, wantPass, wantErr string
	}{
		{"plain with trailing slash", "http://localhost:8081/", "http://localhost:8081", "", "", ""},
		{"userinfo is url-decoded", "https://key%3A1:p%40ss%2Fw0rd@psrc.example.com", "https://psrc.example.com", "key:1", "p@ss/w0rd", ""},
		{"path kept", "https://host/sr/", "https://host/sr", "", "", ""},
		{"bad scheme", "ftp://host", "", "", "", "scheme must be http or https"},
		{"no host", "http://", "", "", "", "no host"},
		{"password redacted in errors", "ftp://u:secret@host", "", "", "", "u:xxxxx@host"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.url)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "secret") {
					t.Errorf("error leaks the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.URL() != tt.wantBase || c.user != tt.wantUser || c.pass != tt.wantPass {
				t.Errorf("base %q user %q pass %q", c.URL(), c.user, c.pass)
			}
		})
	}
}

func TestProbe(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		wantErr string
	}{
		{"confluent answers {}", 200, "{}", ""},
		{"anything else fails", 200, `{"a":1}`, "unexpected response from Schema Registry"},
		{"404 page fails", 404, "not found", "HTTP 404"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method != http.MethodGet || r.URL.Path != "/" {
					t.Errorf("probe %s %s", r.Method, r.URL.Path)
				}
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			}))
			defer srv.Close()
			c, err := New(srv.URL + "/")
			if err != nil {
				t.Fatal(err)
			}
			err = c.Probe(context.Background())
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Probe() = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestRegisterRequest(t *testing.T) {
	var got *http.Request
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		_, _ = io.WriteString(w, `{"id":42}`)
	}))
	defer srv.Close()
	c, err := New(strings.Replace(srv.URL, "http://", "http://us%40er:p%3Ass@", 1))
	if err != nil {
		t.Fatal(err)
	}
	schema := `{"type":"record","name":"t","fields":[{"name":"a","type":"string","default":"<x>"}]}`
	id, err := c.Register(context.Background(), "tidb_a_b-value", schema)
	if err != nil || id != 42 {
		t.Fatalf("Register = %d, %v", id, err)
	}
	if got.Method != http.MethodPost || got.URL.EscapedPath() != "/subjects/tidb_a_b-value/versions" {
		t.Errorf("request %s %s", got.Method, got.URL.EscapedPath())
	}
	if h := got.Header.Get("Content-Type"); h != "application/vnd.schemaregistry.v1+json" {
		t.Errorf("Content-Type %q", h)
	}
	if h := got.Header.Get("Accept"); h != "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json" {
		t.Errorf("Accept %q", h)
	}
	if u, p, ok := got.BasicAuth(); !ok || u != "us@er" || p != "p:ss" {
		t.Errorf("basic auth %q %q %v", u, p, ok)
	}
	want := `{"schema":"{\"type\":\"record\",\"name\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\",\"default\":\"\u003cx\u003e\"}]}"}`
	if body != want {
		t.Errorf("body\n got %s\nwant %s", body, want)
	}
}

func TestRegisterRetries(t *testing.T) {
	tests := []struct {
		name      string
		responses []int // statuses in order; the last repeats
		wantCalls int32
		wantID    int
		wantErr   string
	}{
		{"5xx then success", []int{500, 503, 200}, 3, 7, ""},
		{"409 is not retried", []int{409}, 1, 0, `refused the schema for subject "s": HTTP 409 (error_code 409): Schema being registered is incompatible`},
		{"422 is not retried", []int{422}, 1, 0, "HTTP 422"},
		{"200 with id 0 is refused", []int{-200}, 1, 0, "illegal schema id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n := int(calls.Add(1)) - 1
				status := tt.responses[min(n, len(tt.responses)-1)]
				switch {
				case status == -200:
					_, _ = io.WriteString(w, `{"id":0}`)
				case status == 200:
					_, _ = io.WriteString(w, `{"id":7}`)
				default:
					w.WriteHeader(status)
					_, _ = io.WriteString(w, `{"error_code":`+strconv.Itoa(status)+`,"message":"Schema being registered is incompatible with an earlier schema"}`)
				}
			}))
			defer srv.Close()
			c, err := New(srv.URL, fastBackoff())
			if err != nil {
				t.Fatal(err)
			}
			id, err := c.Register(context.Background(), "s", "{}")
			if calls.Load() != tt.wantCalls {
				t.Errorf("calls = %d, want %d", calls.Load(), tt.wantCalls)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				var re *Error
				if !errors.As(err, &re) {
					t.Errorf("error is not *registry.Error: %T", err)
				}
				return
			}
			if err != nil || id != tt.wantID {
				t.Fatalf("Register = %d, %v", id, err)
			}
		})
	}
}

func TestRegisterRetryBoundedByContext(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c, err := New(srv.URL, fastBackoff())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = c.Register(ctx, "s", "{}")
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "HTTP 503") {
		t.Fatalf("error = %v, want deadline exceeded naming the last HTTP 503", err)
	}
	if calls.Load() < 2 {
		t.Errorf("only %d attempts before the deadline", calls.Load())
	}
}

func TestRegisterRetriesNetworkErrors(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			// Drop the connection without an answer.
			hj, _ := w.(http.Hijacker)
			conn, _, _ := hj.Hijack()
			_ = conn.Close()
			return
		}
		_, _ = io.WriteString(w, `{"id":5}`)
	}))
	defer srv.Close()
	c, err := New(srv.URL, fastBackoff())
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.Register(context.Background(), "s", "{}")
	if err != nil || id != 5 || calls.Load() != 2 {
		t.Fatalf("Register = %d, %v after %d calls", id, err, calls.Load())
	}
}

type countingRegistrar struct {
	calls int
	next  int
}

func (c *countingRegistrar) Register(_ context.Context, _, _ string) (int, error) {
	c.calls++
	c.next++
	return c.next, nil
}

func TestCache(t *testing.T) {
	reg := &countingRegistrar{}
	c := NewCache(reg)
	ctx := context.Background()
	steps := []struct {
		name, subject, table string
		version              uint64
		schema               string
		wantID, wantCalls    int
	}{
		{"first registration", "t-value", "db.a", 1, "s1", 1, 1},
		{"hit", "t-value", "db.a", 1, "s1", 1, 1},
		{"other table on the same subject", "t-value", "db.b", 1, "s2", 2, 2},
		{"first table still cached", "t-value", "db.a", 1, "s1", 1, 2},
		{"new table version", "t-value", "db.a", 2, "s3", 3, 3},
		{"schema text changed under the same version", "t-value", "db.a", 2, "s4", 4, 4},
	}
	for _, s := range steps {
		id, err := c.Register(ctx, s.subject, s.table, s.version, s.schema)
		if err != nil || id != s.wantID || reg.calls != s.wantCalls {
			t.Errorf("%s: id %d err %v calls %d; want id %d calls %d", s.name, id, err, reg.calls, s.wantID, s.wantCalls)
		}
	}
}

func TestSubjects(t *testing.T) {
	if got := KeySubject("a.b.c"); got != "a_b_c-key" {
		t.Errorf("KeySubject = %q", got)
	}
	if got := ValueSubject("tidb_test_t"); got != "tidb_test_t-value" {
		t.Errorf("ValueSubject = %q", got)
	}
}
