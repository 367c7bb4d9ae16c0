package cleanup

import (
	"testing"

	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

func TestNewCmdCleanupFlags(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("CDCCTL_UPSTREAM", "mysql://cdc:pw@10.0.0.9:3307")
	t.Setenv("CDCCTL_MYSQL_PASSWORD", "")
	ios, _, _, _ := iostreams.Test()
	f := factory.New(ios)
	var got *Options
	cmd := NewCmdCleanup(f, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"-D", "bench", "-U", "root", "-o", "yaml"})
	f.SetConfigSource(cmd.Flags(), "")
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := shared.Target{Addr: "10.0.0.9:3307", User: "root", Password: "pw", DB: "bench"}
	if got.Target != want || got.Format != output.YAML {
		t.Errorf("options = %+v, want target %+v", got, want)
	}
}

func TestViewFormats(t *testing.T) {
	v := view{Target: "mysql://root@h:3306/tpcc", Dropped: []string{"item", "warehouse"}}
	tests := []struct {
		format output.Format
		tty    bool
		want   string
	}{
		{output.Table, false, "item\nwarehouse\n"},
		{output.Table, true, "DROPPED TABLE\nitem\nwarehouse\n"},
		{output.JSON, false, "{\n  \"target\": \"mysql://root@h:3306/tpcc\",\n  \"dropped\": [\n    \"item\",\n    \"warehouse\"\n  ]\n}\n"},
		{output.YAML, false, "target: mysql://root@h:3306/tpcc\ndropped:\n  - item\n  - warehouse\n"},
	}
	for _, tt := range tests {
		t.Run(string(tt.format)+map[bool]string{true: " tty"}[tt.tty], func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			ios.SetStdoutTTY(tt.tty)
			if err := output.Print(ios, tt.format, v); err != nil {
				t.Fatal(err)
			}
			if out.String() != tt.want {
				t.Errorf("got\n%q\nwant\n%q", out.String(), tt.want)
			}
		})
	}
}
