package sinkuri

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestKafkaValidate(t *testing.T) {
	tests := []struct {
		name    string
		k       Kafka
		wantErr string
	}{
		{name: "empty is fine", k: Kafka{}},
		{name: "all three tls files", k: Kafka{CA: ptr("a"), Cert: ptr("b"), Key: ptr("c")}},
		{name: "ca only", k: Kafka{CA: ptr("a")}, wantErr: `kafka options: ca, cert and key files should all be supplied: "ca" set but "cert", "key" missing`},
		{name: "cert and key only", k: Kafka{Cert: ptr("b"), Key: ptr("c")}, wantErr: `"cert", "key" set but "ca" missing`},
		{name: "files with enable-tls false", k: Kafka{CA: ptr("a"), Cert: ptr("b"), Key: ptr("c"), EnableTLS: ptr(false)}, wantErr: `kafka options: parameter "enable-tls": credential files are supplied (ca, cert, key), but enable-tls is false`},
		{name: "enable-tls without files", k: Kafka{EnableTLS: ptr(true)}},
		{name: "plain needs user", k: Kafka{SASLMechanism: ptr("plain"), SASLPassword: ptr("p")}, wantErr: `kafka options: parameter "sasl-user" is required with sasl-mechanism PLAIN`},
		{name: "scram needs password", k: Kafka{SASLMechanism: ptr("SCRAM-SHA-256"), SASLUser: ptr("u")}, wantErr: `parameter "sasl-password" is required with sasl-mechanism SCRAM-SHA-256`},
		{name: "scram ok", k: Kafka{SASLMechanism: ptr("scram-sha-512"), SASLUser: ptr("u"), SASLPassword: ptr("p")}},
		{name: "gssapi needs auth type", k: Kafka{SASLMechanism: ptr("GSSAPI")}, wantErr: `parameter "sasl-gssapi-auth-type" is required with sasl-mechanism GSSAPI`},
		{name: "gssapi needs service", k: Kafka{SASLMechanism: ptr("GSSAPI"), SASLGssAPIAuthType: ptr("user")}, wantErr: `parameter "sasl-gssapi-service-name" is required`},
		{name: "gssapi user needs password", k: gssapi("user", nil, nil), wantErr: `parameter "sasl-gssapi-password" is required with sasl-gssapi-auth-type user`},
		{name: "gssapi user ok", k: gssapi("user", ptr("p"), nil)},
		{name: "gssapi keytab needs path", k: gssapi("keytab", nil, nil), wantErr: `parameter "sasl-gssapi-keytab-path" is required with sasl-gssapi-auth-type keytab`},
		{name: "gssapi keytab ok", k: gssapi("KEYTAB", nil, ptr("/k"))},
		{name: "oauth settings need oauthbearer", k: Kafka{SASLOAuthClientID: ptr("id")}, wantErr: `kafka options: sasl-oauth-* settings need sasl-mechanism OAUTHBEARER, got ""`},
		{name: "oauthbearer needs client id", k: Kafka{SASLMechanism: ptr("OAUTHBEARER")}, wantErr: `parameter "sasl-oauth-client-id" is required with sasl-mechanism OAUTHBEARER`},
		{name: "oauth secret base64", k: oauth("not base64!"), wantErr: `parameter "sasl-oauth-client-secret": OAuth2 client secret is not base64 encoded`},
		{name: "oauth ok", k: oauth("c2VjcmV0")},
		{name: "oauth needs token url", k: Kafka{SASLMechanism: ptr("OAUTHBEARER"), SASLOAuthClientID: ptr("id"), SASLOAuthClientSecret: ptr("c2VjcmV0")}, wantErr: `parameter "sasl-oauth-token-url" is required`},
		{name: "value checks run too", k: Kafka{RequiredAcks: ptr(5)}, wantErr: `kafka options: parameter "required-acks": only -1, 0 or 1 are allowed, got 5`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.k.Validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Validate error = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func gssapi(auth string, password, keytab *string) Kafka {
	return Kafka{SASLMechanism: ptr("gssapi"), SASLGssAPIAuthType: ptr(auth), SASLGssAPIServiceName: ptr("kafka"),
		SASLGssAPIKerberosConfigPath: ptr("/etc/krb5.conf"), SASLGssAPIUser: ptr("u"), SASLGssAPIRealm: ptr("R"),
		SASLGssAPIPassword: password, SASLGssAPIKeytabPath: keytab}
}

func oauth(secret string) Kafka {
	return Kafka{SASLMechanism: ptr("oauthbearer"), SASLOAuthClientID: ptr("id"), SASLOAuthClientSecret: ptr(secret), SASLOAuthTokenURL: ptr("https://idp/token")}
}

func TestOptionsDefaults(t *testing.T) {
	o, err := (&Kafka{}).Options()
	if err != nil {
		t.Fatal(err)
	}
	want := Options{
		ReplicationFactor: 1, KafkaVersion: "2.4.0", MaxMessageBytes: 10485760, MaxRetry: 5, Compression: "none",
		AutoCreateTopic: true, DialTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second, ReadTimeout: 10 * time.Second,
		RequiredAcks: -1,
	}
	if diff := cmp.Diff(want, o); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
}

func TestOptionsResolved(t *testing.T) {
	u, err := Parse("kafka://h:9092/t?partition-num=6&replication-factor=3&kafka-version=3.7.0&max-message-bytes=1000&max-retry=-2" +
		"&compression=ZSTD&kafka-client-id=me&auto-create-topic=false&dial-timeout=1s&write-timeout=2s&read-timeout=3s&required-acks=1" +
		"&sasl-mechanism=scram-sha-256&sasl-user=u&sasl-password=p&ca=a&cert=b&key=c&insecure-skip-verify=true")
	if err != nil {
		t.Fatal(err)
	}
	o, err := u.Kafka.Options()
	if err != nil {
		t.Fatal(err)
	}
	want := Options{
		PartitionNum: 6, ReplicationFactor: 3, KafkaVersion: "3.7.0", KafkaVersionSet: true, MaxMessageBytes: 1000, MaxRetry: 5,
		Compression: "zstd", ClientID: "me", AutoCreateTopic: false, DialTimeout: time.Second, WriteTimeout: 2 * time.Second,
		ReadTimeout: 3 * time.Second, RequiredAcks: 1,
		SASL: SASL{Mechanism: "SCRAM-SHA-256", User: "u", Password: "p"},
		TLS:  TLS{Enabled: true, CA: "a", Cert: "b", Key: "c", InsecureSkipVerify: true},
	}
	if diff := cmp.Diff(want, o); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	o, err = oauthPtr().Options()
	if err != nil {
		t.Fatal(err)
	}
	if o.SASL.OAuth.ClientSecret != "secret" || o.SASL.OAuth.GrantType != "client_credentials" {
		t.Errorf("oauth resolved to %+v", o.SASL.OAuth)
	}
	if _, err := (&Kafka{RequiredAcks: ptr(3)}).Options(); err == nil {
		t.Error("Options on an invalid set: want an error")
	}
}

func oauthPtr() *Kafka { k := oauth("c2VjcmV0"); return &k }

func TestInsecureSkipVerifyNeedsTLS(t *testing.T) {
	k := Kafka{InsecureSkipVerify: ptr(true)}
	o, err := k.Options()
	if err != nil {
		t.Fatal(err)
	}
	if o.TLS.InsecureSkipVerify {
		t.Error("insecure-skip-verify honoured with TLS off")
	}
	if w := k.Warnings(); len(w) != 1 || !strings.Contains(w[0], "insecure-skip-verify is ignored") {
		t.Errorf("Warnings = %v", w)
	}
}

func TestRequiredAcksZeroWarns(t *testing.T) {
	for _, acks := range []int{-1, 0, 1} {
		w := (&Kafka{RequiredAcks: ptr(acks)}).Warnings()
		warned := len(w) == 1 && strings.Contains(w[0], "required-acks 0 waits for nothing")
		if warned != (acks == 0) || len(w) > 1 {
			t.Errorf("required-acks %d: Warnings = %q", acks, w)
		}
	}
}

func TestMerge(t *testing.T) {
	file := Kafka{PartitionNum: ptr(int32(3)), SASLUser: ptr("file"), SASLOAuthScopes: []string{"a"}}
	uri := Kafka{PartitionNum: ptr(int32(6)), CA: ptr("/ca")}
	file.Merge(&uri)
	if *file.PartitionNum != 6 || *file.SASLUser != "file" || *file.CA != "/ca" || file.SASLOAuthScopes[0] != "a" {
		t.Errorf("merge result %+v", file)
	}
	*uri.PartitionNum = 9
	if *file.PartitionNum != 6 {
		t.Error("Merge aliases the source's pointers")
	}
	c := file.Clone()
	*c.SASLUser = "changed"
	if *file.SASLUser != "file" {
		t.Error("Clone aliases pointers")
	}
}

func TestDefaultClientID(t *testing.T) {
	got := DefaultClientID("127.0.0.1:8300", "default", "cf-1")
	if want := "TiCDC_producer_127.0.0.1_8300_default_cf-1"; got != want {
		t.Errorf("DefaultClientID = %q, want %q", got, want)
	}
}
