// Package connect creates, updates and validates connectors through the
// Apache Kafka Connect REST API (self-managed workers) and the Confluent
// Cloud Connect API v1 (fully-managed connectors), spec downstream.md §7.
// Errors name the connector, the HTTP status and the server's message,
// with every secret of the request masked.
package connect

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Client applies and validates connector configurations.
type Client interface {
	// Apply creates the connector, or replaces its configuration when it
	// exists, and reports whether it was created.
	Apply(ctx context.Context, name string, config map[string]string) (created bool, err error)
	// Validate asks the server to check config against the plugin named
	// by its connector.class.
	Validate(ctx context.Context, name string, config map[string]string) (*Validation, error)
}

// Validation is the server's verdict on a configuration.
type Validation struct {
	Plugin     string       `json:"plugin" yaml:"plugin"`
	ErrorCount int          `json:"error_count" yaml:"error_count"`
	Errors     []FieldError `json:"errors" yaml:"errors"`
}

// FieldError lists the problems with one configuration key.
type FieldError struct {
	Key      string   `json:"key" yaml:"key"`
	Messages []string `json:"messages" yaml:"messages"`
}

// APIError is a request the server refused.
type APIError struct {
	Connector string // connector name
	Op        string // what was attempted
	Status    int
	Message   string // the server's message, secrets masked
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "(no message)"
	}
	return fmt.Sprintf("connector %s: %s: HTTP %d %s: %s", e.Connector, e.Op, e.Status, http.StatusText(e.Status), msg)
}

// masked is what a secret looks like in errors.
const masked = "******"

// secretKey reports config keys whose values are secrets.
func secretKey(k string) bool {
	k = strings.ToLower(k)
	for _, s := range []string{"secret", "password", "private.key", "passphrase", "user.info", "api.key", "token"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// secrets returns the secret values of config, longest first (so that a
// secret containing another is masked whole).
func secrets(config map[string]string, extra ...string) []string {
	var out []string
	for k, v := range config {
		if secretKey(k) && len(v) >= 4 {
			out = append(out, v)
			if user, pass, ok := strings.Cut(v, ":"); ok && strings.HasSuffix(k, "user.info") {
				out = append(out, user, pass)
			}
		}
	}
	for _, v := range extra {
		if len(v) >= 4 {
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

func mask(s string, secrets []string) string {
	for _, v := range secrets {
		s = strings.ReplaceAll(s, v, masked)
	}
	return s
}

// request is one HTTP call.
type request struct {
	method, url string
	body        any
	user, pass  string
}

// do sends r and decodes a 2xx JSON answer into out (when non-nil). A
// non-2xx answer becomes an *APIError for op; transport errors name the
// connector and op.
func do(ctx context.Context, hc *http.Client, r request, name, op string, hide []string, out any) (int, error) {
	var body io.Reader
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return 0, fmt.Errorf("connector %s: %s: %w", name, op, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, r.url, body)
	if err != nil {
		return 0, fmt.Errorf("connector %s: %s: %s", name, op, mask(err.Error(), hide))
	}
	req.Header.Set("Accept", "application/json")
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.user != "" {
		req.SetBasicAuth(r.user, r.pass)
	}
	if hc == nil {
		hc = &http.Client{Timeout: time.Minute}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, fmt.Errorf("connector %s: %s: %s", name, op, mask(err.Error(), hide))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return resp.StatusCode, fmt.Errorf("connector %s: %s: read response: %w", name, op, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, &APIError{Connector: name, Op: op, Status: resp.StatusCode, Message: mask(errorMessage(data), hide)}
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return resp.StatusCode, fmt.Errorf("connector %s: %s: decode response: %w", name, op, err)
		}
	}
	return resp.StatusCode, nil
}

// errorMessage extracts the message of the error bodies Kafka Connect
// ({"error_code","message"}) and Confluent Cloud ({"error":{"message"}},
// {"errors":[{"detail"}]}) send, or returns the body itself, shortened.
func errorMessage(body []byte) string {
	var v struct {
		Message string `json:"message"`
		Error   *struct {
			Message string `json:"message"`
		} `json:"error"`
		Errors []struct {
			Detail string `json:"detail"`
			Title  string `json:"title"`
		} `json:"errors"`
	}
	if json.Unmarshal(body, &v) == nil {
		var msgs []string
		if v.Message != "" {
			msgs = append(msgs, v.Message)
		}
		if v.Error != nil && v.Error.Message != "" {
			msgs = append(msgs, v.Error.Message)
		}
		for _, e := range v.Errors {
			if e.Detail != "" {
				msgs = append(msgs, e.Detail)
			} else if e.Title != "" {
				msgs = append(msgs, e.Title)
			}
		}
		if len(msgs) > 0 {
			return strings.Join(msgs, "; ")
		}
	}
	s := strings.TrimSpace(string(body))
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// validateResponse is the body of PUT .../config/validate on both APIs.
type validateResponse struct {
	Name       string `json:"name"`
	ErrorCount int    `json:"error_count"`
	Configs    []struct {
		Value struct {
			Name   string   `json:"name"`
			Errors []string `json:"errors"`
		} `json:"value"`
	} `json:"configs"`
}

func (r *validateResponse) validation(hide []string) *Validation {
	v := &Validation{Plugin: r.Name, ErrorCount: r.ErrorCount, Errors: []FieldError{}}
	for _, c := range r.Configs {
		if len(c.Value.Errors) == 0 {
			continue
		}
		fe := FieldError{Key: c.Value.Name}
		for _, m := range c.Value.Errors {
			fe.Messages = append(fe.Messages, mask(m, hide))
		}
		v.Errors = append(v.Errors, fe)
	}
	sort.Slice(v.Errors, func(i, j int) bool { return v.Errors[i].Key < v.Errors[j].Key })
	return v
}

// validate PUTs config to base/connector-plugins/{connector.class}/config/validate
// (the same call on Kafka Connect and Confluent Cloud) with op naming the
// call and where it went in errors.
func validate(ctx context.Context, hc *http.Client, base, user, pass, name, op string, config map[string]string) (*Validation, error) {
	class := config["connector.class"]
	if class == "" {
		return nil, fmt.Errorf("connector %s: validate: no connector.class", name)
	}
	hide := secrets(config, pass)
	var r validateResponse
	_, err := do(ctx, hc, request{
		method: http.MethodPut, url: base + "/connector-plugins/" + url.PathEscape(class) + "/config/validate",
		body: config, user: user, pass: pass,
	}, name, op, hide, &r)
	if err != nil {
		return nil, err
	}
	return r.validation(hide), nil
}
