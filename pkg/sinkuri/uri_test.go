package sinkuri

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseShape(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		scheme  string
		brokers []string
		topic   string
		wantErr string
	}{
		{name: "guide uri", raw: "kafka://127.0.0.1:9092/ticdc-meta?protocol=avro", scheme: "kafka", brokers: []string{"127.0.0.1:9092"}, topic: "ticdc-meta"},
		{name: "several brokers", raw: "kafka://h1:9092,h2:9093,h3:9094/cdc", scheme: "kafka", brokers: []string{"h1:9092", "h2:9093", "h3:9094"}, topic: "cdc"},
		{name: "kafka+ssl scheme", raw: "kafka+ssl://h1:9093/cdc", scheme: "kafka+ssl", brokers: []string{"h1:9093"}, topic: "cdc"},
		{name: "upper-case scheme", raw: "KAFKA://h1:9092/cdc", scheme: "kafka", brokers: []string{"h1:9092"}, topic: "cdc"},
		{name: "trailing slash trimmed", raw: "kafka://h1:9092/cdc/", scheme: "kafka", brokers: []string{"h1:9092"}, topic: "cdc"},
		{name: "surrounding space trimmed", raw: "  kafka://h1:9092/cdc \n", scheme: "kafka", brokers: []string{"h1:9092"}, topic: "cdc"},
		{name: "ipv6 broker", raw: "kafka://[::1]:9092/cdc", scheme: "kafka", brokers: []string{"[::1]:9092"}, topic: "cdc"},
		{name: "empty", raw: "", wantErr: "sink-uri: empty"},
		{name: "other scheme", raw: "mysql://root@127.0.0.1:3306/", wantErr: `sink-uri: scheme "mysql" is not supported`},
		{name: "no scheme", raw: "h1:9092/cdc", wantErr: "sink-uri: "},
		{name: "no broker", raw: "kafka:///cdc", wantErr: "sink-uri: no broker given"},
		{name: "broker without port", raw: "kafka://h1/cdc", wantErr: `sink-uri: broker "h1": want host:port`},
		{name: "broker port zero", raw: "kafka://h1:0/cdc", wantErr: `sink-uri: broker "h1:0": port must be 1-65535`},
		{name: "empty broker in list", raw: "kafka://h1:9092,/cdc", wantErr: `sink-uri: malformed broker list: invalid port ":9092," after host`},
		{name: "bad port", raw: "kafka://h1:90a2/cdc", wantErr: "sink-uri: malformed broker list: invalid port"},
		{name: "no topic", raw: "kafka://h1:9092", wantErr: "sink-uri: no topic is specified"},
		{name: "slash only topic", raw: "kafka://h1:9092/", wantErr: "sink-uri: no topic is specified"},
		{name: "illegal topic chars", raw: "kafka://h1:9092/a/b", wantErr: `sink-uri: topic "a/b": a Kafka topic may contain only`},
		{name: "dot topic", raw: "kafka://h1:9092/.", wantErr: `sink-uri: topic ".": "." and ".." are not legal`},
		{name: "topic too long", raw: "kafka://h1:9092/" + strings.Repeat("t", 250), wantErr: "is at most 249 characters, got 250"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := Parse(tt.raw)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Parse(%q) error = %v, want it to contain %q", tt.raw, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.raw, err)
			}
			if u.Scheme != tt.scheme || u.Topic != tt.topic || !cmp.Equal(u.Brokers, tt.brokers) {
				t.Errorf("got scheme %q topic %q brokers %v, want %q %q %v", u.Scheme, u.Topic, u.Brokers, tt.scheme, tt.topic, tt.brokers)
			}
		})
	}
}

func TestParseWarnings(t *testing.T) {
	u, err := Parse("kafka://user:pw@h1:9092/cdc?protocol=avro&foo=1&protocol=canal&bar=&compression=brotli")
	if err != nil {
		t.Fatal(err)
	}
	if got := *u.Codec.Protocol; got != "avro" {
		t.Errorf("repeated parameter: got %q, want the first value avro", got)
	}
	if !cmp.Equal(u.Ignored, []string{"bar", "foo"}) {
		t.Errorf("Ignored = %v", u.Ignored)
	}
	want := []string{
		"sink-uri: user info before the host is ignored; use sasl-user and sasl-password",
		`sink-uri: parameter "protocol" is repeated; the first value is used`,
		`sink-uri: unknown parameter "bar" is ignored`,
		`sink-uri: unknown parameter "foo" is ignored`,
		`kafka options: compression "brotli" is unknown; TiCDC falls back to "none"`,
	}
	if diff := cmp.Diff(want, u.Warnings()); diff != "" {
		t.Errorf("Warnings (-want +got):\n%s", diff)
	}
	if u.String() != "kafka://user:pw@h1:9092/cdc?protocol=avro&foo=1&protocol=canal&bar=&compression=brotli" {
		t.Errorf("String() = %q, want the raw URI", u.String())
	}
}
