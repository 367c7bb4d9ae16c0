package engine

import (
	"net/url"
	"sort"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
	"github.com/cdcctl/cdcctl/pkg/sinkuri"
	"github.com/cdcctl/cdcctl/pkg/upstream"
)

// minSecretLen is the shortest secret scrubbed from error texts: shorter
// ones would turn ordinary words into "xxxxx".
const minSecretLen = 4

// scrubbed replaces a secret in an error text, as TiCDC's masks do.
const scrubbed = "xxxxx"

// secretsOf lists the secret values a changefeed holds, raw and in their
// URL-encoded forms: the upstream password, the sink URI's user-info
// password and sensitive parameters (sasl-password, …), the registry
// URL's password and the Kafka secrets of the configuration. Error texts
// are scrubbed of them: sink URIs and configurations are masked
// field by field, but an error may quote anything.
func secretsOf(sinkURI, upstreamDSN string, rc *replicaconfig.ReplicaConfig) []string {
	var out []string
	add := func(s string) {
		if len(s) < minSecretLen {
			return
		}
		out = append(out, s)
		for _, enc := range []string{url.QueryEscape(s), url.PathEscape(s), url.UserPassword("u", s).String()[2:]} {
			if enc != s {
				out = append(out, enc)
			}
		}
	}
	if upstreamDSN != "" {
		if up, err := upstream.Parse(upstreamDSN); err == nil {
			add(up.Password)
		}
	}
	if u, err := url.Parse(sinkURI); err == nil && sinkURI != "" {
		p, _ := u.User.Password()
		add(p)
		for k, vs := range u.Query() {
			if sinkuri.IsSensitiveKey(k) {
				for _, v := range vs {
					add(v)
				}
			}
		}
	}
	if rc == nil {
		return out
	}
	if r := rc.Sink.SchemaRegistry; r != nil {
		if u, err := url.Parse(*r); err == nil {
			p, _ := u.User.Password()
			add(p)
		}
	}
	if k := rc.Sink.KafkaConfig; k != nil {
		for _, p := range []*string{k.SASLPassword, k.SASLGssAPIPassword, k.SASLOAuthClientSecret} {
			if p != nil {
				add(*p)
			}
		}
	}
	return out
}

// definitionSecrets lists the secrets of a stored changefeed.
func definitionSecrets(d Definition) []string {
	rc, err := replicaconfig.DecodeJSON(d.Config)
	if err != nil {
		rc = nil
	}
	return secretsOf(d.SinkURI, d.Upstream, rc)
}

// scrub replaces every secret in msg with xxxxx, longest first so that an
// encoded form is not half-replaced by a shorter one.
func scrub(msg string, secrets []string) string {
	if msg == "" || len(secrets) == 0 {
		return msg
	}
	sorted := append([]string(nil), secrets...)
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	for _, s := range sorted {
		msg = strings.ReplaceAll(msg, s, scrubbed)
	}
	return msg
}
