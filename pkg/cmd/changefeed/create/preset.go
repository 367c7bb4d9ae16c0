package create

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

// presetConfluent is the dispatcher rule of the Confluent/Snowflake
// integration guide: one topic per table, rows partitioned by their key.
const presetConfluent = "confluent"

// dispatchPresets returns the [sink] dispatchers each preset writes.
func dispatchPresets() map[string][]replicaconfig.DispatchRule {
	return map[string][]replicaconfig.DispatchRule{
		presetConfluent: {{Matcher: []string{"*.*"}, Topic: "tidb_{schema}_{table}", Partition: "index-value"}},
	}
}

// presetNames lists the presets, sorted, for help and errors.
func presetNames() []string {
	var names []string
	for n := range dispatchPresets() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// checkPreset validates --dispatch-preset ("" is none).
func checkPreset(name string) error {
	if _, ok := dispatchPresets()[name]; ok || name == "" {
		return nil
	}
	return fmt.Errorf("--dispatch-preset: want %s, got %q", strings.Join(presetNames(), " or "), name)
}

// applyPreset writes the preset's dispatchers into the configuration to
// send: over TiCDC's defaults, or over the --config file when that file
// has no dispatchers of its own (two sources of routing would leave one
// silently ignored, so that is an error).
func applyPreset(sink *shared.Sink, name string) error {
	rules, ok := dispatchPresets()[name]
	if !ok {
		return checkPreset(name)
	}
	if sink.Config == nil {
		sink.Config = replicaconfig.Default()
	} else if n := len(sink.Config.Sink.DispatchRules); n > 0 {
		return fmt.Errorf("--dispatch-preset %s: changefeed config %q already has %d [sink] dispatchers rule(s); "+
			"remove them from the file or drop --dispatch-preset", name, sink.FileName, n)
	}
	sink.Config.Sink.DispatchRules = append([]replicaconfig.DispatchRule(nil), rules...)
	return nil
}
