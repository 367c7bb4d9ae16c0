package connector_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/gen"
	"github.com/cdcctl/cdcctl/pkg/gen/connector"
	"github.com/cdcctl/cdcctl/pkg/gen/gentest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func tpccTopics(t *testing.T) []string {
	var topics []string
	for _, tab := range gentest.TPCC(t) {
		if tab.Eligible() {
			topics = append(topics, "tidb_"+tab.Schema+"_"+tab.Name)
		}
	}
	return topics
}

func snowflakeOpts(t *testing.T, managed bool) connector.Snowflake {
	_, body := testKey(t)
	return connector.Snowflake{
		Common: connector.Common{Name: "tpcc-snowflake", Topics: tpccTopics(t), Managed: managed,
			KafkaAPIKey: "KEY", KafkaAPISecret: "SECRET", SchemaRegistry: "https://sr-key:sr%2Fsecret@sr.example.net/"},
		URL: "org-account", User: "U", PrivateKey: body, Database: "CDC_DB", Schema: "LANDING", Role: "R",
	}
}

// TestGolden pins the TPC-C connectors (the private key, random per run,
// is replaced by a marker).
func TestGolden(t *testing.T) {
	var arts []gen.Artifact
	for _, managed := range []bool{true, false} {
		o := snowflakeOpts(t, managed)
		o.Name = map[bool]string{true: "tpcc-snowflake-cloud", false: "tpcc-snowflake-self"}[managed]
		c, err := connector.SnowflakeSink(o)
		if err != nil {
			t.Fatal(err)
		}
		c.Config["snowflake.private.key"] = "<key body>"
		a, err := c.Artifact()
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
		s, err := connector.SQLServerSink(connector.SQLServer{Common: connector.Common{
			Name: strings.Replace(o.Name, "snowflake", "sqlserver", 1), Topics: o.Topics, Managed: managed,
			KafkaAPIKey: "KEY", KafkaAPISecret: "SECRET", SchemaRegistry: "http://127.0.0.1:8081", ErrorsTolerance: "all"},
			Host: "sql.example.net", User: "cdc", Password: "PW", Database: "tpcc", TableNameFormat: "dbo.${topic}"})
		if err != nil {
			t.Fatal(err)
		}
		if a, err = s.Artifact(); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	gentest.CheckGolden(t, filepath.Join("testdata", "tpcc"), arts, *update)
}

// TestCDCSafeSettings checks the generator checklist of spec
// downstream.md §10 (and seed-guide bug 1, deletes dropped by Cloud's
// behavior.on.null.values=IGNORE) on every connector variant.
func TestCDCSafeSettings(t *testing.T) {
	for _, managed := range []bool{true, false} {
		for _, ingestion := range []string{"snowpipe", "snowpipe_streaming"} {
			o := snowflakeOpts(t, managed)
			o.Ingestion = ingestion
			c, err := connector.SnowflakeSink(o)
			if err != nil {
				t.Fatal(err)
			}
			cfg := c.Config
			name := c.Config["connector.class"] + "/" + ingestion
			if !strings.EqualFold(cfg["behavior.on.null.values"], "DEFAULT") {
				t.Errorf("%s: behavior.on.null.values = %q: tombstones would be dropped", name, cfg["behavior.on.null.values"])
			}
			if managed && (cfg["input.key.format"] != "AVRO" || cfg["input.data.format"] != "AVRO") {
				t.Errorf("%s: key/value formats %q/%q", name, cfg["input.key.format"], cfg["input.data.format"])
			}
			if !managed && (cfg["key.converter"] != "io.confluent.connect.avro.AvroConverter" || cfg["value.converter"] != cfg["key.converter"]) {
				t.Errorf("%s: converters %q/%q", name, cfg["key.converter"], cfg["value.converter"])
			}
			if !strings.HasPrefix(cfg["snowflake.topic2table.map"], "tidb_tpcc_warehouse:TIDB_TPCC_WAREHOUSE,tidb_tpcc_district:TIDB_TPCC_DISTRICT,") {
				t.Errorf("%s: topic2table.map = %q", name, cfg["snowflake.topic2table.map"])
			}
			if cfg["errors.tolerance"] != "none" {
				t.Errorf("%s: errors.tolerance = %q", name, cfg["errors.tolerance"])
			}
			if strings.ContainsAny(cfg["snowflake.private.key"], "-\n ") {
				t.Errorf("%s: private key not stripped", name)
			}
			if ingestion == "snowpipe" {
				for k := range cfg {
					if strings.Contains(k, "streaming") || k == "snowflake.enable.schematization" {
						t.Errorf("%s: streaming-only key %s under SNOWPIPE", name, k)
					}
				}
			}
			for k, v := range cfg {
				if v == "" {
					t.Errorf("%s: %s is empty", name, k)
				}
			}
		}
		s, err := connector.SQLServerSink(connector.SQLServer{Common: connector.Common{Name: "sq", Topics: []string{"a"}, Managed: managed,
			KafkaAPIKey: "K", KafkaAPISecret: "S", SchemaRegistry: "http://r:8081"}, Host: "h", User: "u", Password: "p", Database: "d"})
		if err != nil {
			t.Fatal(err)
		}
		cfg := s.Config
		if cfg["pk.mode"] != "record_key" || cfg["delete.enabled"] != "true" || !strings.EqualFold(cfg["insert.mode"], "upsert") {
			t.Errorf("sql server managed=%v: pk.mode %q delete.enabled %q insert.mode %q", managed, cfg["pk.mode"], cfg["delete.enabled"], cfg["insert.mode"])
		}
		if _, bad := cfg["batch.size"]; managed && bad {
			t.Error("Cloud's key is batch.sizes")
		}
		if !managed && !strings.Contains(cfg["connection.url"], ";databaseName=d;") {
			t.Errorf("connection.url = %q", cfg["connection.url"])
		}
	}
}

func TestSchemaRegistryCredentials(t *testing.T) {
	o := snowflakeOpts(t, false)
	c, err := connector.SnowflakeSink(o)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Config["value.converter.schema.registry.url"]; got != "https://sr.example.net" {
		t.Errorf("registry URL = %q (credentials must move out of it)", got)
	}
	if got := c.Config["key.converter.basic.auth.user.info"]; got != "sr-key:sr/secret" {
		t.Errorf("user info = %q", got)
	}
}

func TestErrors(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	pkcs1 := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rsaKey)}))
	pub, _ := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	public := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}))
	encrypted := "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n"
	tests := []struct {
		name string
		mod  func(*connector.Snowflake)
		want string
	}{
		{"bad name", func(o *connector.Snowflake) { o.Name = "my connector" }, `connector name "my connector"`},
		{"no topics", func(o *connector.Snowflake) { o.Topics = nil }, "connector tpcc-snowflake: no topics"},
		{"duplicate topic", func(o *connector.Snowflake) { o.Topics = []string{"a", "a"} }, "topic a listed twice"},
		{"managed without kafka key", func(o *connector.Snowflake) { o.Managed, o.KafkaAPISecret = true, "" }, "missing kafka.api.key and kafka.api.secret"},
		{"self-managed without registry", func(o *connector.Snowflake) { o.SchemaRegistry = "" }, "missing the Schema Registry URL"},
		{"registry key without secret", func(o *connector.Snowflake) {
			o.SchemaRegistry, o.SchemaRegistryKey = "https://sr", "k"
		}, "give both the API key and the secret"},
		{"no private key", func(o *connector.Snowflake) { o.PrivateKey = "" }, "missing snowflake.private.key"},
		{"no user", func(o *connector.Snowflake) { o.User = "" }, "missing snowflake.user.name"},
		{"streaming without role", func(o *connector.Snowflake) { o.Role = "" }, "snowflake.role.name is required with SNOWPIPE_STREAMING"},
		{"bad ingestion", func(o *connector.Snowflake) { o.Ingestion = "kafka" }, `want snowpipe or snowpipe_streaming, got "kafka"`},
		{"bad url", func(o *connector.Snowflake) { o.URL = "http://x.snowflakecomputing.com" }, "snowflake.url.name: want https"},
		{"pkcs1 key", func(o *connector.Snowflake) { o.PrivateKey = pkcs1 }, "PKCS#1 RSA key; Snowflake wants PKCS#8: openssl pkcs8 -topk8"},
		{"public key", func(o *connector.Snowflake) { o.PrivateKey = public }, "a public key"},
		{"encrypted key without passphrase", func(o *connector.Snowflake) { o.PrivateKey = encrypted }, "encrypted (or not PKCS#8) and no passphrase"},
		{"garbage key", func(o *connector.Snowflake) { o.PrivateKey = "not a key!" }, "neither a PEM file nor a base64 key body"},
		{"topics colliding in one table", func(o *connector.Snowflake) { o.Topics = []string{"a.b", "a_b"} }, "topics a.b and a_b both map to table A_B"},
		{"bad tolerance", func(o *connector.Snowflake) { o.ErrorsTolerance = "some" }, `errors.tolerance: want none or all, got "some"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := snowflakeOpts(t, false)
			tt.mod(&o)
			c, err := connector.SnowflakeSink(o)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if c != nil {
				t.Error("partial connector returned")
			}
			for _, secret := range []string{o.KafkaAPISecret, "sr/secret", o.PrivateKey[min(len(o.PrivateKey), 40):]} {
				if len(secret) > 8 && strings.Contains(err.Error(), secret) {
					t.Errorf("error leaks a secret: %v", err)
				}
			}
		})
	}
	sql := []struct {
		name string
		o    connector.SQLServer
		want string
	}{
		{"no password", connector.SQLServer{Common: connector.Common{Name: "sq", Topics: []string{"a"}, Managed: true, KafkaAPIKey: "k", KafkaAPISecret: "s"},
			Host: "h", User: "u", Database: "d"}, "connector sq: missing connection.password"},
		{"host with port", connector.SQLServer{Common: connector.Common{Name: "sq", Topics: []string{"a"}, Managed: true, KafkaAPIKey: "k", KafkaAPISecret: "s"},
			Host: "h:1433", User: "u", Password: "p", Database: "d"}, "connection.host: want a host name only"},
		{"verify-full", connector.SQLServer{Common: connector.Common{Name: "sq", Topics: []string{"a"}, Managed: true, KafkaAPIKey: "k", KafkaAPISecret: "s"},
			Host: "h", User: "u", Password: "p", Database: "d", SSLMode: "verify-full"}, "needs a trust store"},
	}
	for _, tt := range sql {
		t.Run(tt.name, func(t *testing.T) {
			_, err := connector.SQLServerSink(tt.o)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestPrivateKeyBody(t *testing.T) {
	keyPEM, body := testKey(t)
	wrapped := ""
	for i := 0; i < len(body); i += 64 {
		wrapped += body[i:min(i+64, len(body))] + "\n"
	}
	for name, in := range map[string]string{"pem": keyPEM, "body": body, "wrapped body": wrapped, "pem with CRLF": strings.ReplaceAll(keyPEM, "\n", "\r\n")} {
		t.Run(name, func(t *testing.T) {
			got, err := connector.PrivateKeyBody(in, false)
			if err != nil || got != body {
				t.Fatalf("= %q, %v; want the one-line body", got, err)
			}
		})
	}
}
