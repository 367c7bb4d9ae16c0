package connector_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cdcctl/cdcctl/pkg/gen/connector"
)

// testKey returns a fresh PKCS#8 key as PEM and its base64 body.
func testKey(t *testing.T) (pemText, body string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), base64.StdEncoding.EncodeToString(der)
}

func readSpec(t *testing.T, name string) connector.Connector {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "spec", name))
	if err != nil {
		t.Fatal(err)
	}
	var c connector.Connector
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSpecExamples builds the four example connectors of spec
// downstream.md (§1.3, §2.3, §5, §6) from equivalent options and compares
// them key by key. The examples' placeholders (<KEY>, <PW>, …) are fed in
// as values; the private key placeholder is replaced by a real key's body.
// deltas lists every deliberate difference, with its reason.
func TestSpecExamples(t *testing.T) {
	keyPEM, keyBody := testKey(t)
	sr := connector.Common{SchemaRegistry: "https://psrc-xxxx.aws.confluent.cloud", SchemaRegistryKey: "<SR_KEY>", SchemaRegistrySecret: "<SR_SECRET>"}
	tests := []struct {
		name   string
		spec   string
		build  func() (*connector.Connector, error)
		secret string // the spec's placeholder for a key we replace
		deltas map[string]string
	}{
		{
			name: "snowflake cloud (§1.3)", spec: "snowflake-cloud.json", secret: "snowflake.private.key",
			build: func() (*connector.Connector, error) {
				return connector.SnowflakeSink(connector.Snowflake{
					Common: connector.Common{Name: "tidb-snowflake-sink", Topics: []string{"tidb_test_item"}, Managed: true,
						KafkaAPIKey: "<KEY>", KafkaAPISecret: "<SECRET>"},
					URL: "xy12345.eu-west-1.snowflakecomputing.com", User: "KAFKA_CONNECTOR_USER", PrivateKey: keyPEM,
					Role: "KAFKA_CONNECTOR_ROLE", Database: "CDC_DB", Schema: "LANDING", Ingestion: "snowpipe_streaming",
				})
			},
		},
		{
			name: "snowflake self-managed (§2.3)", spec: "snowflake-self-managed.json", secret: "snowflake.private.key",
			build: func() (*connector.Connector, error) {
				c := sr
				c.Name, c.Topics, c.TasksMax = "tidb-snowflake-sink", []string{"tidb_test_item"}, 2
				return connector.SnowflakeSink(connector.Snowflake{
					Common: c, URL: "https://xy12345.eu-west-1.snowflakecomputing.com:443", User: "KAFKA_CONNECTOR_USER",
					PrivateKey: keyBody, Role: "KAFKA_CONNECTOR_ROLE", Database: "CDC_DB", Schema: "LANDING",
				})
			},
			deltas: map[string]string{
				// Deliberate: a broken record stops the sink instead of being skipped.
				"errors.tolerance": "none",
				// v4 of the connector defaults to schematized tables, which
				// have no RECORD_CONTENT for the MERGE to read.
				"snowflake.enable.schematization": "false",
			},
		},
		{
			name: "sql server cloud (§5)", spec: "sqlserver-cloud.json",
			build: func() (*connector.Connector, error) {
				return connector.SQLServerSink(connector.SQLServer{
					Common: connector.Common{Name: "tidb-mssql-sink", Topics: []string{"tidb_test_item"}, Managed: true,
						KafkaAPIKey: "<KEY>", KafkaAPISecret: "<SECRET>"},
					Host: "sql.example.net", User: "cdc", Password: "<PW>", Database: "replica",
					TableNameFormat: "dbo.item", PKFields: []string{"id"},
				})
			},
		},
		{
			name: "jdbc self-managed (§6)", spec: "jdbc-self-managed.json",
			build: func() (*connector.Connector, error) {
				c := sr
				c.Name, c.Topics = "tidb-mssql-jdbc", []string{"tidb_test_item"}
				return connector.SQLServerSink(connector.SQLServer{
					Common: c, Host: "sql.example.net", Port: 1433, User: "cdc", Password: "<PW>", Database: "replica",
					TrustServerCertificate: true, TableNameFormat: "dbo.item", PKFields: []string{"id"},
				})
			},
			deltas: map[string]string{"errors.tolerance": "none"}, // deliberate, as above
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.build()
			if err != nil {
				t.Fatal(err)
			}
			want := readSpec(t, tt.spec)
			if tt.secret != "" {
				want.Config[tt.secret] = keyBody
			}
			for k, v := range tt.deltas {
				if _, inSpec := want.Config[k]; inSpec {
					t.Fatalf("delta %s is already in the spec example", k)
				}
				want.Config[k] = v
			}
			if diff := cmp.Diff(want, *got); diff != "" {
				t.Errorf("connector differs from the spec example (-spec +got):\n%s", diff)
			}
		})
	}
}
