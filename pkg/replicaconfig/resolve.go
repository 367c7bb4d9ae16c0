package replicaconfig

import "github.com/cdcctl/cdcctl/pkg/sinkuri"

// Source is what a user gives when creating a changefeed.
type Source struct {
	// SinkURI is the parsed --sink-uri.
	SinkURI *sinkuri.URI
	// File is the changefeed.conf content (--config); nil when none.
	File []byte
	// FileName names the file in errors.
	FileName string
	// SchemaRegistry is the --schema-registry value ("" when not given).
	SchemaRegistry string
}

// Resolve builds and validates a changefeed's effective configuration the
// way `changefeed create` does, in TiCDC's order: the file decoded
// strictly over the defaults, the --schema-registry value over the file's
// [sink] schema-registry, the sink URI's parameters over both, then
// Validate. The result is ready for the engine or the API.
func Resolve(src Source) (*ReplicaConfig, error) {
	c := Default()
	if src.File != nil {
		var err error
		if c, err = DecodeTOML(src.File, src.FileName); err != nil {
			return nil, err
		}
	}
	if src.SchemaRegistry != "" {
		c.Sink.SchemaRegistry = ptr(src.SchemaRegistry)
	}
	if src.SinkURI != nil {
		c.ApplySinkURI(src.SinkURI)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}
