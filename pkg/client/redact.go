package client

import (
	"encoding/json"
	"errors"
	"net/url"
	"sort"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

const redacted = "xxxxx"

// secretsOf lists the secret values a request body carries: passwords and
// other sensitive parameters of the sink URI (and of a schema-registry URL
// in it), every setting the replica configuration masks, and the upstream
// DSN's password.
func secretsOf(cfg *api.ChangefeedConfig) []string {
	if cfg == nil {
		return nil
	}
	var out []string
	out = append(out, uriSecrets(cfg.SinkURI)...)
	out = append(out, dsnPassword(cfg.Upstream))
	if cfg.ReplicaConfig != nil {
		var plain, masked any
		if b, err := json.Marshal(cfg.ReplicaConfig); err == nil {
			_ = json.Unmarshal(b, &plain)
		}
		if b, err := json.Marshal(cfg.ReplicaConfig.Masked()); err == nil {
			_ = json.Unmarshal(b, &masked)
		}
		out = append(out, changedStrings(plain, masked)...)
	}
	return out
}

// uriSecrets returns the user-info password and the values of sensitive
// query parameters of a URI, and the password of a schema-registry URL
// among them.
func uriSecrets(raw string) []string {
	u, err := url.Parse(raw)
	if err != nil {
		return nil
	}
	var out []string
	if pw, ok := u.User.Password(); ok {
		out = append(out, pw)
	}
	for k, vs := range u.Query() {
		for _, v := range vs {
			switch {
			case sinkuri.IsSensitiveKey(k):
				out = append(out, v)
			case strings.EqualFold(k, "schema-registry"):
				out = append(out, uriSecrets(v)...)
			}
		}
	}
	return out
}

// dsnPassword returns the password of a DSN in URL or Go driver form.
func dsnPassword(dsn string) string {
	if strings.Contains(dsn, "://") {
		if u, err := url.Parse(dsn); err == nil {
			pw, _ := u.User.Password()
			return pw
		}
	}
	start := 0
	if i := strings.Index(dsn, "://"); i >= 0 {
		start = i + 3
	}
	at := strings.LastIndex(dsn, "@")
	if at < start {
		return ""
	}
	_, pw, _ := strings.Cut(dsn[start:at], ":")
	return pw
}

// changedStrings walks two decoded JSON values of the same shape and
// returns the strings of a that differ in b (the secrets b masks), with
// the passwords of URLs among them.
func changedStrings(a, b any) []string {
	switch av := a.(type) {
	case map[string]any:
		bv, _ := b.(map[string]any)
		var out []string
		for k, v := range av {
			out = append(out, changedStrings(v, bv[k])...)
		}
		return out
	case []any:
		bv, _ := b.([]any)
		var out []string
		for i, v := range av {
			var w any
			if i < len(bv) {
				w = bv[i]
			}
			out = append(out, changedStrings(v, w)...)
		}
		return out
	case string:
		if bs, ok := b.(string); ok && bs == av {
			return nil
		}
		if pws := uriSecrets(av); len(pws) > 0 && strings.Contains(av, "://") {
			return pws
		}
		return []string{av}
	}
	return nil
}

// redact replaces every secret (as is and URL-encoded) in err's text.
// An *api.Error stays an *api.Error with the same code and status.
func redact(err error, secrets []string) error {
	if err == nil || len(secrets) == 0 {
		return err
	}
	uniq := map[string]bool{}
	var forms []string
	for _, s := range secrets {
		for _, f := range []string{s, url.QueryEscape(s), url.PathEscape(s)} {
			if f != "" && !uniq[f] {
				uniq[f] = true
				forms = append(forms, f)
			}
		}
	}
	// Longest first, so a secret that contains another is replaced whole.
	sort.Slice(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	scrub := func(s string) string {
		for _, f := range forms {
			s = strings.ReplaceAll(s, f, redacted)
		}
		return s
	}
	var ae *api.Error
	if errors.As(err, &ae) && err == error(ae) {
		c := *ae
		c.Message = scrub(ae.Message)
		return &c
	}
	msg := scrub(err.Error())
	if msg == err.Error() {
		return err
	}
	return errors.New(msg)
}
