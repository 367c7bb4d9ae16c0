package testenv

import (
	"testing"

	"github.com/twmb/franz-go/pkg/sr/srfake"
)

// Registry starts an in-process Schema Registry speaking the Confluent REST
// API on loopback and returns it; its URL is r.URL(). It is closed when
// the test ends.
func Registry(t testing.TB, opts ...srfake.Option) *srfake.Registry {
	t.Helper()
	r := srfake.New(opts...)
	t.Cleanup(r.Close)
	return r
}
