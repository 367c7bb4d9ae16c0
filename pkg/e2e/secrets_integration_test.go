//go:build integration

package e2e

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
)

// forbidden lists what must never appear in anything cdcctl prints,
// logs or answers: each password raw and URL-encoded, a fragment of each
// that survives any encoding, and the HTTP Basic credentials of the
// registry in base64.
func forbidden() []string {
	out := []string{"Upstr3am", "Regi5try", "Wr0ngPass"}
	for _, p := range []string{upstreamPass, registryPass, wrongPass} {
		out = append(out, p, url.QueryEscape(p), url.PathEscape(p), base64.StdEncoding.EncodeToString([]byte(p)))
	}
	basic := base64.StdEncoding.EncodeToString([]byte(registryUser + ":" + registryPass))
	return append(out, basic, basic[:len(basic)-4])
}

// assertNoSecrets searches every recorded output and answer.
func assertNoSecrets(t *testing.T, tr *transcript) {
	t.Helper()
	entries := tr.all()
	var total int
	for _, e := range entries {
		text := e.text()
		total += len(text)
		for _, s := range forbidden() {
			if i := strings.Index(text, s); i >= 0 {
				lo, hi := max(0, i-80), min(len(text), i+len(s)+80)
				t.Errorf("%s holds the secret %q: …%s…", e.label, s, text[lo:hi])
			}
		}
	}
	t.Logf("searched %d outputs and answers (%d bytes) for %d secret forms", len(entries), total, len(forbidden()))
}
