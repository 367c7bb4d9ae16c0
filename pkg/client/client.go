// Package client is a typed client of TiCDC's OpenAPI v2 for changefeeds,
// usable against a cdcctl server or a real TiCDC:
//
//	c, err := client.New("http://127.0.0.1:8300", client.WithToken(tok))
//	info, err := c.Changefeeds().Get(ctx, api.ChangefeedID{Namespace: "default", ID: "orders"})
//
// Errors the server answers are decoded from TiCDC's error body into
// *api.Error (code, message, HTTP status). A server that cannot be reached
// gives a *ConnectionError naming it ("cannot reach server http://…: …").
// No error ever carries a secret: the server address is shown without
// credentials, and secrets of a request body (sink URI passwords, registry
// and upstream credentials, SASL settings) are replaced by xxxxx in any
// message the server sends back.
package client

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// DefaultTimeout bounds one request when the caller's context has no
// deadline; TiCDC's remove alone may take a minute.
const DefaultTimeout = 90 * time.Second

// Client talks to one server. It is safe for concurrent use.
type Client struct {
	base      *url.URL // without user info
	display   string   // base for messages, credentials never shown
	hc        *http.Client
	token     string
	user      *url.Userinfo // Basic auth from the address (TiCDC's client-user-required)
	userAgent string
}

// Option configures a Client.
type Option func(*options) error

type options struct {
	token      string
	hc         *http.Client
	tls        *tls.Config
	userAgent  string
	timeout    time.Duration
	preferTLS  bool
	tlsFileErr error
}

// WithToken sends token as "Authorization: Bearer <token>" (cdcctl's
// --server-token).
func WithToken(token string) Option {
	return func(o *options) error { o.token = token; return nil }
}

// WithHTTPClient uses hc instead of a client built from the other options
// (WithTLS and WithTimeout are then ignored).
func WithHTTPClient(hc *http.Client) Option {
	return func(o *options) error { o.hc = hc; return nil }
}

// WithTimeout bounds each request (default DefaultTimeout; 0 for none).
func WithTimeout(d time.Duration) Option {
	return func(o *options) error { o.timeout = d; return nil }
}

// WithUserAgent sets the User-Agent header (default "cdcctl").
func WithUserAgent(ua string) Option {
	return func(o *options) error { o.userAgent = ua; return nil }
}

// WithTLS trusts the CA in caFile (empty: the system roots) and presents
// the client certificate in certFile/keyFile (both or neither). An address
// without a scheme then defaults to https.
func WithTLS(caFile, certFile, keyFile string) Option {
	return func(o *options) error {
		cfg := &tls.Config{MinVersion: tls.VersionTLS12}
		if caFile != "" {
			pem, err := os.ReadFile(caFile)
			if err != nil {
				return fmt.Errorf("server TLS: read CA file: %w", err)
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return fmt.Errorf("server TLS: CA file %s holds no PEM certificate", caFile)
			}
			cfg.RootCAs = pool
		}
		if (certFile == "") != (keyFile == "") {
			return fmt.Errorf("server TLS: give both the certificate and the key file, or neither")
		}
		if certFile != "" {
			cert, err := tls.LoadX509KeyPair(certFile, keyFile)
			if err != nil {
				return fmt.Errorf("server TLS: load client certificate: %w", err)
			}
			cfg.Certificates = []tls.Certificate{cert}
		}
		o.tls, o.preferTLS = cfg, true
		return nil
	}
}

// New returns a client of the server at address: http(s)://host:port,
// optionally with a path prefix and user:password@ (sent as Basic auth, as
// TiCDC's --user/--password are). An address without a scheme gets
// http:// (https:// with WithTLS).
func New(address string, opts ...Option) (*Client, error) {
	o := options{userAgent: "cdcctl", timeout: DefaultTimeout}
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	base, err := parseAddress(address, o.preferTLS)
	if err != nil {
		return nil, err
	}
	c := &Client{base: base, token: o.token, user: base.User, userAgent: o.userAgent}
	c.base.User = nil
	c.display = strings.TrimSuffix(c.base.String(), "/")
	c.hc = o.hc
	if c.hc == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		if o.tls != nil {
			tr.TLSClientConfig = o.tls
		}
		c.hc = &http.Client{Transport: tr, Timeout: o.timeout}
	}
	return c, nil
}

func parseAddress(address string, preferTLS bool) (*url.URL, error) {
	shown := address
	if strings.Contains(address, "@") {
		shown = "(address with credentials)"
		if u, err := url.Parse(address); err == nil {
			shown = u.Redacted()
		}
	}
	if address == "" {
		return nil, fmt.Errorf("invalid server address: empty, want http(s)://host:port")
	}
	if !strings.Contains(address, "://") {
		scheme := "http://"
		if preferTLS {
			scheme = "https://"
		}
		address = scheme + address
	}
	u, err := url.Parse(address)
	if err != nil {
		return nil, fmt.Errorf("invalid server address %q: want http(s)://host:port", shown)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("invalid server address %q: scheme %q, want http or https", shown, u.Scheme)
	}
	if u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("invalid server address %q: want http(s)://host:port", shown)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// Server returns the server's address as messages show it (no credentials).
func (c *Client) Server() string { return c.display }

// Changefeeds returns the changefeed API.
func (c *Client) Changefeeds() *Changefeeds { return &Changefeeds{c: c} }
