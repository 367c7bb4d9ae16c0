package sinkuri

import (
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, that a URI it accepts masks
// without error, and that the API mask never shows a sasl-password value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"kafka://127.0.0.1:9092/ticdc-meta?protocol=avro",
		"kafka://h1:9092,h2:9093/cdc?sasl-mechanism=SCRAM-SHA-256&sasl-user=u&sasl-password=p%2Bq",
		"kafka+ssl://[::1]:9093/t?enable-tls=true&ca=a&cert=b&key=c",
		"kafka://u:p@h:9092/t?schema-registry=https%3A%2F%2Fk%3As%40sr&partition-num=6&required-acks=-1",
		"kafka://h:9092/t?%zz=1&a=%zz",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := Parse(raw)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("multi-line error %q", err)
			}
			return
		}
		masked, err := MaskAPI(u.String())
		if err != nil {
			t.Fatalf("MaskAPI of an accepted URI: %v", err)
		}
		if p := u.Kafka.SASLPassword; p != nil && len(*p) > 5 && strings.Contains(masked, "sasl-password="+*p) {
			t.Errorf("MaskAPI shows the password: %s", masked)
		}
		_ = MaskLog(raw)
		_ = u.Warnings()
		_, _ = u.Kafka.Options()
	})
}
