package connect_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cdcctl/cdcctl/pkg/connect"
)

func config() map[string]string {
	return map[string]string{
		"connector.class": "SnowflakeSink", "topics": "tidb_tpcc_item",
		"kafka.api.secret": "kafka-secret-value", "snowflake.private.key": "MIIEvprivatekeybody",
	}
}

// clients returns a client of each API against its fake.
func clients(t *testing.T) map[string]struct {
	c    connect.Client
	fake *fakeConnect
} {
	out := map[string]struct {
		c    connect.Client
		fake *fakeConnect
	}{}
	f, srv := newFake(t, false)
	kc, err := connect.NewKafkaConnect(strings.Replace(srv.URL, "http://", "http://u:p4ssw0rd@", 1), "", "", srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	out["kafka connect"] = struct {
		c    connect.Client
		fake *fakeConnect
	}{kc, f}
	f2, srv2 := newFake(t, true)
	cc, err := connect.NewCloud(srv2.URL, "env-1", "lkc-1", "u", "p4ssw0rd", srv2.Client())
	if err != nil {
		t.Fatal(err)
	}
	out["confluent cloud"] = struct {
		c    connect.Client
		fake *fakeConnect
	}{cc, f2}
	return out
}

func TestApplyCreatesThenUpdates(t *testing.T) {
	for name, tc := range clients(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			created, err := tc.c.Apply(ctx, "tidb-sink", config())
			if err != nil || !created {
				t.Fatalf("first apply: created=%v err=%v", created, err)
			}
			cfg := config()
			cfg["topics"] = "tidb_tpcc_item,tidb_tpcc_stock"
			created, err = tc.c.Apply(ctx, "tidb-sink", cfg)
			if err != nil || created {
				t.Fatalf("second apply: created=%v err=%v", created, err)
			}
			if diff := cmp.Diff(cfg, tc.fake.connectors["tidb-sink"]); diff != "" {
				t.Errorf("stored config (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	for name, tc := range clients(t) {
		t.Run(name, func(t *testing.T) {
			cfg := config()
			delete(cfg, "topics")
			v, err := tc.c.Validate(context.Background(), "tidb-sink", cfg)
			if err != nil {
				t.Fatal(err)
			}
			want := &connect.Validation{Plugin: "SnowflakeSink", ErrorCount: 2, Errors: []connect.FieldError{
				{Key: "snowflake.role.name", Messages: []string{`Missing required configuration "snowflake.role.name" which has no default value.`}},
				{Key: "topics", Messages: []string{`Missing required configuration "topics" which has no default value.`}},
			}}
			if diff := cmp.Diff(want, v); diff != "" {
				t.Errorf("validation (-want +got):\n%s", diff)
			}
			last := tc.fake.requests[len(tc.fake.requests)-1]
			if !strings.HasSuffix(last, "/connector-plugins/SnowflakeSink/config/validate") || !strings.HasPrefix(last, "PUT ") {
				t.Errorf("request = %s", last)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"kafka connect rebalance", 409, `{"error_code":409,"message":"Cannot complete request momentarily due to stale configuration"}`,
			"HTTP 409 Conflict: Cannot complete request momentarily"},
		{"cloud error object", 400, `{"error":{"code":400,"message":"Invalid value for snowflake.private.key: MIIEvprivatekeybody"}}`,
			"HTTP 400 Bad Request: Invalid value for snowflake.private.key: ******"},
		{"cloud errors list", 403, `{"errors":[{"status":"403","detail":"Forbidden Access"}]}`, "HTTP 403 Forbidden: Forbidden Access"},
		{"html", 502, "<html>bad gateway</html>", "HTTP 502 Bad Gateway: <html>bad gateway</html>"},
		{"echoed kafka secret", 500, `{"message":"kafka-secret-value rejected"}`, "HTTP 500 Internal Server Error: ****** rejected"},
	}
	for _, tt := range tests {
		for name, tc := range clients(t) {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				tc.fake.failStatus, tc.fake.failBody = tt.status, tt.body
				_, err := tc.c.Apply(context.Background(), "tidb-sink", config())
				var apiErr *connect.APIError
				if !errors.As(err, &apiErr) || apiErr.Status != tt.status {
					t.Fatalf("err = %v, want an APIError with status %d", err, tt.status)
				}
				if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "connector tidb-sink") {
					t.Errorf("err = %q, want it to contain %q", err, tt.want)
				}
				for _, secret := range []string{"kafka-secret-value", "MIIEvprivatekeybody", "p4ssw0rd"} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("error leaks %q: %v", secret, err)
					}
				}
				_, err = tc.c.Validate(context.Background(), "tidb-sink", config())
				if !errors.As(err, &apiErr) || !strings.Contains(err.Error(), "validate") {
					t.Errorf("validate err = %v", err)
				}
			})
		}
	}
}

func TestWrongCredentials(t *testing.T) {
	_, srv := newFake(t, true)
	c, err := connect.NewCloud(srv.URL, "env-1", "lkc-1", "u", "wrong-secret", srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Apply(context.Background(), "tidb-sink", config())
	var apiErr *connect.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnauthorized || strings.Contains(err.Error(), "wrong-secret") {
		t.Fatalf("err = %v", err)
	}
}

func TestUnreachableAndCancelled(t *testing.T) {
	_, srv := newFake(t, false)
	url := srv.URL
	srv.Close()
	c, err := connect.NewKafkaConnect("http://u:s3cr3tpass@"+strings.TrimPrefix(url, "http://"), "", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Apply(context.Background(), "tidb-sink", config())
	if err == nil || !strings.Contains(err.Error(), "connector tidb-sink: create or update on") || strings.Contains(err.Error(), "s3cr3tpass") {
		t.Fatalf("err = %v", err)
	}
	_, srv2 := newFake(t, false)
	c2, _ := connect.NewKafkaConnect(srv2.URL, "u", "p4ssw0rd", nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c2.Apply(ctx, "tidb-sink", config()); !errors.Is(err, context.Canceled) && !strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("err = %v, want cancellation", err)
	}
}

func TestNewClientErrors(t *testing.T) {
	tests := []struct {
		name string
		err  func() error
		want string
	}{
		{"bad connect url", func() error { _, err := connect.NewKafkaConnect("connect:8083", "", "", nil); return err }, "connect URL: want http(s)://host:port"},
		{"bad environment", func() error { _, err := connect.NewCloud("", "prod", "lkc-1", "k", "s", nil); return err }, `environment: want env-…, got "prod"`},
		{"bad cluster", func() error { _, err := connect.NewCloud("", "env-1", "cluster", "k", "s", nil); return err }, `cluster: want lkc-…, got "cluster"`},
		{"no cloud key", func() error { _, err := connect.NewCloud("", "env-1", "lkc-1", "", "", nil); return err }, "Cloud API key and secret are required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.err(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
