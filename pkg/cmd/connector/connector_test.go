package connector_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/app"
	"github.com/cdcctl/cdcctl/pkg/gen/connector"
	"github.com/cdcctl/cdcctl/pkg/gen/gentest"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

func cdcctl(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	code := app.Run(context.Background(), ios, args)
	return code, out.String(), errOut.String()
}

// env clears every variable the connector commands read, then sets kv.
func env(t *testing.T, kv ...string) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, k := range []string{"CDCCTL_KAFKA_API_KEY", "CDCCTL_KAFKA_API_SECRET", "CDCCTL_SCHEMA_REGISTRY", "CDCCTL_SNOWFLAKE_PRIVATE_KEY",
		"CDCCTL_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE", "CDCCTL_SQLSERVER_PASSWORD", "CDCCTL_CLOUD_API_KEY", "CDCCTL_CLOUD_API_SECRET",
		"CDCCTL_CONNECT_USERNAME", "CDCCTL_CONNECT_PASSWORD", "CDCCTL_SCHEMA_REGISTRY_API_KEY", "CDCCTL_SCHEMA_REGISTRY_API_SECRET"} {
		t.Setenv(k, "")
	}
	for i := 0; i+1 < len(kv); i += 2 {
		t.Setenv(kv[i], kv[i+1])
	}
}

func keyFile(t *testing.T) (path, body string) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	path = filepath.Join(t.TempDir(), "key.p8")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	body, _ = connector.PrivateKeyBody(string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), false)
	return path, body
}

func sfArgs(key string) []string {
	return []string{"connector", "snowflake", "--snowflake-url", "xy12345.eu-west-1.snowflakecomputing.com", "--snowflake-user", "KAFKA_CONNECTOR_USER",
		"--snowflake-private-key-file", key, "--snowflake-database", "CDC_DB", "--snowflake-schema", "LANDING", "--snowflake-role", "KAFKA_CONNECTOR_ROLE"}
}

// TestSnowflakeMatchesSpec: the CLI's output for the spec's example
// inputs equals the spec example of §1.3 key by key.
func TestSnowflakeMatchesSpec(t *testing.T) {
	env(t, "CDCCTL_KAFKA_API_SECRET", "<SECRET>")
	key, body := keyFile(t)
	code, out, errOut := cdcctl(t, append(sfArgs(key), "--topics", "tidb_test_item", "--kafka-api-key", "<KEY>", "--show-secrets")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got, want connector.Connector
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	b, _ := os.ReadFile("../../gen/connector/testdata/spec/snowflake-cloud.json")
	_ = json.Unmarshal(b, &want)
	want.Config["snowflake.private.key"] = body
	if len(got.Config) != len(want.Config) || got.Name != want.Name {
		t.Errorf("got %d keys, want %d", len(got.Config), len(want.Config))
	}
	for k, v := range want.Config {
		if got.Config[k] != v {
			t.Errorf("%s = %q, want %q", k, got.Config[k], v)
		}
	}
}

// TestSecretsMaskedOnStdout: without --show-secrets the body printed on
// stdout carries no credential.
func TestSecretsMaskedOnStdout(t *testing.T) {
	env(t, "CDCCTL_KAFKA_API_SECRET", "kafka-Secret-7Q")
	key, body := keyFile(t)
	code, out, errOut := cdcctl(t, append(sfArgs(key), "--topics", "tidb_test_item", "--kafka-api-key", "KEY-9Z")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, secret := range []string{"kafka-Secret-7Q", "KEY-9Z", body[:40]} {
		if strings.Contains(out+errOut, secret) {
			t.Errorf("stdout shows a credential (%.12s…)", secret)
		}
	}
	var got connector.Connector
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, k := range []string{"kafka.api.key", "kafka.api.secret", "snowflake.private.key"} {
		if got.Config[k] != "******" {
			t.Errorf("%s = %q, want ******", k, got.Config[k])
		}
	}
}

func TestSQLServerFromDDL(t *testing.T) {
	env(t, "CDCCTL_SQLSERVER_PASSWORD", "pw")
	ddl := filepath.Join(t.TempDir(), "tpcc.sql")
	_ = os.WriteFile(ddl, []byte(gentest.TPCCDDL), 0o644)
	code, out, errOut := cdcctl(t, "connector", "sqlserver", "--self-managed", "--ddl", ddl, "--table", "item",
		"--schema-registry", "http://127.0.0.1:8081", "--host", "sql", "--user", "sa", "--database", "tpcc")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{`"topics": "tidb_tpcc_item"`, `"pk.fields": "i_id"`, `"table.name.format": "dbo.item"`,
		`"connection.url": "jdbc:sqlserver://sql:1433;databaseName=tpcc;encrypt=true;trustServerCertificate=false"`} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s in\n%s", want, out)
		}
	}
}

func TestMissingCredentials(t *testing.T) {
	key, _ := keyFile(t)
	tests := []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"kafka key", nil, append(sfArgs(key), "--topics", "t1"), "needs --kafka-api-key and --kafka-api-secret (or CDCCTL_KAFKA_API_KEY and CDCCTL_KAFKA_API_SECRET)"},
		{"private key", []string{"CDCCTL_KAFKA_API_KEY", "k", "CDCCTL_KAFKA_API_SECRET", "s"},
			[]string{"connector", "snowflake", "--topics", "t1", "--snowflake-url", "a.b", "--snowflake-user", "u", "--snowflake-database", "d", "--snowflake-schema", "s"},
			"missing --snowflake-private-key-file (or CDCCTL_SNOWFLAKE_PRIVATE_KEY)"},
		{"role for streaming", []string{"CDCCTL_KAFKA_API_KEY", "k", "CDCCTL_KAFKA_API_SECRET", "s"},
			append(sfArgs(key)[:len(sfArgs(key))-2], "--topics", "t1"), "--snowflake-role is required with --ingestion snowpipe_streaming"},
		{"registry for self-managed", nil, append(sfArgs(key), "--topics", "t1", "--self-managed"), "needs --schema-registry URL"},
		{"sql password", []string{"CDCCTL_KAFKA_API_KEY", "k", "CDCCTL_KAFKA_API_SECRET", "s"},
			[]string{"connector", "sqlserver", "--topics", "t1", "--host", "h", "--user", "u", "--database", "d"}, "missing --password-file (or CDCCTL_SQLSERVER_PASSWORD)"},
		{"secret file unreadable", []string{"CDCCTL_KAFKA_API_KEY", "k"},
			append(sfArgs(key), "--topics", "t1", "--kafka-api-secret-file", "/nope"), "--kafka-api-secret file: open /nope"},
		{"apply managed without cluster", []string{"CDCCTL_KAFKA_API_KEY", "k", "CDCCTL_KAFKA_API_SECRET", "s"},
			append(sfArgs(key), "--topics", "t1", "--apply"), "need --environment env-… and --cluster lkc-…"},
		{"no topics", nil, sfArgs(key), "name the topics"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env(t, tt.env...)
			code, out, errOut := cdcctl(t, tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.want) || out != "" {
				t.Errorf("exit %d stdout %q stderr %q; want 2 and %q", code, out, errOut, tt.want)
			}
		})
	}
}

// connectFake is a minimal Kafka Connect / Confluent Cloud server.
type connectFake struct {
	mu      sync.Mutex
	configs map[string]map[string]string
	paths   []string
	invalid bool
}

func (f *connectFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.paths = append(f.paths, r.Method+" "+r.URL.Path)
	user, pass, _ := r.BasicAuth()
	if user != "cloud-key" || pass != "cloud-secret" {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error_code":401,"message":"bad credentials"}`))
		return
	}
	switch {
	case strings.HasSuffix(r.URL.Path, "/config/validate"):
		count, errs := 0, []string{}
		if f.invalid {
			count, errs = 1, []string{"Invalid value for snowflake.role.name"}
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"name": "SnowflakeSink", "error_count": count,
			"configs": []any{map[string]any{"value": map[string]any{"name": "snowflake.role.name", "errors": errs}}}})
	case r.Method == http.MethodGet:
		name := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		if _, ok := f.configs[name]; !ok {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"error":{"code":404,"message":"not found"}}`))
			return
		}
		_, _ = w.Write([]byte(`{}`))
	case r.Method == http.MethodPut && strings.HasSuffix(r.URL.Path, "/config"):
		parts := strings.Split(r.URL.Path, "/")
		name := parts[len(parts)-2]
		var cfg map[string]string
		_ = json.NewDecoder(r.Body).Decode(&cfg)
		_, exists := f.configs[name]
		f.configs[name] = cfg
		if !exists && !strings.HasPrefix(r.URL.Path, "/connect/v1/") {
			w.WriteHeader(http.StatusCreated)
		}
		_, _ = w.Write([]byte(`{}`))
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

func TestApplyAndValidate(t *testing.T) {
	key, _ := keyFile(t)
	fake := &connectFake{configs: map[string]map[string]string{}}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	base := append(sfArgs(key), "--topics", "tidb_tpcc_item", "--name", "sf")

	env(t, "CDCCTL_KAFKA_API_KEY", "k", "CDCCTL_KAFKA_API_SECRET", "kafka-secret", "CDCCTL_CLOUD_API_KEY", "cloud-key", "CDCCTL_CLOUD_API_SECRET", "cloud-secret")
	cloud := append(base, "--environment", "env-abc", "--cluster", "lkc-xyz", "--cloud-url", srv.URL)
	code, out, errOut := cdcctl(t, append(cloud, "--apply", "-o", "json")...)
	if code != 0 || !strings.Contains(out, `"action": "created"`) {
		t.Fatalf("cloud apply: exit %d\n%s\n%s", code, out, errOut)
	}
	if fake.configs["sf"]["connector.class"] != "SnowflakeSink" || fake.paths[1] != "PUT /connect/v1/environments/env-abc/clusters/lkc-xyz/connectors/sf/config" {
		t.Errorf("stored %v via %v", fake.configs["sf"], fake.paths)
	}
	if strings.Contains(out, "kafka-secret") {
		t.Error("--apply printed a secret")
	}
	code, out, _ = cdcctl(t, append(cloud, "--apply")...)
	if code != 0 || out != "updated connector sf on Confluent Cloud env-abc/lkc-xyz\n" {
		t.Errorf("cloud update: exit %d %q", code, out)
	}

	fake.invalid = true
	code, out, errOut = cdcctl(t, append(cloud, "--validate", "--apply")...)
	if code != 1 || !strings.Contains(out, "snowflake.role.name\tInvalid value for snowflake.role.name") || !strings.Contains(errOut, "1 configuration error(s)") {
		t.Errorf("invalid: exit %d stdout %q stderr %q", code, out, errOut)
	}
	fake.invalid = false

	env(t, "CDCCTL_CONNECT_USERNAME", "cloud-key", "CDCCTL_CONNECT_PASSWORD", "cloud-secret")
	self := append(base, "--name", "sf-self", "--self-managed", "--schema-registry", "http://sr:8081", "--connect-url", srv.URL)
	code, out, errOut = cdcctl(t, append(self, "--validate")...)
	if code != 0 || !strings.Contains(errOut, "configuration valid") {
		t.Errorf("self validate: exit %d %q %q", code, out, errOut)
	}
	code, out, _ = cdcctl(t, append(self, "--apply")...)
	if code != 0 || out != "created connector sf-self on Kafka Connect\n" || fake.configs["sf-self"]["connector.class"] != "com.snowflake.kafka.connector.SnowflakeSinkConnector" {
		t.Errorf("self apply: exit %d %q", code, out)
	}

	env(t, "CDCCTL_CONNECT_PASSWORD", "wrong-password")
	code, _, errOut = cdcctl(t, append(self, "--apply")...)
	if code != 1 || !strings.Contains(errOut, "connector sf-self: create or update on "+srv.URL+": HTTP 401 Unauthorized: bad credentials") || strings.Contains(errOut, "wrong-password") {
		t.Errorf("bad credentials: exit %d %q", code, errOut)
	}
}
