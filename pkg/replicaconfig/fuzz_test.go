package replicaconfig

import (
	"os"
	"strings"
	"testing"
)

// FuzzDecodeTOML decodes arbitrary TOML, validates what decodes and
// renders it; none of it may panic, and a decoded config must survive a
// TOML round trip.
func FuzzDecodeTOML(f *testing.F) {
	for _, name := range []string{"spec-example.toml", "confluent-guide.toml", "other-sinks.toml"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("sync-point-interval = 5\n[sink]\nprotocol='avro'\ndispatchers=[{matcher=['*.*'], dispatcher='ts', partition='x'}]")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := DecodeTOML([]byte(text), "fuzz.toml")
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("multi-line error %q", err)
			}
			return
		}
		_ = c.Clone().Validate()
		_ = c.Warnings()
		_ = c.Masked()
		out, err := c.EncodeTOML()
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		if _, err := DecodeTOML(out, "again.toml"); err != nil {
			t.Fatalf("re-decode of encoded config failed: %v\n%s", err, out)
		}
	})
}
