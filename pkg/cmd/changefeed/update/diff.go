package update

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/config"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

// diff lists what req changes in old, one "name: old -> new" line per
// setting, every value masked. A new sink URI is always listed: its
// secrets may differ where the masked forms do not.
func diff(old *api.ChangeFeedInfo, req *api.ChangefeedConfig) []string {
	var lines []string
	if req.TargetTs != 0 && req.TargetTs != old.TargetTs {
		lines = append(lines, fmt.Sprintf("target_ts: %d -> %d", old.TargetTs, req.TargetTs))
	}
	if req.SinkURI != "" {
		lines = append(lines, fmt.Sprintf("sink_uri: %s -> %s", api.MaskSinkURI(old.SinkURI), api.MaskSinkURI(req.SinkURI)))
	}
	if req.Upstream != "" && req.Upstream != old.Upstream {
		lines = append(lines, fmt.Sprintf("upstream: %s -> %s", api.MaskDSN(old.Upstream), api.MaskDSN(req.Upstream)))
	}
	if req.ReplicaConfig != nil {
		before, after := flatten(old.Config), flatten(req.ReplicaConfig)
		keys := make([]string, 0, len(after))
		for k := range before {
			keys = append(keys, k)
		}
		for k := range after {
			if _, ok := before[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			if b, a := before[k], after[k]; a != b {
				lines = append(lines, fmt.Sprintf("config.%s: %s -> %s", k, orNone(b), orNone(a)))
			}
		}
	}
	return lines
}

func orNone(s string) string {
	if s == "" {
		return "<none>"
	}
	return s
}

// flatten maps each leaf of the masked configuration's JSON to its value:
// "sink.protocol" -> "\"avro\"".
func flatten(c *replicaconfig.ReplicaConfig) map[string]string {
	out := map[string]string{}
	if c == nil {
		return out
	}
	var v any
	if b, err := json.Marshal(c.Masked()); err == nil {
		_ = json.Unmarshal(b, &v)
	}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		if m, ok := v.(map[string]any); ok && len(m) > 0 {
			for k, x := range m {
				walk(strings.TrimPrefix(prefix+"."+k, "."), x)
			}
			return
		}
		b, _ := json.Marshal(v)
		out[prefix] = string(b)
	}
	walk("", v)
	return out
}

// alreadyMasked reports whether c holds secrets that were masked before
// it reached us (a cdcctl server masks its answers): a value that masking
// leaves unchanged although it is a mask. Sending such a configuration
// back would store the masks as secrets.
func alreadyMasked(c *replicaconfig.ReplicaConfig) bool {
	if c == nil {
		return false
	}
	var raw, masked any
	if b, err := json.Marshal(c); err == nil {
		_ = json.Unmarshal(b, &raw)
	}
	if b, err := json.Marshal(c.Masked()); err == nil {
		_ = json.Unmarshal(b, &masked)
	}
	return sameMask(raw, masked)
}

func sameMask(a, b any) bool {
	switch av := a.(type) {
	case map[string]any:
		bv, _ := b.(map[string]any)
		for k, x := range av {
			if sameMask(x, bv[k]) {
				return true
			}
		}
	case []any:
		bv, _ := b.([]any)
		for i, x := range av {
			if i < len(bv) && sameMask(x, bv[i]) {
				return true
			}
		}
	case string:
		bs, _ := b.(string)
		return bs == av && (av == config.Masked || strings.Contains(av, ":xxxxx@"))
	}
	return false
}
