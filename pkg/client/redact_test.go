package client

import (
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

func TestSecretsOfAndRedact(t *testing.T) {
	rc := replicaconfig.Default()
	reg, pw, key := "https://srkey:sr%2Fpass@sr.example.com", "kafka-pass", "/etc/ssl/client.key"
	rc.Sink.SchemaRegistry = &reg
	rc.Sink.KafkaConfig = &replicaconfig.KafkaConfig{}
	rc.Sink.KafkaConfig.SASLPassword, rc.Sink.KafkaConfig.Key = &pw, &key
	cfg := &api.ChangefeedConfig{
		SinkURI:       "kafka://u:uipass@k:9092/t?sasl-password=uri%40pass&kafka-client-id=cid&schema-registry=https%3A%2F%2Fa%3Aqpass%40r",
		Upstream:      "root:db:pass@tcp(h:3306)/",
		ReplicaConfig: rc,
	}
	got := secretsOf(cfg)
	sort.Strings(got)
	for _, want := range []string{"uipass", "uri@pass", "cid", "qpass", "db:pass", "sr/pass", "kafka-pass", "/etc/ssl/client.key"} {
		i := sort.SearchStrings(got, want)
		if i == len(got) || got[i] != want {
			t.Errorf("secrets %q lack %q", got, want)
		}
	}
	for _, s := range got {
		if strings.Contains(s, "sr.example.com") {
			t.Errorf("a whole URL was taken as a secret: %q", s)
		}
	}

	apiErr := redact(&api.Error{Code: "CDC:ErrX", Message: "[CDC:ErrX]bad uri%40pass and kafka-pass", HTTPStatus: 500}, got)
	var ae *api.Error
	if !errors.As(apiErr, &ae) || ae.Code != "CDC:ErrX" || ae.HTTPStatus != 500 || ae.Message != "[CDC:ErrX]bad xxxxx and xxxxx" {
		t.Errorf("redacted api error = %#v", apiErr)
	}
	plain := redact(errors.New("decode: db:pass"), got)
	if plain.Error() != "decode: xxxxx" {
		t.Errorf("redacted = %v", plain)
	}
	same := errors.New("nothing secret")
	if redact(same, got) != same || redact(nil, got) != nil {
		t.Error("redact changed an error without secrets")
	}
}
