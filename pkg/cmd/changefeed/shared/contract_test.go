package shared

import "github.com/cdcctl/cdcctl/pkg/server"

// ChangefeedAPI (what a command gets from a cdcctl or TiCDC server) and
// server.Engine (what a cdcctl server needs from its engine) describe the
// same TiCDC endpoints from two sides, each documented for its side. This
// keeps their changefeed methods the same, so that either interface can
// change only with the other.
var _ ChangefeedAPI = server.Engine(nil)
