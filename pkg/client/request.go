package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/api"
)

// maxAnswerBytes bounds the answers read from a server.
const maxAnswerBytes = 16 << 20

// ConnectionError says the server could not be reached (or did not answer
// in time). Server is the address without credentials.
type ConnectionError struct {
	Server string
	Err    error
}

func (e *ConnectionError) Error() string {
	return fmt.Sprintf("cannot reach server %s: %v", e.Server, e.Err)
}

func (e *ConnectionError) Unwrap() error { return e.Err }

// request is one API call.
type request struct {
	method  string
	path    string // below /api/v2, e.g. "/changefeeds/x"
	query   url.Values
	body    any
	secrets []string // replaced by xxxxx in any error text
}

// do sends req and decodes a 2xx answer into out (nil: ignore the body).
func (c *Client) do(ctx context.Context, req request, out any) error {
	// req.path holds escaped segments (an ID is path-escaped): keep them
	// escaped on the wire.
	u := *c.base
	escaped := c.base.EscapedPath() + "/api/v2" + req.path
	p, err := url.PathUnescape(escaped)
	if err != nil {
		return fmt.Errorf("build %s %s: %w", req.method, req.path, err)
	}
	u.Path, u.RawPath = p, escaped
	if req.query != nil {
		u.RawQuery = req.query.Encode()
	}
	var body io.Reader
	if req.body != nil {
		b, err := json.Marshal(req.body)
		if err != nil {
			return fmt.Errorf("encode %s %s: %w", req.method, req.path, err)
		}
		body = bytes.NewReader(b)
	}
	hr, err := http.NewRequestWithContext(ctx, req.method, u.String(), body)
	if err != nil {
		return fmt.Errorf("build %s %s: %w", req.method, req.path, err)
	}
	hr.Header.Set("Accept", "application/json")
	hr.Header.Set("User-Agent", c.userAgent)
	if req.body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		hr.Header.Set("Authorization", "Bearer "+c.token)
	} else if c.user != nil {
		pw, _ := c.user.Password()
		hr.SetBasicAuth(c.user.Username(), pw)
	}
	resp, err := c.hc.Do(hr)
	if err != nil {
		return c.transportError(ctx, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswerBytes))
	if err != nil {
		return &ConnectionError{Server: c.display, Err: fmt.Errorf("read answer of %s %s: %w", req.method, u.Path, err)}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return redact(c.answerError(req, u.Path, resp, data), req.secrets)
	}
	if out == nil {
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("server %s answered %s %s with an empty body", c.display, req.method, u.Path)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return redact(fmt.Errorf("decode answer of %s %s from %s: %w", req.method, u.Path, c.display, err), req.secrets)
	}
	return nil
}

// transportError names the server, never the full URL (which could carry
// credentials) and keeps context errors recognisable.
func (c *Client) transportError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("call server %s: %w", c.display, ctx.Err())
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &ConnectionError{Server: c.display, Err: err}
}

// answerError turns a non-2xx answer into *api.Error: TiCDC's body when the
// server sent one, else a message naming the server, status and route.
func (c *Client) answerError(req request, path string, resp *http.Response, data []byte) error {
	var body api.ErrorBody
	if err := json.Unmarshal(data, &body); err == nil && (body.Message != "" || body.Code != "") {
		return &api.Error{Code: body.Code, Message: body.Message, HTTPStatus: resp.StatusCode}
	}
	text := strings.Join(strings.Fields(string(data)), " ")
	if len(text) > 200 {
		text = text[:200] + "…"
	}
	msg := fmt.Sprintf("server %s answered %s to %s %s", c.display, resp.Status, req.method, path)
	if text != "" {
		msg += ": " + text
	}
	return &api.Error{Message: msg, HTTPStatus: resp.StatusCode}
}
