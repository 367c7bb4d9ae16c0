package registry

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/riferrei/srclient"
)

// Header values TiCDC sends on registry requests.
const (
	contentType = "application/vnd.schemaregistry.v1+json"
	acceptTypes = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json"
)

// Client is a Schema Registry client. Registration and the probe are
// written here rather than with srclient because srclient's CreateSchema
// takes no context (so a stopping changefeed could not interrupt it), omits
// TiCDC's Accept header, accepts any 2xx instead of exactly 200, and issues
// an extra GET per registration; it has no probe at all. Lookups by id use
// srclient, whose caching GetSchema fits the consumer side.
type Client struct {
	base       string // scheme://host[:port][/path] without userinfo or trailing "/"
	user, pass string
	hasAuth    bool
	http       *http.Client
	sr         *srclient.SchemaRegistryClient
	logger     *slog.Logger
	backoff    Backoff
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client (default: 30 s timeout).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// WithLogger sets the logger for retries (default: discard).
func WithLogger(l *slog.Logger) Option { return func(c *Client) { c.logger = l } }

// WithBackoff sets the retry backoff (default: DefaultBackoff).
func WithBackoff(b Backoff) Option { return func(c *Client) { c.backoff = b } }

// New returns a client for the registry at rawURL. Credentials may be given
// as URL userinfo ("https://user:pass@host"); they are URL-decoded and sent
// as HTTP Basic auth.
func New(rawURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, fmt.Errorf("schema registry URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("schema registry URL %q: scheme must be http or https", Redact(rawURL))
	}
	if u.Host == "" {
		return nil, fmt.Errorf("schema registry URL %q: no host", Redact(rawURL))
	}
	c := &Client{
		http:    &http.Client{Timeout: 30 * time.Second},
		logger:  slog.New(slog.DiscardHandler),
		backoff: DefaultBackoff(),
	}
	if u.User != nil {
		c.user = u.User.Username()
		c.pass, _ = u.User.Password()
		c.hasAuth = true
		u.User = nil
	}
	c.base = strings.TrimRight(u.String(), "/")
	for _, o := range opts {
		o(c)
	}
	c.sr = srclient.NewSchemaRegistryClient(c.base, srclient.WithClient(c.http))
	if c.hasAuth {
		c.sr.SetCredentials(c.user, c.pass)
	}
	return c, nil
}

// URL returns the registry's base URL without credentials.
func (c *Client) URL() string { return c.base }

// Probe checks the registry the way TiCDC does at changefeed creation: a
// GET of the base URL must answer exactly "{}".
func (c *Client) Probe(ctx context.Context) error {
	req, err := c.newRequest(ctx, http.MethodGet, c.base, nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("schema registry %s: %w", c.base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if err != nil {
		return fmt.Errorf("schema registry %s: reading probe response: %w", c.base, err)
	}
	if string(body) != "{}" {
		return fmt.Errorf("schema registry %s: unexpected response from Schema Registry (HTTP %d): %q; is this a Confluent Schema Registry?",
			c.base, resp.StatusCode, truncate(string(body), 200))
	}
	return nil
}

func (c *Client) newRequest(ctx context.Context, method, uri string, body []byte) (*http.Request, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, uri, r)
	if err != nil {
		return nil, fmt.Errorf("schema registry request %s %s: %w", method, uri, err)
	}
	req.Header.Set("Accept", acceptTypes)
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	if c.hasAuth {
		req.SetBasicAuth(c.user, c.pass)
	}
	return req, nil
}

// Lookup returns the schema text registered under id.
func (c *Client) Lookup(ctx context.Context, id int) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s, err := c.sr.GetSchema(id)
	if err != nil {
		return "", fmt.Errorf("schema registry %s: schema id %d: %w", c.base, id, err)
	}
	return s.Schema(), nil
}

// Redact hides the password of a URL's userinfo.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return rawURL
	}
	return u.Redacted()
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// decodeError extracts Confluent's {"error_code":…,"message":…} body.
func decodeError(body []byte) (code int, msg string) {
	var e struct {
		Code    int    `json:"error_code"`
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &e) == nil && e.Message != "" {
		return e.Code, e.Message
	}
	return 0, truncate(strings.TrimSpace(string(body)), 500)
}
