package config

import (
	"encoding/json"
	"log/slog"
)

// Masked is how a secret is shown everywhere: String, JSON, YAML and slog.
const Masked = "******"

// Secret is a string that never shows itself. Use Reveal where the value is
// actually needed (building a client), and nowhere else.
type Secret string

// String returns Masked for a non-empty secret, "" otherwise.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return Masked
}

// GoString masks %#v too.
func (s Secret) GoString() string { return s.String() }

// Reveal returns the secret's value.
func (s Secret) Reveal() string { return string(s) }

// MarshalJSON renders the masked form.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// MarshalYAML renders the masked form.
func (s Secret) MarshalYAML() (any, error) { return s.String(), nil }

// MarshalText renders the masked form (used by encoders that fall back to
// encoding.TextMarshaler, such as TOML and slog's text handler).
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// LogValue masks the secret in structured logs.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }
