package connect

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// CloudURL is the Confluent Cloud API.
const CloudURL = "https://api.confluent.cloud"

// Cloud talks to the Confluent Cloud Connect API v1 of one Kafka cluster.
type Cloud struct {
	prefix      string // .../connect/v1/environments/{env}/clusters/{cluster}
	key, secret string
	http        *http.Client
}

// NewCloud returns a client for cluster (lkc-…) of environment (env-…),
// authenticated with a Cloud API key (not a cluster key). baseURL "" is
// CloudURL; hc may be nil.
func NewCloud(baseURL, environment, cluster, key, secret string, hc *http.Client) (*Cloud, error) {
	if baseURL == "" {
		baseURL = CloudURL
	}
	u, err := url.Parse(baseURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("confluent cloud URL: want https://host, got %q", redact(baseURL))
	}
	switch {
	case !regexp.MustCompile(`^env-[a-z0-9]+$`).MatchString(environment):
		return nil, fmt.Errorf("confluent cloud environment: want env-…, got %q", environment)
	case !regexp.MustCompile(`^lkc-[a-z0-9]+$`).MatchString(cluster):
		return nil, fmt.Errorf("confluent cloud cluster: want lkc-…, got %q", cluster)
	case key == "" || secret == "":
		return nil, errors.New("confluent cloud: a Cloud API key and secret are required")
	}
	prefix := strings.TrimSuffix(u.String(), "/") + "/connect/v1/environments/" + environment + "/clusters/" + cluster
	return &Cloud{prefix: prefix, key: key, secret: secret, http: hc}, nil
}

// Apply looks the connector up, then PUTs the configuration to
// .../connectors/{name}/config, which creates or updates it.
func (c *Cloud) Apply(ctx context.Context, name string, config map[string]string) (bool, error) {
	hide := secrets(config, c.secret)
	_, err := do(ctx, c.http, request{method: http.MethodGet, url: c.connectorURL(name), user: c.key, pass: c.secret},
		name, "look up in Confluent Cloud", hide, nil)
	var apiErr *APIError
	created := errors.As(err, &apiErr) && apiErr.Status == http.StatusNotFound
	if err != nil && !created {
		return false, err
	}
	_, err = do(ctx, c.http, request{
		method: http.MethodPut, url: c.connectorURL(name) + "/config", body: config, user: c.key, pass: c.secret,
	}, name, "create or update in Confluent Cloud", hide, nil)
	return created && err == nil, err
}

// Validate PUTs the configuration to
// .../connector-plugins/{connector.class}/config/validate.
func (c *Cloud) Validate(ctx context.Context, name string, config map[string]string) (*Validation, error) {
	return validate(ctx, c.http, c.prefix, c.key, c.secret, name, "validate in Confluent Cloud", config)
}

func (c *Cloud) connectorURL(name string) string {
	return c.prefix + "/connectors/" + url.PathEscape(name)
}
