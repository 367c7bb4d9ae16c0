package resume

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared/sharedtest"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

// nowTSO is sharedtest.Now as a TSO.
var nowTSO = uint64(sharedtest.Now().UnixMilli()) << 18

func TestNewCmdResumeFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     string
		wantTs   string
		wantErr  string
		wantExit int
	}{
		{"ticdc flags", "-c orders -n ns1 --no-confirm --overwrite-checkpoint-ts now", "now", "", 0},
		{"a tso", "-c orders --overwrite-checkpoint-ts 454395847671283712", "454395847671283712", "", 0},
		{"id is required", "--no-confirm", "", "-c/--changefeed-id is required", 2},
		{"not a number", "-c orders --overwrite-checkpoint-ts yesterday", "",
			"[CDC:ErrCliInvalidCheckpointTs]invalid overwrite-checkpoint-ts yesterday, overwrite-checkpoint-ts only accept 'now' or a valid timestamp in integer", 2},
		{"zero", "-c orders --overwrite-checkpoint-ts 0", "", "[CDC:ErrCliInvalidCheckpointTs]invalid overwrite-checkpoint-ts 0", 2},
		{"in the future", "-c orders --overwrite-checkpoint-ts 999999999999999999", "",
			"[CDC:ErrCliCheckpointTsIsInFuture]the overwrite-checkpoint-ts 999999999999999999 must be smaller than current TSO", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdResume(factory.New(ios), func(o *Options) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) || sharedtest.ExitCode(err) != tt.wantExit {
					t.Fatalf("err = %v (exit %d), want %q (exit %d)", err, sharedtest.ExitCode(err), tt.wantErr, tt.wantExit)
				}
				return
			}
			if err != nil || got.OverwriteCheckpointTs != tt.wantTs {
				t.Fatalf("options = %+v, err %v", got, err)
			}
		})
	}
}

func TestResumeRun(t *testing.T) {
	old := uint64(sharedtest.Now().Add(-25*time.Hour).UnixMilli()) << 18
	tests := []struct {
		name       string
		checkpoint uint64
		overwrite  string
		noConfirm  bool
		tty        bool
		input      string
		wantErr    string
		wantExit   int
		wantResume string
		wantStderr string
	}{
		{name: "recent checkpoint resumes without asking", checkpoint: sharedtest.CheckpointTs, wantResume: "Resume default/orders ts=0"},
		{name: "old checkpoint off a terminal", checkpoint: old,
			wantErr: "replicate lag (25h0m0s) is larger than 1 day; stdin is not a terminal, so cdcctl cannot ask: pass --no-confirm to go ahead", wantExit: 2},
		{name: "old checkpoint with --no-confirm", checkpoint: old, noConfirm: true, wantResume: "Resume default/orders ts=0"},
		{name: "old checkpoint, answered yes", checkpoint: old, tty: true, input: "y\n", wantResume: "Resume default/orders ts=0",
			wantStderr: "Replicate lag (25h0m0s) is larger than 1 days, large data may cause OOM, confirm to continue at your own risk [Y/N]\n"},
		{name: "overwrite now, answered yes", checkpoint: sharedtest.CheckpointTs, overwrite: "now", tty: true, input: "y\n",
			wantResume: "Resume default/orders ts=" + utoa(nowTSO),
			wantStderr: "You are overwriting the checkpoint of changefeed(orders) to " + utoa(nowTSO) + ", which may lead to data loss or data duplication.\n" +
				"Confirm that you know what this command will do and use it at your own risk [Y/N]\n"},
		{name: "overwrite, answered no", checkpoint: sharedtest.CheckpointTs, overwrite: utoa(sharedtest.CheckpointTs), tty: true, input: "n\n",
			wantErr: "[CDC:ErrCliAborted]command 'cli changefeed resume' is aborted by user", wantExit: 4},
		{name: "overwrite with --no-confirm", checkpoint: sharedtest.CheckpointTs, overwrite: "454395847671283700", noConfirm: true,
			wantResume: "Resume default/orders ts=454395847671283700"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resumed string
			fake := &sharedtest.API{
				GetFunc: func(id api.ChangefeedID) (*api.ChangeFeedInfo, error) {
					info := sharedtest.Info(id.ID, api.StateStopped)
					info.CheckpointTs = tt.checkpoint
					return info, nil
				},
				ResumeFunc: func(id api.ChangefeedID, ts uint64) error {
					resumed = "Resume " + id.String() + " ts=" + utoa(ts)
					return nil
				},
			}
			ios, in, out, errOut := iostreams.Test()
			ios.SetStdinTTY(tt.tty)
			in.WriteString(tt.input)
			o := &Options{IO: ios, Client: fake.Client(), Now: sharedtest.Now,
				ID: api.ChangefeedID{Namespace: "default", ID: "orders"}, NoConfirm: tt.noConfirm, OverwriteCheckpointTs: tt.overwrite}
			err := resumeRun(t.Context(), o)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || sharedtest.ExitCode(err) != tt.wantExit {
					t.Fatalf("err = %v (exit %d), want %q (exit %d)", err, sharedtest.ExitCode(err), tt.wantErr, tt.wantExit)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if resumed != tt.wantResume {
				t.Errorf("resumed %q, want %q", resumed, tt.wantResume)
			}
			if out.String() != "" || (tt.wantStderr != "" && !strings.HasPrefix(errOut.String(), tt.wantStderr)) {
				t.Errorf("stdout %q stderr %q", out, errOut)
			}
		})
	}
}

func TestResumeUnknown(t *testing.T) {
	fake := &sharedtest.API{GetFunc: func(id api.ChangefeedID) (*api.ChangeFeedInfo, error) { return nil, api.ErrNotExists(id) }}
	ios, _, _, _ := iostreams.Test()
	err := resumeRun(t.Context(), &Options{IO: ios, Client: fake.Client(), Now: time.Now, ID: api.ChangefeedID{Namespace: "default", ID: "nope"}})
	if err == nil || err.Error() != "[CDC:ErrChangeFeedNotExists]changefeed not exists, default/nope" || sharedtest.ExitCode(err) != 3 {
		t.Fatalf("err = %v", err)
	}
	if calls := fake.Calls(); len(calls) != 1 {
		t.Errorf("calls = %v (resume must not be sent)", calls)
	}
}

func utoa(v uint64) string { return strconv.FormatUint(v, 10) }
