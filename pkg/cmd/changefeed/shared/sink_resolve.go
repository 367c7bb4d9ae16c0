package shared

import (
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

// Resolve validates the sink exactly as `changefeed validate` and TiCDC's
// create do (sinkuri.Parse, then replicaconfig.Resolve: file, registry,
// URI, Validate) and returns the effective configuration and the
// warnings (what TiCDC accepts but ignores).
func (s *Sink) Resolve() (*replicaconfig.ReplicaConfig, []string, error) {
	u, err := sinkuri.Parse(s.URI)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := replicaconfig.Resolve(replicaconfig.Source{SinkURI: u, File: s.File, FileName: s.FileName, SchemaRegistry: s.Registry})
	if err != nil {
		return nil, nil, err
	}
	return cfg, cfg.WarningsWith(u), nil
}

// ResolveOver validates an update: the new URI (or the current one) with
// the new configuration (or the current one), as the server will combine
// them. current comes from the server and may be masked; masked values
// still have the shape validation looks at.
func (s *Sink) ResolveOver(currentURI string, current *replicaconfig.ReplicaConfig) ([]string, error) {
	raw := s.URI
	if raw == "" {
		raw = currentURI
	}
	u, err := sinkuri.Parse(raw)
	if err != nil {
		return nil, err
	}
	cfg := s.ConfigToSend(current)
	if cfg == nil && current != nil {
		cfg = current.Clone()
	} else if cfg == nil {
		cfg = replicaconfig.Default()
	}
	cfg.ApplySinkURI(u)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return cfg.WarningsWith(u), nil
}

// ConfigToSend is the replica configuration to send: the file's (over
// TiCDC's defaults), else base (the defaults on create, the current
// configuration on update) when only the registry changes, with the
// registry set; nil when neither was given (the server keeps its own).
func (s *Sink) ConfigToSend(base *replicaconfig.ReplicaConfig) *replicaconfig.ReplicaConfig {
	var c *replicaconfig.ReplicaConfig
	switch {
	case s.Config != nil:
		c = s.Config.Clone()
	case s.Registry != "" && base != nil:
		c = base.Clone()
	case s.Registry != "":
		c = replicaconfig.Default()
	default:
		return nil
	}
	if s.Registry != "" {
		reg := s.Registry
		c.Sink.SchemaRegistry = &reg
	}
	return c
}
