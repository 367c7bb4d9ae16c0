package connect

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// KafkaConnect talks to a self-managed Kafka Connect worker's REST API.
type KafkaConnect struct {
	url        string
	user, pass string
	http       *http.Client
}

// NewKafkaConnect returns a client for the worker at baseURL
// ("http://connect:8083"); user:password in the URL, or user and pass,
// become HTTP Basic credentials. hc may be nil.
func NewKafkaConnect(baseURL, user, pass string, hc *http.Client) (*KafkaConnect, error) {
	u, err := url.Parse(baseURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("connect URL: want http(s)://host:port, got %q", redact(baseURL))
	}
	if u.User != nil {
		if user == "" {
			user = u.User.Username()
		}
		if p, ok := u.User.Password(); ok && pass == "" {
			pass = p
		}
		u.User = nil
	}
	return &KafkaConnect{url: strings.TrimSuffix(u.String(), "/"), user: user, pass: pass, http: hc}, nil
}

// Apply PUTs the configuration to /connectors/{name}/config, which creates
// (201) or updates (200) the connector.
func (c *KafkaConnect) Apply(ctx context.Context, name string, config map[string]string) (bool, error) {
	hide := secrets(config, c.pass)
	status, err := do(ctx, c.http, request{
		method: http.MethodPut, url: c.url + "/connectors/" + url.PathEscape(name) + "/config",
		body: config, user: c.user, pass: c.pass,
	}, name, "create or update on "+c.url, hide, nil)
	return status == http.StatusCreated, err
}

// Validate PUTs the configuration to
// /connector-plugins/{connector.class}/config/validate.
func (c *KafkaConnect) Validate(ctx context.Context, name string, config map[string]string) (*Validation, error) {
	return validate(ctx, c.http, c.url, c.user, c.pass, name, "validate on "+c.url, config)
}

func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
