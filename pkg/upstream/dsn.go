// Package upstream is the source database as cdcctl sees it: its address
// and credentials (parsed from a mysql:// URL or a go-sql-driver DSN) and
// the checks that say whether it can be captured.
package upstream

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
)

// Upstream is a parsed upstream address. Password is only for building
// clients: String masks it.
type Upstream struct {
	User     string
	Password string
	Addr     string // host:port
	// TLS is "" (none), "true", "skip-verify" or "preferred" as the
	// go-sql-driver `tls` parameter takes it.
	TLS string
}

// Parse reads "mysql://user:password@host:port[/][?tls=true]" (TiCDC's
// sink form; the password URL-encoded) or a go-sql-driver DSN
// "user:password@tcp(host:port)/". The error never contains the password.
func Parse(raw string) (Upstream, error) {
	if strings.HasPrefix(raw, "mysql://") || strings.HasPrefix(raw, "tidb://") {
		return parseURL(raw)
	}
	cfg, err := mysql.ParseDSN(raw)
	if err != nil {
		return Upstream{}, fmt.Errorf("upstream: want mysql://user:password@host:port or a MySQL DSN user:password@tcp(host:port)/; the value given is neither (not shown: it may hold a password)")
	}
	if cfg.Net != "tcp" {
		return Upstream{}, fmt.Errorf("upstream %s: only tcp connections can stream the binlog", Mask(raw))
	}
	u := Upstream{User: cfg.User, Password: cfg.Passwd, Addr: cfg.Addr, TLS: cfg.TLSConfig}
	return u, u.validate()
}

func parseURL(raw string) (Upstream, error) {
	pu, err := url.Parse(raw)
	if err != nil {
		return Upstream{}, fmt.Errorf("upstream %s: malformed URL", Mask(raw))
	}
	u := Upstream{Addr: pu.Host}
	if pu.User != nil {
		u.User = pu.User.Username()
		u.Password, _ = pu.User.Password()
	}
	if _, _, err := net.SplitHostPort(u.Addr); err != nil {
		u.Addr = net.JoinHostPort(pu.Hostname(), "3306")
	}
	for k, v := range pu.Query() {
		switch k {
		case "tls", "ssl":
			u.TLS = v[0]
		default:
			return Upstream{}, fmt.Errorf("upstream %s: unknown parameter %q (known: tls)", Mask(raw), k)
		}
	}
	return u, u.validate()
}

func (u Upstream) validate() error {
	if u.User == "" {
		return fmt.Errorf("upstream %s: no user", u)
	}
	host, port, err := net.SplitHostPort(u.Addr)
	if err != nil || host == "" || port == "" {
		return fmt.Errorf("upstream %s: address must be host:port", u)
	}
	switch u.TLS {
	case "", "false", "true", "skip-verify", "preferred":
	default:
		return fmt.Errorf("upstream %s: tls must be true, false, skip-verify or preferred, got %q", u, u.TLS)
	}
	return nil
}

// String renders the upstream as a mysql:// URL with the password masked.
func (u Upstream) String() string {
	s := "mysql://" + url.PathEscape(u.User)
	if u.Password != "" {
		s += ":xxxxx"
	}
	s += "@" + u.Addr
	if u.TLS != "" {
		s += "?tls=" + u.TLS
	}
	return s
}

// DriverDSN returns the go-sql-driver DSN (with the password).
func (u Upstream) DriverDSN() string {
	c := mysql.NewConfig()
	c.User, c.Passwd, c.Net, c.Addr = u.User, u.Password, "tcp", u.Addr
	c.Timeout, c.ReadTimeout, c.WriteTimeout = 10*time.Second, 60*time.Second, 60*time.Second
	c.Params = map[string]string{"charset": "utf8mb4"}
	if u.TLS != "" && u.TLS != "false" {
		c.TLSConfig = u.TLS
	}
	return c.FormatDSN()
}

// TLSConfig is the TLS configuration for the binlog connection, nil
// without TLS.
func (u Upstream) TLSConfig() *tls.Config {
	switch u.TLS {
	case "true":
		host, _, _ := net.SplitHostPort(u.Addr)
		return &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	case "skip-verify", "preferred":
		return &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the user asked for it
	}
	return nil
}

// Mask hides the password of a raw upstream string (URL or DSN) for
// messages, without parsing it successfully first.
func Mask(raw string) string {
	at := strings.LastIndex(raw, "@")
	if at < 0 {
		return raw
	}
	head := raw[:at]
	start := 0
	if i := strings.Index(head, "://"); i >= 0 {
		start = i + 3
	}
	if c := strings.Index(head[start:], ":"); c >= 0 {
		return head[:start+c] + ":xxxxx" + raw[at:]
	}
	return raw
}
