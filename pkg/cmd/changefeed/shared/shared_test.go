package shared

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

func TestCommandError(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{api.ErrNotExists(api.ChangefeedID{Namespace: "default", ID: "a"}), "notfound"},
		{api.ErrAlreadyExists(api.ChangefeedID{Namespace: "default", ID: "a"}), "input"},
		{api.ErrUpdateRunning(), "input"},
		{api.ErrInvalidParam("invalid changefeed_id: a_b"), "input"},
		{&api.Error{Code: "CDC:ErrKafkaInvalidConfig", Message: "m"}, "input"},
		{api.ErrServerNotReady(), "other"},
		{errors.New("boom"), "other"},
	}
	for _, tt := range tests {
		t.Run(tt.err.Error(), func(t *testing.T) {
			err := CommandError(tt.err)
			var nf *cmderr.NotFoundError
			var in *cmderr.InvalidInputError
			got := "other"
			switch {
			case errors.As(err, &nf):
				got = "notfound"
			case errors.As(err, &in):
				got = "input"
			}
			if got != tt.want || err.Error() != tt.err.Error() {
				t.Errorf("class %s (%v), want %s", got, err, tt.want)
			}
		})
	}
	if CommandError(nil) != nil {
		t.Error("nil")
	}
	ab := &AbortError{Command: "cli changefeed create"}
	if !errors.Is(ab, cmderr.ErrCancelled) || !IsAbort(ab) || ab.Error() != "[CDC:ErrCliAborted]command 'cli changefeed create' is aborted by user" {
		t.Errorf("abort = %v", ab)
	}
}

func TestOutputFlagDefaultsToTiCDC(t *testing.T) {
	var f output.Format
	cmd := &cobra.Command{Use: "x", RunE: func(*cobra.Command, []string) error { return nil }}
	AddOutputFlag(cmd, &f)
	if f != "" || cmd.Flags().Lookup("output").DefValue != "" {
		t.Errorf("default = %q / %q", f, cmd.Flags().Lookup("output").DefValue)
	}
	cmd.SetArgs([]string{"-o", "YAML"})
	if err := cmd.Execute(); err != nil || f != output.YAML {
		t.Errorf("f = %q, err %v", f, err)
	}
}

func TestConfirm(t *testing.T) {
	tests := []struct {
		name    string
		tty     bool
		input   string
		want    bool
		wantErr string
	}{
		{"yes", true, "y\n", true, ""},
		{"YES is not y", true, "yes\n", false, ""},
		{"Y without newline", true, "Y", true, ""},
		{"no", true, "N\n", false, ""},
		{"eof", true, "", false, ""},
		{"not a terminal never reads", false, "y\n", false, "it matters; stdin is not a terminal, so cdcctl cannot ask: pass --no-confirm to go ahead"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, in, _, errOut := iostreams.Test()
			ios.SetStdinTTY(tt.tty)
			in.WriteString(tt.input)
			got, err := Confirm(ios, "Sure [Y/N]", "it matters")
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || in.Len() != len(tt.input) {
					t.Fatalf("err = %v (input consumed: %v)", err, in.Len() != len(tt.input))
				}
				return
			}
			if err != nil || got != tt.want || !strings.HasPrefix(errOut.String(), "Sure [Y/N]\n") {
				t.Errorf("got %v, %v, stderr %q", got, err, errOut)
			}
		})
	}
}

func TestListViewColoursStatesOnAColourTerminal(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	ios.SetStdoutTTY(true)
	ios.SetColorEnabled(true)
	now := time.UnixMilli(1733382601123)
	v := NewListView([]api.ChangefeedCommonInfo{{ID: "a", State: api.StateFailed, CheckpointTSO: uint64(now.UnixMilli()) << 18}}, NewDisplay(ios, now, time.UTC))
	if err := output.Print(ios, output.Table, v); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "\x1b[") || !strings.Contains(out.String(), "failed") {
		t.Errorf("no colour: %q", out)
	}
}

func TestHumanLag(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{1234567 * time.Nanosecond, "1ms"}, {3456 * time.Millisecond, "3.5s"}, {90*time.Second + 400*time.Millisecond, "1m30s"},
		{26 * time.Hour, "26h0m0s"},
	}
	for _, tt := range tests {
		if got := humanLag(tt.d); got != tt.want {
			t.Errorf("humanLag(%v) = %s, want %s", tt.d, got, tt.want)
		}
	}
	if lag(time.Unix(0, 0), uint64(time.Now().UnixMilli())<<18) != 0 {
		t.Error("a checkpoint ahead of the clock has no lag")
	}
}
