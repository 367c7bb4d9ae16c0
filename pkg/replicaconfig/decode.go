package replicaconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"

	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

// DecodeTOML decodes a changefeed.conf over Default(), strictly: a key
// TiCDC does not know is an error listing every such key. name names the
// file in errors. Values are checked by Validate, not here. Errors are one
// line and never show the value of a secret setting.
func DecodeTOML(data []byte, name string) (*ReplicaConfig, error) {
	c := Default()
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(c)
	if err != nil {
		return nil, fmt.Errorf("changefeed config %q: %s", name, oneLine(describeTOMLError(err, data)))
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		keys := make([]string, len(undecoded))
		for i, k := range undecoded {
			keys[i] = k.String()
		}
		return nil, fmt.Errorf("changefeed config %q contained unknown configuration options: %s", name, strings.Join(keys, ", "))
	}
	return c, nil
}

// describeTOMLError rewrites a TOML error as "line N, key K: message",
// withholding the message when the key looks secret (a syntax error there
// may quote the value).
func describeTOMLError(err error, data []byte) string {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if sinkuri.IsSensitiveKey(pe.LastKey) || sinkuri.IsSensitiveKey(lineKey(data, pe.Position.Line)) {
			msg = "invalid value (withheld: the key holds a secret)"
		}
		if pe.LastKey != "" {
			return fmt.Sprintf("line %d, key %q: %s", pe.Position.Line, pe.LastKey, msg)
		}
		return fmt.Sprintf("line %d: %s", pe.Position.Line, msg)
	}
	// Decoding errors read `toml: line N (last key "k"): message`.
	msg := strings.TrimPrefix(err.Error(), "toml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, " (last key "); ok {
			if key, m, ok := strings.Cut(tail, "): "); ok {
				if k, err := strconv.Unquote(key); err == nil {
					key = strconv.Quote(k)
				}
				return fmt.Sprintf("line %s, key %s: %s", num, key, m)
			}
		}
	}
	return msg
}

// oneLine escapes the control characters a TOML message may quote from
// the input (the newline after a stray backslash, say), so that an error
// stays on one line.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// lineKey returns the key of a "key = value" line (1-based), or "".
func lineKey(data []byte, line int) string {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return ""
	}
	key, _, _ := strings.Cut(string(lines[line-1]), "=")
	return strings.TrimSpace(key)
}

// DecodeJSON decodes an OpenAPI v2 replica_config over Default(), as
// TiCDC's server does: omitted fields keep their defaults, unknown keys
// are ignored, durations may be nanoseconds or Go duration strings.
func DecodeJSON(data []byte) (*ReplicaConfig, error) {
	c := Default()
	if err := json.Unmarshal(data, c); err != nil {
		return nil, fmt.Errorf("replica_config: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return c, nil
}

// Clone returns a deep copy of c.
func (c *ReplicaConfig) Clone() *ReplicaConfig {
	b, err := json.Marshal(c)
	if err != nil {
		panic(fmt.Sprintf("replicaconfig: marshal: %v", err)) // every field is a plain value
	}
	out := &ReplicaConfig{}
	if err := json.Unmarshal(b, out); err != nil {
		panic(fmt.Sprintf("replicaconfig: unmarshal: %v", err))
	}
	out.Scheduler.RegionPerSpan = c.Scheduler.RegionPerSpan
	out.notes = append([]string(nil), c.notes...)
	for i := range c.Sink.DispatchRules {
		out.Sink.DispatchRules[i].Dispatcher = c.Sink.DispatchRules[i].Dispatcher
	}
	return out
}

// EncodeTOML renders c as changefeed.conf TOML.
func (c *ReplicaConfig) EncodeTOML() ([]byte, error) {
	var b bytes.Buffer
	enc := toml.NewEncoder(&b)
	enc.Indent = ""
	if err := enc.Encode(c); err != nil {
		return nil, fmt.Errorf("encode changefeed config: %w", err)
	}
	return b.Bytes(), nil
}
