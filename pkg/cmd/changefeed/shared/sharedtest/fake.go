// Package sharedtest fakes the changefeed API for the tests of the
// changefeed verbs: each method runs its func field, and a call without
// one fails the test's expectations with an "unexpected call" error.
package sharedtest

import (
	"context"
	"fmt"
	"sync"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
)

// API is a fake shared.ChangefeedAPI that records its calls.
type API struct {
	CreateFunc func(*api.ChangefeedConfig) (*api.ChangeFeedInfo, error)
	ListFunc   func(namespace, state string) ([]api.ChangefeedCommonInfo, error)
	GetFunc    func(api.ChangefeedID) (*api.ChangeFeedInfo, error)
	UpdateFunc func(api.ChangefeedID, *api.ChangefeedConfig) (*api.ChangeFeedInfo, error)
	RemoveFunc func(api.ChangefeedID) error
	PauseFunc  func(api.ChangefeedID) error
	ResumeFunc func(api.ChangefeedID, uint64) error
	StatusFunc func(api.ChangefeedID) (*api.ChangefeedStatus, error)

	mu    sync.Mutex
	calls []string
}

var _ shared.ChangefeedAPI = (*API)(nil)

// Client returns a constructor for Options.Client.
func (f *API) Client() func() (shared.ChangefeedAPI, error) {
	return func() (shared.ChangefeedAPI, error) { return f, nil }
}

// Calls lists the calls made, e.g. "Get default/orders".
func (f *API) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

func (f *API) record(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
}

func unexpected(method string) error { return fmt.Errorf("sharedtest: unexpected call to %s", method) }

// Create implements shared.ChangefeedAPI.
func (f *API) Create(_ context.Context, cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error) {
	f.record("Create %s/%s", cfg.Namespace, cfg.ID)
	if f.CreateFunc == nil {
		return nil, unexpected("Create")
	}
	return f.CreateFunc(cfg)
}

// List implements shared.ChangefeedAPI.
func (f *API) List(_ context.Context, namespace, state string) ([]api.ChangefeedCommonInfo, error) {
	f.record("List %s state=%s", namespace, state)
	if f.ListFunc == nil {
		return nil, unexpected("List")
	}
	return f.ListFunc(namespace, state)
}

// Get implements shared.ChangefeedAPI.
func (f *API) Get(_ context.Context, id api.ChangefeedID) (*api.ChangeFeedInfo, error) {
	f.record("Get %s", id)
	if f.GetFunc == nil {
		return nil, unexpected("Get")
	}
	return f.GetFunc(id)
}

// Update implements shared.ChangefeedAPI.
func (f *API) Update(_ context.Context, id api.ChangefeedID, cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error) {
	f.record("Update %s", id)
	if f.UpdateFunc == nil {
		return nil, unexpected("Update")
	}
	return f.UpdateFunc(id, cfg)
}

// Remove implements shared.ChangefeedAPI.
func (f *API) Remove(_ context.Context, id api.ChangefeedID) error {
	f.record("Remove %s", id)
	if f.RemoveFunc == nil {
		return unexpected("Remove")
	}
	return f.RemoveFunc(id)
}

// Pause implements shared.ChangefeedAPI.
func (f *API) Pause(_ context.Context, id api.ChangefeedID) error {
	f.record("Pause %s", id)
	if f.PauseFunc == nil {
		return unexpected("Pause")
	}
	return f.PauseFunc(id)
}

// Resume implements shared.ChangefeedAPI.
func (f *API) Resume(_ context.Context, id api.ChangefeedID, ts uint64) error {
	f.record("Resume %s ts=%d", id, ts)
	if f.ResumeFunc == nil {
		return unexpected("Resume")
	}
	return f.ResumeFunc(id, ts)
}

// Status implements shared.ChangefeedAPI.
func (f *API) Status(_ context.Context, id api.ChangefeedID) (*api.ChangefeedStatus, error) {
	f.record("Status %s", id)
	if f.StatusFunc == nil {
		return nil, unexpected("Status")
	}
	return f.StatusFunc(id)
}
