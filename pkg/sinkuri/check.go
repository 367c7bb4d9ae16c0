package sinkuri

import (
	"strconv"
	"strings"
	"time"
)

// SASLMechanisms lists the SASL mechanisms TiCDC accepts, canonical case.
func SASLMechanisms() []string {
	return []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "GSSAPI", "OAUTHBEARER"}
}

// Compressions lists the producer compression codecs TiCDC knows.
func Compressions() []string { return []string{"none", "gzip", "snappy", "lz4", "zstd"} }

// IsTopicChars reports whether s is non-empty and made only of the
// characters Kafka allows in names ([A-Za-z0-9._-]); TiCDC applies the same
// rule to kafka-client-id and to literal dispatcher topics.
func IsTopicChars(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// CheckValues checks every parameter set in k on its own (type ranges and
// allowed values); where names the source in errors (WhereURI,
// WhereKafkaConfig). Rules between parameters are checked by Validate.
func (k *Kafka) CheckValues(where string) error {
	if k.PartitionNum != nil && *k.PartitionNum <= 0 {
		return paramErr(where, "partition-num", "want a positive integer, got %d", *k.PartitionNum)
	}
	if k.ReplicationFactor != nil && *k.ReplicationFactor <= 0 {
		return paramErr(where, "replication-factor", "want a positive integer, got %d", *k.ReplicationFactor)
	}
	if v := str(k.KafkaVersion); v != "" && !validKafkaVersion(v) {
		return paramErr(where, "kafka-version", `want a Kafka version such as "2.4.0" or "0.11.0.2", got %q`, v)
	}
	if k.MaxMessageBytes != nil && *k.MaxMessageBytes <= 0 {
		return paramErr(where, "max-message-bytes", "want a positive integer, got %d", *k.MaxMessageBytes)
	}
	if v := str(k.KafkaClientID); v != "" && !IsTopicChars(v) {
		return paramErr(where, "kafka-client-id", "may contain only A-Z a-z 0-9 . _ -, got %s", shown("kafka-client-id", v))
	}
	for _, d := range []struct {
		name string
		v    *string
	}{{"dial-timeout", k.DialTimeout}, {"write-timeout", k.WriteTimeout}, {"read-timeout", k.ReadTimeout}} {
		if err := checkTimeout(where, d.name, str(d.v)); err != nil {
			return err
		}
	}
	if k.RequiredAcks != nil {
		if a := *k.RequiredAcks; a != -1 && a != 0 && a != 1 {
			return paramErr(where, "required-acks", "only -1, 0 or 1 are allowed, got %d", a)
		}
	}
	if v := str(k.SASLMechanism); v != "" && NormalizeSASLMechanism(v) == "" {
		return paramErr(where, "sasl-mechanism", "unknown SASL mechanism %q, want one of %s", v, strings.Join(SASLMechanisms(), ", "))
	}
	if v := str(k.SASLGssAPIAuthType); v != "" {
		if l := strings.ToLower(v); l != "user" && l != "keytab" {
			return paramErr(where, "sasl-gssapi-auth-type", `unknown auth type %q, want "user" or "keytab"`, v)
		}
	}
	return nil
}

// checkTimeout checks a Go duration parameter; "" means unset.
func checkTimeout(where, name, v string) error {
	if v == "" {
		return nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return paramErr(where, name, `want a Go duration such as "10s", got %q`, v)
	}
	if d <= 0 {
		return paramErr(where, name, "want a positive duration, got %q", v)
	}
	return nil
}

// NormalizeSASLMechanism returns the canonical (upper-case) name of a SASL
// mechanism given in any case, or "" when it is unknown.
func NormalizeSASLMechanism(m string) string {
	u := strings.ToUpper(m)
	for _, s := range SASLMechanisms() {
		if s == u {
			return s
		}
	}
	return ""
}

// NormalizeCompression returns the compression codec TiCDC uses for v
// (trimmed, lower-cased) and whether v was known; unknown codecs fall back
// to "none" with a warning in TiCDC.
func NormalizeCompression(v string) (string, bool) {
	l := strings.ToLower(strings.TrimSpace(v))
	if l == "" {
		return "none", true
	}
	for _, c := range Compressions() {
		if c == l {
			return c, true
		}
	}
	return "none", false
}

// validKafkaVersion accepts what sarama's ParseKafkaVersion accepts:
// "X.Y.Z", or "0.X.Y.Z" for pre-1.0 brokers.
func validKafkaVersion(v string) bool {
	parts := strings.Split(v, ".")
	want := 3
	if strings.HasPrefix(v, "0") {
		want = 4
	}
	if len(v) < 5 || len(parts) != want {
		return false
	}
	for i, p := range parts {
		if p == "" || (want == 4 && i == 0 && p != "0") {
			return false
		}
		if _, err := strconv.ParseUint(p, 10, 32); err != nil {
			return false
		}
	}
	return true
}
