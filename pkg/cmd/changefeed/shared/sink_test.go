package shared

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/config"
)

func readFiles(name string) ([]byte, error) {
	switch name {
	case "kafka.secret":
		return []byte("s3cr&t=+/ %\r\n"), nil
	case "sr.secret":
		return []byte("sr@pw:1\n"), nil
	case "changefeed.conf":
		return []byte("[mounter]\nworker-num = 4\n[sink]\nschema-registry = \"http://file:8081\"\n"), nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func TestSinkFlagsBuild(t *testing.T) {
	tests := []struct {
		name         string
		flags        SinkFlags
		env          config.Config
		wantURI      string
		wantRegistry string
		wantErr      string
	}{
		{name: "URI as given", flags: SinkFlags{SinkURI: "kafka://k:9092/t?protocol=avro"}, wantURI: "kafka://k:9092/t?protocol=avro"},
		{name: "password from a file is URL-encoded in",
			flags:   SinkFlags{SinkURI: "kafka://k:9092/t?protocol=avro&sasl-mechanism=plain", SASLUser: "API KEY", SASLPasswordFile: "kafka.secret"},
			wantURI: "kafka://k:9092/t?protocol=avro&sasl-mechanism=plain&sasl-user=API+KEY&sasl-password=s3cr%26t%3D%2B%2F+%25"},
		{name: "password from the environment", flags: SinkFlags{SinkURI: "kafka://k:9092/t"}, env: config.Config{SASLPassword: "e/nv"},
			wantURI: "kafka://k:9092/t?sasl-password=e%2Fnv"},
		{name: "the URI's own password beats the environment", flags: SinkFlags{SinkURI: "kafka://k:9092/t?sasl-password=uri"},
			env: config.Config{SASLPassword: "env"}, wantURI: "kafka://k:9092/t?sasl-password=uri"},
		{name: "a flag equal to the URI's value is fine", flags: SinkFlags{SinkURI: "kafka://k:9092/t?sasl-user=u", SASLUser: "u"},
			wantURI: "kafka://k:9092/t?sasl-user=u"},
		{name: "URI ending in ?", flags: SinkFlags{SinkURI: "kafka://k:9092/t?", SASLPassword: "p"}, wantURI: "kafka://k:9092/t?sasl-password=p"},
		{name: "flag and URI disagree", flags: SinkFlags{SinkURI: "kafka://k:9092/t?sasl-password=a", SASLPassword: "b"},
			wantErr: `sink-uri: parameter "sasl-password" is set in the URI and by a flag; give it once`},
		{name: "user without a URI", flags: SinkFlags{SASLUser: "u"}, wantErr: "--sasl-user and the SASL password go into --sink-uri: give --sink-uri too"},
		{name: "unparseable URI", flags: SinkFlags{SinkURI: "kafka://k:9092/t?sasl-password=%zz-secret", SASLPassword: "x"},
			wantErr: "sink-uri: cannot parse the URI (check its %-escapes)"},
		{name: "registry credentials", flags: SinkFlags{SchemaRegistry: "https://sr.example.com", SchemaRegistryUser: "key", SchemaRegistryPasswordFile: "sr.secret"},
			wantRegistry: "https://key:sr%40pw%3A1@sr.example.com"},
		{name: "registry from the environment", env: config.Config{SchemaRegistry: "http://env:8081"}, wantRegistry: "http://env:8081"},
		{name: "registry URL already with credentials", flags: SinkFlags{SchemaRegistry: "https://a:b@sr", SchemaRegistryUser: "key"},
			wantErr: "schema-registry: the URL already carries credentials; drop them or --schema-registry-user"},
		{name: "registry user without a registry", flags: SinkFlags{SchemaRegistryUser: "key"},
			wantErr: "--schema-registry-user and --schema-registry-password-file need --schema-registry"},
		{name: "missing secret file", flags: SinkFlags{SinkURI: "kafka://k:9092/t", SASLPasswordFile: "nope"},
			wantErr: `--sasl-password-file "nope": file does not exist`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := tt.env
			s, err := tt.flags.Build(&env, readFiles)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				for _, secret := range []string{"secret", "s3cr", "sr@pw"} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("error leaks %q", secret)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.URI != tt.wantURI || s.Registry != tt.wantRegistry {
				t.Errorf("uri %q registry %q; want %q %q", s.URI, s.Registry, tt.wantURI, tt.wantRegistry)
			}
		})
	}
}

func TestSinkConfigAndResolve(t *testing.T) {
	f := SinkFlags{SinkURI: "kafka://k:9092/t?protocol=avro&sasl-mechanism=plain&sasl-user=u", SASLPasswordFile: "kafka.secret",
		ConfigFile: "changefeed.conf", SchemaRegistry: "http://flag:8081"}
	s, err := f.Build(nil, readFiles)
	if err != nil {
		t.Fatal(err)
	}
	cfg := s.ConfigToSend(nil)
	if cfg.Mounter.WorkerNum != 4 || *cfg.Sink.SchemaRegistry != "http://flag:8081" || cfg.Sink.KafkaConfig != nil {
		t.Errorf("config to send = %+v", cfg.Sink)
	}
	resolved, warnings, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if resolved.Protocol() != "avro" || resolved.Sink.KafkaConfig == nil || len(warnings) != 0 {
		t.Errorf("resolved = %+v, warnings %v", resolved.Sink, warnings)
	}
	bad := SinkFlags{SinkURI: "kafka://k:9092/t?protocol=avro"}
	s, _ = bad.Build(nil, readFiles)
	if _, _, err := s.Resolve(); err == nil || !strings.Contains(err.Error(), "schema-registry") {
		t.Errorf("avro without a registry: %v", err)
	}
	if got := (&Sink{}).ConfigToSend(nil); got != nil {
		t.Errorf("nothing given: %+v", got)
	}
}
