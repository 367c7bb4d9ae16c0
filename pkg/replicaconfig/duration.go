package replicaconfig

import (
	"encoding/json"
	"fmt"
	"time"
)

// Duration is a time.Duration that reads as TiCDC writes it: a Go
// duration string ("10m") or an integer of nanoseconds in TOML and JSON;
// it is written as nanoseconds in JSON (the OpenAPI v2 form) and as a
// string in text.
type Duration time.Duration

func durationPtr(d time.Duration) *Duration { v := Duration(d); return &v }

// D returns the time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

func (d Duration) String() string { return time.Duration(d).String() }

// MarshalJSON writes nanoseconds.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(int64(d)) }

// UnmarshalJSON reads nanoseconds or a Go duration string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	return d.set(v)
}

// UnmarshalTOML reads a Go duration string or nanoseconds.
func (d *Duration) UnmarshalTOML(v any) error { return d.set(v) }

// MarshalText writes the Go duration string (used by the TOML encoder).
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func (d *Duration) set(v any) error {
	switch x := v.(type) {
	case string:
		p, err := time.ParseDuration(x)
		if err != nil {
			return fmt.Errorf("want a duration such as \"10m\", got %q", x)
		}
		*d = Duration(p)
	case float64:
		*d = Duration(int64(x))
	case int64:
		*d = Duration(x)
	default:
		return fmt.Errorf("want a duration string or nanoseconds, got %v", v)
	}
	return nil
}
