package list

import (
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared/sharedtest"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

func TestNewCmdListFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    string
		want    Options
		wantErr string
	}{
		{"defaults", "", Options{Namespace: "default"}, ""},
		{"all in a namespace as json", "-a -n ns1 -o json", Options{Namespace: "ns1", All: true, Format: output.JSON}, ""},
		{"long flags", "--all --namespace ns1 --output table", Options{Namespace: "ns1", All: true, Format: output.Table}, ""},
		{"bad namespace", "-n a_b", Options{}, "[CDC:ErrAPIInvalidParam]invalid namespace: a_b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdList(factory.New(ios), func(o *Options) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || sharedtest.ExitCode(err) != 2 {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Namespace != tt.want.Namespace || got.All != tt.want.All || got.Format != tt.want.Format {
				t.Errorf("options = %+v", got)
			}
		})
	}
}

func items() []api.ChangefeedCommonInfo {
	errTime := sharedtest.Now().Add(-time.Second)
	rate := 250.0
	cp := sharedtest.CheckpointTs
	return []api.ChangefeedCommonInfo{
		{UpstreamID: 7, Namespace: "default", ID: "done", State: api.StateFinished, CheckpointTSO: cp, CheckpointTime: api.CheckpointTime(cp, time.UTC)},
		{UpstreamID: 7, Namespace: "default", ID: "orders", State: api.StateNormal, CheckpointTSO: cp, CheckpointTime: api.CheckpointTime(cp, time.UTC), RowsPerSecond: &rate},
		{UpstreamID: 7, Namespace: "default", ID: "retrying", State: api.StateWarning, CheckpointTSO: cp, CheckpointTime: api.CheckpointTime(cp, time.UTC),
			Error: &api.RunningError{Time: &errTime, Addr: "127.0.0.1:8300", Code: "CDC:ErrKafkaSendMessage", Message: "broker down"}},
	}
}

func run(t *testing.T, o *Options) (stdout string, err error) {
	t.Helper()
	ios, _, out, _ := iostreams.Test()
	o.IO, o.Now, o.Loc = ios, sharedtest.Now, time.UTC
	ios.SetStdoutTTY(o.Format == output.Table && strings.HasPrefix(t.Name(), "TestListViews/tty"))
	err = listRun(t.Context(), o)
	return out.String(), err
}

func TestListTiCDCText(t *testing.T) {
	fake := &sharedtest.API{ListFunc: func(ns, state string) ([]api.ChangefeedCommonInfo, error) { return items(), nil }}
	out, err := run(t, &Options{Client: fake.Client(), Namespace: "default"})
	if err != nil {
		t.Fatal(err)
	}
	want := `[
  {
    "id": "orders",
    "namespace": "default",
    "summary": {
      "state": "normal",
      "tso": 454395847671283712,
      "checkpoint": "2024-12-05 07:09:57.623",
      "error": null
    }
  },
  {
    "id": "retrying",
    "namespace": "default",
    "summary": {
      "state": "warning",
      "tso": 454395847671283712,
      "checkpoint": "2024-12-05 07:09:57.623",
      "error": {
        "time": "2024-12-05T07:10:00.123Z",
        "addr": "127.0.0.1:8300",
        "code": "CDC:ErrKafkaSendMessage",
        "message": "broker down"
      }
    }
  }
]
`
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	if calls := fake.Calls(); len(calls) != 1 || calls[0] != "List default state=all" {
		t.Errorf("calls = %v", calls)
	}
	out, _ = run(t, &Options{Client: fake.Client(), Namespace: "default", All: true})
	if !strings.Contains(out, `"id": "done"`) {
		t.Errorf("--all does not list finished changefeeds:\n%s", out)
	}
	empty := &sharedtest.API{ListFunc: func(string, string) ([]api.ChangefeedCommonInfo, error) { return nil, nil }}
	if out, _ = run(t, &Options{Client: empty.Client(), Namespace: "default"}); out != "[]\n" {
		t.Errorf("empty list = %q", out)
	}
}

func TestListViews(t *testing.T) {
	tests := []struct {
		name   string
		format output.Format
		want   string
	}{
		{"json", output.JSON, `{
  "changefeeds": [
    {
      "id": "orders",
      "namespace": "default",
      "state": "normal",
      "checkpoint_tso": 454395847671283712,
      "checkpoint_time": "2024-12-05T07:09:57.623Z",
      "lag_seconds": 3.5,
      "rows_per_second": 250
    },
    {
      "id": "retrying",
      "namespace": "default",
      "state": "warning",
      "checkpoint_tso": 454395847671283712,
      "checkpoint_time": "2024-12-05T07:09:57.623Z",
      "lag_seconds": 3.5,
      "error": {
        "code": "CDC:ErrKafkaSendMessage",
        "message": "broker down"
      }
    }
  ]
}
`},
		{"yaml", output.YAML, `changefeeds:
  - id: orders
    namespace: default
    state: normal
    checkpoint_tso: 454395847671283712
    checkpoint_time: 2024-12-05T07:09:57.623Z
    lag_seconds: 3.5
    rows_per_second: 250
  - id: retrying
    namespace: default
    state: warning
    checkpoint_tso: 454395847671283712
    checkpoint_time: 2024-12-05T07:09:57.623Z
    lag_seconds: 3.5
    error:
      code: CDC:ErrKafkaSendMessage
      message: broker down
`},
		{"table off a terminal is TSV", output.Table, "orders\tnormal\t2024-12-05T07:09:57.623Z\t3.500\t250.0\t-\n" +
			"retrying\twarning\t2024-12-05T07:09:57.623Z\t3.500\t-\tCDC:ErrKafkaSendMessage\n"},
		{"tty table", output.Table, `╭──────────┬─────────┬─────────────────────┬──────┬────────┬─────────────────────────╮
│ ID       │ STATE   │ CHECKPOINT          │ LAG  │ ROWS/S │ ERROR                   │
├──────────┼─────────┼─────────────────────┼──────┼────────┼─────────────────────────┤
│ orders   │ normal  │ 2024-12-05 07:09:57 │ 3.5s │ 250.0  │ -                       │
│ retrying │ warning │ 2024-12-05 07:09:57 │ 3.5s │ -      │ CDC:ErrKafkaSendMessage │
╰──────────┴─────────┴─────────────────────┴──────┴────────┴─────────────────────────╯
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &sharedtest.API{ListFunc: func(string, string) ([]api.ChangefeedCommonInfo, error) { return items(), nil }}
			out, err := run(t, &Options{Client: fake.Client(), Namespace: "default", Format: tt.format})
			if err != nil {
				t.Fatal(err)
			}
			if out != tt.want {
				t.Errorf("output:\n%s\nwant:\n%s", out, tt.want)
			}
		})
	}
}

func TestListServerError(t *testing.T) {
	fake := &sharedtest.API{ListFunc: func(string, string) ([]api.ChangefeedCommonInfo, error) { return nil, api.ErrServerNotReady() }}
	_, err := run(t, &Options{Client: fake.Client(), Namespace: "default"})
	if err == nil || err.Error() != "[CDC:ErrServerIsNotReady]cdc server is not ready" || sharedtest.ExitCode(err) != 1 {
		t.Errorf("err = %v", err)
	}
}
