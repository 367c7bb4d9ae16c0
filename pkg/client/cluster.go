package client

import (
	"context"
	"net/http"

	"github.com/cdcctl/cdcctl/pkg/api"
)

// Health returns nil when the server reports itself healthy (GET /health).
func (c *Client) Health(ctx context.Context) error {
	return c.do(ctx, request{method: http.MethodGet, path: "/health"}, nil)
}

// Status describes the server (GET /status).
func (c *Client) Status(ctx context.Context) (*api.ServerStatus, error) {
	var st api.ServerStatus
	if err := c.do(ctx, request{method: http.MethodGet, path: "/status"}, &st); err != nil {
		return nil, err
	}
	return &st, nil
}

// Captures lists the servers of the cluster (GET /captures).
func (c *Client) Captures(ctx context.Context) ([]api.Capture, error) {
	var out api.ListResponse[api.Capture]
	if err := c.do(ctx, request{method: http.MethodGet, path: "/captures"}, &out); err != nil {
		return nil, err
	}
	return out.Items, nil
}
