package api

import (
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

func TestCheckStartPosition(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string
	}{
		{"", ""},
		{"mysql-bin.000003:4", ""},
		{"binlog.000001:123456", ""},
		{"3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5", ""},
		{"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:11-18,4e11fa47-71ca-11e1-9e33-c80aa9429562:1", ""},
		{"0-1-100", ""},
		{"0-1-100,1-2-5", ""},
		{"mysql-bin.000003:x", `want file:pos with a byte offset, got "x"`},
		{"mysql-bin.000003:99999999999", "byte offset"},
		{"bin/log:4", `binlog file "bin/log"`},
		{"0-1", `"0-1" is neither file:pos nor a GTID`},
		{"3e11fa47:1-5,x", "is neither file:pos nor a GTID"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			err := CheckStartPosition(tt.in)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestSnapshotModeCheck(t *testing.T) {
	for _, m := range append(SnapshotModes(), "") {
		if err := m.Check(); err != nil {
			t.Errorf("%q: %v", m, err)
		}
	}
	if err := SnapshotMode("always").Check(); err == nil || !strings.Contains(err.Error(), `want initial or never, got "always"`) {
		t.Errorf("err = %v", err)
	}
}

func TestMaskDSN(t *testing.T) {
	tests := []struct{ in, want string }{
		{"mysql://root:s3cr%40t@127.0.0.1:3306/db", "mysql://root:xxxxx@127.0.0.1:3306/db"},
		{"mysql://root@127.0.0.1:3306", "mysql://root@127.0.0.1:3306"},
		{"root:p@ss:w@tcp(127.0.0.1:3306)/db", "root:xxxxx@tcp(127.0.0.1:3306)/db"},
		{"root@tcp(h:1)/", "root@tcp(h:1)/"},
		{"mysql://u:%zz@h:1", "mysql://u:xxxxx@h:1"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := MaskDSN(tt.in); got != tt.want {
				t.Errorf("MaskDSN = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestChangeFeedInfoMasked(t *testing.T) {
	cfg := replicaconfig.Default()
	reg := "https://key:regsecret@sr.example.com"
	cfg.Sink.SchemaRegistry = &reg
	pw := "kafkasecret"
	cfg.Sink.KafkaConfig = &replicaconfig.KafkaConfig{}
	cfg.Sink.KafkaConfig.SASLPassword = &pw
	info := &ChangeFeedInfo{
		SinkURI: "kafka://127.0.0.1:9093/cdc?sasl-mechanism=SCRAM-SHA-256&sasl-user=ticdc&sasl-password=verysecure",
		Config:  cfg, Extensions: Extensions{Upstream: "mysql://root:dbsecret@h:3306"},
	}
	m := info.Masked()
	if m.SinkURI != "kafka://127.0.0.1:9093/cdc?sasl-mechanism=SCRAM-SHA-256&sasl-password=xxxxx&sasl-user=ticdc" {
		t.Errorf("sink uri = %s", m.SinkURI)
	}
	if m.Upstream != "mysql://root:xxxxx@h:3306" {
		t.Errorf("upstream = %s", m.Upstream)
	}
	for _, secret := range []string{"regsecret", "kafkasecret"} {
		b, _ := m.Config.EncodeTOML()
		if strings.Contains(string(b), secret) {
			t.Errorf("masked config shows %s", secret)
		}
	}
	if *info.Config.Sink.KafkaConfig.SASLPassword != "kafkasecret" || !strings.Contains(info.SinkURI, "verysecure") {
		t.Error("Masked changed the original")
	}
}
