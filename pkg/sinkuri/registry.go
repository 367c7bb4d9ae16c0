package sinkuri

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Registry is a Confluent Schema Registry endpoint. Its URL may carry
// credentials as user:pass@ (TiCDC's way to reach Confluent Cloud, where
// the key and secret must be URL-encoded); they are decoded for use and
// never printed.
type Registry struct {
	URL      string // scheme://host[:port][/path], without credentials
	Username string // decoded; "" when none
	Password string // decoded; "" when none
}

// ParseRegistry parses a schema-registry URL: http or https with a host,
// optional user:pass@ credentials. Errors never contain the password.
func ParseRegistry(raw string) (Registry, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return Registry{}, errors.New(registryParseError(err, strings.Contains(raw, "@")))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return Registry{}, fmt.Errorf("want an http:// or https:// URL, got %q", MaskRegistryURL(raw))
	}
	if u.Host == "" {
		return Registry{}, fmt.Errorf("want a URL with a host, got %q", MaskRegistryURL(raw))
	}
	r := Registry{}
	if u.User != nil {
		r.Username = u.User.Username()
		r.Password, _ = u.User.Password()
		u.User = nil
	}
	u.RawQuery, u.Fragment = "", ""
	r.URL = strings.TrimRight(u.String(), "/")
	return r, nil
}

// String renders the registry for people and logs: the URL with the user
// and, when there is a password, xxxxx in its place.
func (r Registry) String() string {
	if r.Username == "" && r.Password == "" {
		return r.URL
	}
	u, err := url.Parse(r.URL)
	if err != nil {
		return r.URL
	}
	if r.Password != "" {
		u.User = url.UserPassword(r.Username, masked)
	} else {
		u.User = url.User(r.Username)
	}
	return u.String()
}

// MaskRegistryURL masks the password of a schema-registry URL; a URL that
// does not parse is replaced whole by "<invalid url>" when it might hold
// credentials.
func MaskRegistryURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		if strings.Contains(raw, "@") {
			return "<invalid url>"
		}
		return raw
	}
	return u.Redacted()
}

func registryParseError(err error, userInfo bool) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := strings.TrimPrefix(err.Error(), "net/url: ")
	var esc url.EscapeError
	if errors.As(err, &esc) || userInfo {
		return `malformed URL (text withheld): URL-encode the key and secret in user:pass@ ("/" as %2F, "@" as %40, "%" as %25)`
	}
	return "malformed URL: " + msg
}
