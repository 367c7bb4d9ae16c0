package sinkuri

import "testing"

func TestMaskAPI(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{
			name: "spec example",
			raw:  "kafka://127.0.0.1:9093/cdc?sasl-mechanism=SCRAM-SHA-256&sasl-user=ticdc&sasl-password=verysecure",
			want: "kafka://127.0.0.1:9093/cdc?sasl-mechanism=SCRAM-SHA-256&sasl-password=xxxxx&sasl-user=ticdc",
		},
		{
			name: "no password keeps query order",
			raw:  "kafka://h:9092/cdc?protocol=avro&key=/k.pem&kafka-client-id=c",
			want: "kafka://h:9092/cdc?protocol=avro&key=/k.pem&kafka-client-id=c",
		},
		{
			name: "userinfo password",
			raw:  "kafka://u:pw@h:9092/cdc?protocol=avro",
			want: "kafka://u:xxxxx@h:9092/cdc?protocol=avro",
		},
		{
			name: "schema registry credentials masked, beyond TiCDC",
			raw:  "kafka://h:9092/cdc?schema-registry=https%3A%2F%2Fkey%3Asec%40sr.example%3A443&protocol=avro",
			want: "kafka://h:9092/cdc?protocol=avro&schema-registry=https%3A%2F%2Fkey%3Axxxxx%40sr.example%3A443",
		},
		{
			name: "ticdc changefeed info example",
			raw:  "kafka://127.0.0.1:9092/ticdc-meta?protocol=avro&sasl-password=abc",
			want: "kafka://127.0.0.1:9092/ticdc-meta?protocol=avro&sasl-password=xxxxx",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MaskAPI(tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("MaskAPI =\n %s\nwant\n %s", got, tt.want)
			}
		})
	}
	if _, err := MaskAPI("kafka://h:90x/"); err == nil {
		t.Error("MaskAPI of an unparseable URI: want an error")
	}
}

func TestMaskLog(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{
			name: "every sensitive key",
			raw:  "kafka://u:p@h:9092/cdc?sasl-password=1&sasl-user=u&key=/k&kafka-client-id=c&ca=/ca&sasl-gssapi-password=2&access-token=3&x-Signature=4&my_passwd=5&pwd=6&credential-file=7&private=8&secret=9&protocol=avro",
			want: "kafka://u:xxxxx@h:9092/cdc?access-token=xxxxx&ca=%2Fca&credential-file=xxxxx&kafka-client-id=xxxxx&key=xxxxx&my_passwd=xxxxx&private=xxxxx&protocol=avro&pwd=xxxxx&sasl-gssapi-password=xxxxx&sasl-password=xxxxx&sasl-user=u&secret=xxxxx&x-Signature=xxxxx",
		},
		{name: "unparseable", raw: "kafka://h:90x/", want: ""},
		{name: "registry", raw: "kafka://h:9092/t?schema-registry=http%3A%2F%2Fa%3Ab%40r%3A8081", want: "kafka://h:9092/t?schema-registry=http%3A%2F%2Fa%3Axxxxx%40r%3A8081"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaskLog(tt.raw); got != tt.want {
				t.Errorf("MaskLog =\n %s\nwant\n %s", got, tt.want)
			}
		})
	}
	if got := MaskForError("kafka://h:90x/"); got != "<invalid uri>" {
		t.Errorf("MaskForError = %q, want <invalid uri>", got)
	}
	if got := MaskForError(""); got != "" {
		t.Errorf("MaskForError(\"\") = %q", got)
	}
}

func TestIsSensitiveKey(t *testing.T) {
	for key, want := range map[string]bool{
		"sasl-password": true, "SASL-PASSWORD": true, "key": true, "kafka-client-id": true, "sasl-oauth-token-url": true,
		"protocol": false, "sasl-user": false, "ca": false, "cert": false, "schema-registry": false, "partition-num": false,
	} {
		if got := IsSensitiveKey(key); got != want {
			t.Errorf("IsSensitiveKey(%q) = %v, want %v", key, got, want)
		}
	}
}
