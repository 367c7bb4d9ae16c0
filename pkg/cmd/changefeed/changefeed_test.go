package changefeed

import (
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

func TestGroup(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("CDCCTL_CONFIG", "")
	ios, _, out, _ := iostreams.Test()
	cmd := NewCmdChangefeed(factory.New(ios))
	cmd.SetOut(out)
	cmd.SetArgs([]string{"validate", "--sink-uri", "kafka://h:9092/t?protocol=canal-json", "-o", "json"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"valid": true`) {
		t.Errorf("validate did not run: %s", out)
	}
	cmd = NewCmdChangefeed(factory.New(ios))
	cmd.SetArgs([]string{"frobnicate"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.Execute(); err == nil || !strings.Contains(err.Error(), `unknown command "frobnicate"`) {
		t.Errorf("unknown verb: %v", err)
	}
}
