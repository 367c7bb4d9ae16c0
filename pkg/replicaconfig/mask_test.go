package replicaconfig

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMasked(t *testing.T) {
	c, err := DecodeTOML([]byte(`
[sink]
schema-registry = "https://KEY:regZZ9@sr.example"
[sink.kafka-config]
sasl-password = "saslZZ9"
sasl-gssapi-password = "krbZZ9"
sasl-oauth-client-secret = "b2F1dGhzZWNyZXQ="
sasl-oauth-token-url = "https://id:tokZZ9@idp/token"
key = "/etc/keyZZ9.pem"
[sink.kafka-config.glue-schema-registry-config]
registry-name = "r"
region = "x"
access-key = "gluekeyZZ9"
secret-access-key = "glueZZ9"
token = "gluetokZZ9"
[sink.pulsar-config]
authentication-token = "pulsartokZZ9"
basic-password = "pZZ9"
[sink.pulsar-config.oauth2]
oauth2-private-key = "pkZZ9"
[sink.mysql-config]
ssl-key = "/sslZZ9"
`), "cf.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := c.Masked()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	text, err := m.EncodeTOML()
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{string(b), string(text)} {
		if strings.Contains(out, "ZZ9") || strings.Contains(out, "b2F1dGhzZWNyZXQ") {
			t.Errorf("masked output still holds a secret:\n%s", out)
		}
		if !strings.Contains(out, "https://KEY:xxxxx@sr.example") || !strings.Contains(out, "******") {
			t.Errorf("masked output lacks the masks:\n%s", out)
		}
	}
	if str(c.Sink.KafkaConfig.SASLPassword) != "saslZZ9" {
		t.Error("Masked changed the original")
	}
	if n := Default().Masked(); n.Sink.KafkaConfig != nil || n.Sink.SchemaRegistry != nil {
		t.Error("masking must not invent settings")
	}
}
