package sinkuri

import (
	"net/url"
	"strings"
)

// sensitiveWords are the substrings that make a query key secret in TiCDC's
// log mask.
func sensitiveWords() []string {
	return []string{"password", "passwd", "pwd", "access", "token", "secret", "key", "signature", "credential", "private", "client"}
}

// IsSensitiveKey reports whether TiCDC's log mask hides the value of a
// query parameter with this name: its lower-case form contains password,
// passwd, pwd, access, token, secret, key, signature, credential, private
// or client (so "key" and "kafka-client-id" are hidden too).
func IsSensitiveKey(key string) bool {
	l := strings.ToLower(key)
	for _, w := range sensitiveWords() {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// MaskAPI is the mask TiCDC applies to sink_uri in API responses and CLI
// query output: the sasl-password parameter and the user-info password
// become xxxxx, and when a parameter was replaced the query is re-encoded
// with its keys sorted (TiCDC's exact behaviour). cdcctl also masks the
// password of a schema-registry URL in the query, which TiCDC shows.
func MaskAPI(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	q := u.Query()
	changed := false
	if q.Has("sasl-password") {
		q.Set("sasl-password", masked)
		changed = true
	}
	if maskRegistryParam(q) {
		changed = true
	}
	if changed {
		u.RawQuery = q.Encode()
	}
	return u.Redacted(), nil
}

// MaskLog is TiCDC's broad mask for logs and error messages: every query
// parameter whose name IsSensitiveKey becomes xxxxx, the query is re-encoded
// with sorted keys, the user-info password becomes xxxxx, and the password
// of a schema-registry URL in the query is masked. An unparseable URI
// gives "".
func MaskLog(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	q := u.Query()
	for k := range q {
		if IsSensitiveKey(k) {
			q.Set(k, masked)
		}
	}
	maskRegistryParam(q)
	u.RawQuery = q.Encode()
	return u.Redacted()
}

// MaskForError is MaskLog for error messages: an unparseable URI gives
// "<invalid uri>".
func MaskForError(raw string) string {
	if m := MaskLog(raw); m != "" || raw == "" {
		return m
	}
	return "<invalid uri>"
}

// maskRegistryParam masks the credentials of every schema-registry value
// in q and reports whether it changed anything.
func maskRegistryParam(q url.Values) bool {
	vs, ok := q["schema-registry"]
	if !ok {
		return false
	}
	changed := false
	for i, v := range vs {
		if m := MaskRegistryURL(v); m != v {
			vs[i] = m
			changed = true
		}
	}
	return changed
}
