package client

import (
	"context"
	"net/http"
	"net/url"

	"github.com/cdcctl/cdcctl/pkg/api"
)

// Changefeeds is the changefeed API of a server.
type Changefeeds struct{ c *Client }

func nsQuery(namespace string) url.Values {
	if namespace == "" {
		namespace = api.DefaultNamespace
	}
	return url.Values{"namespace": {namespace}}
}

func cfPath(id api.ChangefeedID, suffix string) string {
	return "/changefeeds/" + url.PathEscape(id.ID) + suffix
}

// Create creates a changefeed (POST /changefeeds).
func (cf *Changefeeds) Create(ctx context.Context, cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error) {
	var info api.ChangeFeedInfo
	err := cf.c.do(ctx, request{method: http.MethodPost, path: "/changefeeds", body: cfg, secrets: secretsOf(cfg)}, &info)
	if err != nil {
		return nil, err
	}
	return &info, nil
}

// List lists the changefeeds of namespace whose state matches state ("":
// the live ones, "all": all; see api.State.MatchesFilter).
func (cf *Changefeeds) List(ctx context.Context, namespace, state string) ([]api.ChangefeedCommonInfo, error) {
	q := nsQuery(namespace)
	if state != "" {
		q.Set("state", state)
	}
	var out api.ListResponse[api.ChangefeedCommonInfo]
	if err := cf.c.do(ctx, request{method: http.MethodGet, path: "/changefeeds", query: q}, &out); err != nil {
		return nil, err
	}
	return out.Items, nil
}

// Get returns a changefeed in detail (GET /changefeeds/{id}).
func (cf *Changefeeds) Get(ctx context.Context, id api.ChangefeedID) (*api.ChangeFeedInfo, error) {
	var info api.ChangeFeedInfo
	if err := cf.c.do(ctx, request{method: http.MethodGet, path: cfPath(id, ""), query: nsQuery(id.Namespace)}, &info); err != nil {
		return nil, err
	}
	return &info, nil
}

// Update changes a stopped or failed changefeed (PUT /changefeeds/{id});
// zero fields of cfg keep the current values.
func (cf *Changefeeds) Update(ctx context.Context, id api.ChangefeedID, cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error) {
	var info api.ChangeFeedInfo
	req := request{method: http.MethodPut, path: cfPath(id, ""), query: nsQuery(id.Namespace), body: cfg, secrets: secretsOf(cfg)}
	if err := cf.c.do(ctx, req, &info); err != nil {
		return nil, err
	}
	return &info, nil
}

// Remove deletes a changefeed (DELETE /changefeeds/{id}). TiCDC answers
// success for a changefeed that does not exist.
func (cf *Changefeeds) Remove(ctx context.Context, id api.ChangefeedID) error {
	return cf.c.do(ctx, request{method: http.MethodDelete, path: cfPath(id, ""), query: nsQuery(id.Namespace)}, nil)
}

// Pause stops a changefeed (POST /changefeeds/{id}/pause).
func (cf *Changefeeds) Pause(ctx context.Context, id api.ChangefeedID) error {
	return cf.c.do(ctx, request{method: http.MethodPost, path: cfPath(id, "/pause"), query: nsQuery(id.Namespace)}, nil)
}

// Resume starts a stopped, failed or finished changefeed (POST
// /changefeeds/{id}/resume); a non-zero overwriteCheckpointTs replaces its
// checkpoint.
func (cf *Changefeeds) Resume(ctx context.Context, id api.ChangefeedID, overwriteCheckpointTs uint64) error {
	body := &api.ResumeChangefeedConfig{OverwriteCheckpointTs: overwriteCheckpointTs}
	return cf.c.do(ctx, request{method: http.MethodPost, path: cfPath(id, "/resume"), query: nsQuery(id.Namespace), body: body}, nil)
}

// Status returns a changefeed's state and checkpoint (GET
// /changefeeds/{id}/status).
func (cf *Changefeeds) Status(ctx context.Context, id api.ChangefeedID) (*api.ChangefeedStatus, error) {
	var st api.ChangefeedStatus
	if err := cf.c.do(ctx, request{method: http.MethodGet, path: cfPath(id, "/status"), query: nsQuery(id.Namespace)}, &st); err != nil {
		return nil, err
	}
	return &st, nil
}
