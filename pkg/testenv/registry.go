package testenv

import (
	"net/http/httptest"
	"testing"

	"github.com/twmb/franz-go/pkg/sr/srfake"

	"github.com/cdcctl/cdcctl/pkg/playground"
)

// SchemaRegistry is an in-process registry speaking the Confluent REST API
// (franz-go's srfake) that also answers the root probe TiCDC and cdcctl
// send at start-up (GET / → {}), as a real Confluent registry does.
type SchemaRegistry struct {
	*srfake.Registry
	srv *httptest.Server
}

// URL is the registry's base URL.
func (r *SchemaRegistry) URL() string { return r.srv.URL }

// Registry starts a SchemaRegistry on loopback for the test; it is closed
// when the test ends.
func Registry(t testing.TB, opts ...srfake.Option) *SchemaRegistry {
	t.Helper()
	reg := srfake.NewRegistry(opts...)
	srv := httptest.NewServer(playground.RegistryHandler(reg))
	t.Cleanup(srv.Close)
	return &SchemaRegistry{Registry: reg, srv: srv}
}
