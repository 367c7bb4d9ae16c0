package pause

import (
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared/sharedtest"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

func TestNewCmdPauseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    string
		want    api.ChangefeedID
		wantErr string
	}{
		{"short flags", "-c orders -n ns1", api.ChangefeedID{Namespace: "ns1", ID: "orders"}, ""},
		{"long flags", "--changefeed-id orders", api.ChangefeedID{Namespace: "default", ID: "orders"}, ""},
		{"id is required", "-n ns1", api.ChangefeedID{}, "-c/--changefeed-id is required"},
		{"invalid id", "-c orders_1", api.ChangefeedID{}, "[CDC:ErrAPIInvalidParam]invalid changefeed_id: orders_1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdPause(factory.New(ios), func(o *Options) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || sharedtest.ExitCode(err) != 2 {
					t.Fatalf("err = %v, want %q (exit 2)", err, tt.wantErr)
				}
				return
			}
			if err != nil || got.ID != tt.want {
				t.Fatalf("options = %+v, err %v", got, err)
			}
		})
	}
}

func TestPauseRun(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		stderrTTY  bool
		wantErr    string
		wantExit   int
		wantStderr string
	}{
		{name: "prints nothing, as TiCDC", wantExit: 0},
		{name: "says so on a terminal", stderrTTY: true, wantStderr: "Paused changefeed default/orders\n"},
		{name: "unknown changefeed", err: api.ErrNotExists(api.ChangefeedID{Namespace: "default", ID: "orders"}),
			wantErr: "[CDC:ErrChangeFeedNotExists]changefeed not exists, default/orders", wantExit: 3},
		{name: "unauthorized", err: &api.Error{Code: api.CodeUnauthorized, Message: "[CDC:ErrUnauthorized]bad token", HTTPStatus: 401},
			wantErr: "[CDC:ErrUnauthorized]bad token", wantExit: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &sharedtest.API{PauseFunc: func(api.ChangefeedID) error { return tt.err }}
			ios, _, out, errOut := iostreams.Test()
			ios.SetStderrTTY(tt.stderrTTY)
			err := pauseRun(t.Context(), &Options{IO: ios, Client: fake.Client(), ID: api.ChangefeedID{Namespace: "default", ID: "orders"}})
			if tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if tt.wantErr == "" && err != nil {
				t.Fatal(err)
			}
			if code := sharedtest.ExitCode(err); code != tt.wantExit {
				t.Errorf("exit = %d, want %d", code, tt.wantExit)
			}
			if out.String() != "" || errOut.String() != tt.wantStderr {
				t.Errorf("stdout %q stderr %q", out, errOut)
			}
			if calls := fake.Calls(); len(calls) != 1 || calls[0] != "Pause default/orders" {
				t.Errorf("calls = %v", calls)
			}
		})
	}
}
