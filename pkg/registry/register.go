package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Error is a registry's refusal: an HTTP status other than 200 that is not
// retried (4xx, e.g. 409 for a schema incompatible with the subject's
// history), or a 200 without a usable id.
type Error struct {
	Subject string
	URL     string
	Status  int
	Code    int    // Confluent error_code, 0 when absent
	Message string // the registry's message
}

func (e *Error) Error() string {
	code := ""
	if e.Code != 0 {
		code = fmt.Sprintf(" (error_code %d)", e.Code)
	}
	return fmt.Sprintf("schema registry %s refused the schema for subject %q: HTTP %d%s: %s",
		e.URL, e.Subject, e.Status, code, e.Message)
}

// Incompatible reports whether the registry refused the schema as
// incompatible with the subject's earlier versions (HTTP 409).
func (e *Error) Incompatible() bool { return e.Status == http.StatusConflict }

// Register registers schema (compact Avro JSON) under subject and returns
// its id, as TiCDC does: POST /subjects/<subject>/versions with body
// {"schema":…} and no schemaType. Network errors and 5xx answers are retried
// with backoff until ctx ends; a 4xx answer is returned as *Error at once.
func (c *Client) Register(ctx context.Context, subject, schema string) (int, error) {
	body, err := json.Marshal(struct {
		Schema string `json:"schema"`
	}{schema})
	if err != nil {
		return 0, fmt.Errorf("schema registry: subject %q: %w", subject, err)
	}
	uri := c.base + "/subjects/" + url.QueryEscape(subject) + "/versions"
	status, resp, err := c.doRetry(ctx, http.MethodPost, uri, body)
	if err != nil {
		return 0, fmt.Errorf("schema registry %s: registering subject %q: %w", c.base, subject, err)
	}
	if status != http.StatusOK {
		code, msg := decodeError(resp)
		return 0, &Error{Subject: subject, URL: c.base, Status: status, Code: code, Message: msg}
	}
	var out struct {
		ID int `json:"id"`
	}
	if err := json.Unmarshal(resp, &out); err != nil || out.ID == 0 {
		return 0, &Error{Subject: subject, URL: c.base, Status: status,
			Message: "illegal schema id in response " + truncate(string(resp), 200)}
	}
	return out.ID, nil
}

// doRetry sends a request until it gets an answer that is not a 5xx (or
// other non-2xx, non-4xx status), retrying network errors, with backoff
// bounded by ctx. It returns the final status and body.
func (c *Client) doRetry(ctx context.Context, method, uri string, body []byte) (int, []byte, error) {
	delay := c.backoff.Initial
	var lastAnswer error // the last failure the registry (or network) gave, not the deadline
	for attempt := 1; ; attempt++ {
		req, err := c.newRequest(ctx, method, uri, body)
		if err != nil {
			return 0, nil, err
		}
		status, resp, err := c.do(req)
		if err == nil && (status >= 200 && status < 300 || status >= 400 && status < 500) {
			return status, resp, nil
		}
		if ctx.Err() != nil {
			if err == nil {
				lastAnswer = fmt.Errorf("HTTP %d", status)
			} else if lastAnswer == nil {
				lastAnswer = err
			}
			return 0, nil, fmt.Errorf("giving up after %d attempts (%w): last error: %v", attempt, ctx.Err(), lastAnswer)
		}
		if err == nil {
			_, msg := decodeError(resp)
			err = fmt.Errorf("HTTP %d: %s", status, msg)
		}
		lastAnswer = err
		wait := c.backoff.jitter(delay)
		c.logger.Warn("schema registry request failed; retrying", "method", method, "url", uri,
			"attempt", attempt, "retry_in", wait, "error", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return 0, nil, fmt.Errorf("giving up after %d attempts (%w): last error: %v", attempt, ctx.Err(), err)
		case <-t.C:
		}
		delay = c.backoff.next(delay)
	}
}

func (c *Client) do(req *http.Request) (int, []byte, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return 0, nil, err
	}
	return resp.StatusCode, body, nil
}
