package group

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
)

func execute(c *cobra.Command, args ...string) (string, error) {
	var out bytes.Buffer
	c.SetOut(&out)
	c.SetErr(&out)
	c.SetArgs(args)
	c.SilenceErrors, c.SilenceUsage = true, true
	err := c.Execute()
	return out.String(), err
}

func TestNotBuilt(t *testing.T) {
	out, err := execute(NotBuilt("later", "Do things"), "--any", "flag")
	var nb *cmderr.NotBuiltError
	if !errors.As(err, &nb) || err.Error() != "later: not built yet in this version of cdcctl" {
		t.Fatalf("err = %v, want a NotBuiltError", err)
	}
	if out != "" {
		t.Errorf("printed %q before failing", out)
	}
	out, err = execute(NotBuilt("later", "Do things"), "--help")
	if err != nil || !strings.Contains(out, "not built yet") {
		t.Errorf("--help: err=%v out=%q", err, out)
	}
}

func TestNew(t *testing.T) {
	g := New("noun", "Short", "Long")
	g.AddCommand(&cobra.Command{Use: "verb", RunE: func(*cobra.Command, []string) error { return nil }})
	if _, err := execute(g, "verb"); err != nil {
		t.Fatal(err)
	}
	g = New("noun", "Short", "Long")
	_, err := execute(g, "nope")
	var fe *cmderr.FlagError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), `unknown command "nope" for "noun"`) {
		t.Errorf("err = %v, want a usage error naming the verb", err)
	}
	out, err := execute(New("noun", "Short", "Long text"))
	if err != nil || !strings.Contains(out, "Long text") {
		t.Errorf("bare group: err=%v out=%q", err, out)
	}
}
