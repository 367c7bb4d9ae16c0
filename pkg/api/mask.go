package api

import (
	"net/url"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

// maskedPassword replaces passwords in URIs and DSNs, as TiCDC's mask does.
const maskedPassword = "xxxxx"

// MaskSinkURI returns the sink URI as the API shows it (sinkuri.MaskAPI:
// sasl-password, the user-info password and schema-registry credentials
// become xxxxx); a URI that does not parse gets the broad log mask.
func MaskSinkURI(raw string) string {
	if raw == "" {
		return ""
	}
	masked, err := sinkuri.MaskAPI(raw)
	if err != nil {
		return sinkuri.MaskForError(raw)
	}
	return masked
}

// MaskDSN hides the password of an upstream DSN, in URL form
// (mysql://user:pass@host:3306/db) or Go driver form
// (user:pass@tcp(host:3306)/db). Text without credentials is returned
// as is.
func MaskDSN(dsn string) string {
	if strings.Contains(dsn, "://") {
		if u, err := url.Parse(dsn); err == nil {
			if _, has := u.User.Password(); has {
				u.User = url.UserPassword(u.User.Username(), maskedPassword)
			}
			return u.String()
		}
	}
	start := 0
	if i := strings.Index(dsn, "://"); i >= 0 {
		start = i + 3
	}
	at := strings.LastIndex(dsn, "@")
	if at < start {
		return dsn
	}
	user, _, hasPass := strings.Cut(dsn[start:at], ":")
	if !hasPass {
		return dsn
	}
	return dsn[:start] + user + ":" + maskedPassword + dsn[at:]
}

// Masked returns a copy of i with every secret hidden: the sink URI
// (MaskSinkURI), the replica configuration (SASL, OAuth, Glue and TLS key
// settings and schema-registry credentials, which TiCDC itself shows) and
// the upstream DSN.
func (i *ChangeFeedInfo) Masked() *ChangeFeedInfo {
	if i == nil {
		return nil
	}
	c := *i
	c.SinkURI = MaskSinkURI(i.SinkURI)
	if i.Config != nil {
		c.Config = i.Config.Masked()
	}
	c.Upstream = MaskDSN(i.Upstream)
	return &c
}
