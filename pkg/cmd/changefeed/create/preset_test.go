package create

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared/sharedtest"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/config"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

// guideRules reads the dispatchers of examples/changefeed.conf, the
// guide's file, which the confluent preset must equal.
func guideRules(t *testing.T) []replicaconfig.DispatchRule {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(here), "..", "..", "..", "..", "examples", "changefeed.conf")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := replicaconfig.DecodeTOML(b, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rc.Sink.DispatchRules) == 0 {
		t.Fatalf("%s has no dispatchers", path)
	}
	return rc.Sink.DispatchRules
}

func TestDispatchPresetFlag(t *testing.T) {
	tests := []struct {
		name, args, want, wantErr string
	}{
		{name: "confluent", args: "--sink-uri kafka://k:9092/t --dispatch-preset confluent", want: "confluent"},
		{name: "none by default", args: "--sink-uri kafka://k:9092/t"},
		{name: "unknown preset is a usage error", args: "--sink-uri kafka://k:9092/t --dispatch-preset debezium",
			wantErr: `--dispatch-preset: want confluent, got "debezium"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdCreate(factory.New(ios), func(o *Options) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			cmd.SetOut(ios.Out)
			cmd.SetErr(ios.ErrOut)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || sharedtest.ExitCode(err) != 2 {
					t.Fatalf("err = %v (exit %d), want %q (exit 2)", err, sharedtest.ExitCode(err), tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.DispatchPreset != tt.want {
				t.Errorf("preset = %q, want %q", got.DispatchPreset, tt.want)
			}
		})
	}
	if help := NewCmdCreate(factory.New(nil), nil).Long; !strings.Contains(help, "--dispatch-preset confluent") ||
		!strings.Contains(help, `topic = "tidb_{schema}_{table}", partition = "index-value"`) {
		t.Errorf("create's help does not document the preset:\n%s", help)
	}
}

func TestDispatchPresetWritesTheGuidesRule(t *testing.T) {
	want := guideRules(t)
	tests := []struct {
		name       string
		configFile string // content of cf.toml, "" for no --config
		wantErr    string
		check      func(t *testing.T, rc *replicaconfig.ReplicaConfig)
	}{
		{name: "over the defaults", check: func(t *testing.T, rc *replicaconfig.ReplicaConfig) {
			def := replicaconfig.Default()
			def.Sink.DispatchRules, def.Sink.SchemaRegistry = rc.Sink.DispatchRules, rc.Sink.SchemaRegistry
			if !reflect.DeepEqual(rc, def) {
				t.Errorf("the preset changed more than the dispatchers and the registry:\n%+v", rc)
			}
		}},
		{name: "with a file without dispatchers", configFile: "[filter]\nrules = ['shop.*']\n",
			check: func(t *testing.T, rc *replicaconfig.ReplicaConfig) {
				if !reflect.DeepEqual(rc.Filter.Rules, []string{"shop.*"}) {
					t.Errorf("the file's filter was lost: %v", rc.Filter.Rules)
				}
			}},
		{name: "with a file that has dispatchers", configFile: "[sink]\ndispatchers = [{matcher = ['shop.*'], topic = \"shop\"}]\n",
			wantErr: `--dispatch-preset confluent: changefeed config "cf.toml" already has 1 [sink] dispatchers rule(s)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req *api.ChangefeedConfig
			fake := &sharedtest.API{CreateFunc: echoCreate(&req)}
			o, _ := newOptions(fake, config.Config{SchemaRegistry: "http://r:8081"})
			o.DispatchPreset = presetConfluent
			if tt.configFile != "" {
				o.Sink.ConfigFile = "cf.toml"
				o.ReadFile = files(map[string]string{"cf.toml": tt.configFile})
			}
			err := createRun(t.Context(), o)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || sharedtest.ExitCode(err) != 2 {
					t.Fatalf("err = %v (exit %d), want %q (exit 2)", err, sharedtest.ExitCode(err), tt.wantErr)
				}
				if calls := fake.Calls(); len(calls) != 0 {
					t.Errorf("sent %v after refusing the flags", calls)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			rc := req.ReplicaConfig
			if !reflect.DeepEqual(rc.Sink.DispatchRules, want) {
				t.Errorf("dispatchers sent = %+v, want the guide's %+v", rc.Sink.DispatchRules, want)
			}
			if rc.Sink.SchemaRegistry == nil || *rc.Sink.SchemaRegistry != "http://r:8081" {
				t.Errorf("registry sent = %v", rc.Sink.SchemaRegistry)
			}
			tt.check(t, rc)
		})
	}
}
