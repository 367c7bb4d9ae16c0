package remove

import (
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared/sharedtest"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

func TestNewCmdRemoveFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    string
		want    Options
		wantErr string
	}{
		{"ticdc flags", "-c orders -n ns1", Options{ID: api.ChangefeedID{Namespace: "ns1", ID: "orders"}}, ""},
		{"json", "-c orders -o json", Options{ID: api.ChangefeedID{Namespace: "default", ID: "orders"}, Format: output.JSON}, ""},
		{"id is required", "", Options{}, "-c/--changefeed-id is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdRemove(factory.New(ios), func(o *Options) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || sharedtest.ExitCode(err) != 2 {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got.ID != tt.want.ID || got.Format != tt.want.Format {
				t.Fatalf("options = %+v, err %v", got, err)
			}
		})
	}
}

// engine is a fake server holding one changefeed, "orders".
func engine() *sharedtest.API {
	exists := true
	return &sharedtest.API{
		GetFunc: func(id api.ChangefeedID) (*api.ChangeFeedInfo, error) {
			if id.ID != "orders" || !exists {
				return nil, api.ErrNotExists(id)
			}
			return sharedtest.Info("orders", api.StateNormal), nil
		},
		RemoveFunc: func(api.ChangefeedID) error { exists = false; return nil },
	}
}

func TestRemoveRun(t *testing.T) {
	tests := []struct {
		name      string
		id        string
		format    output.Format
		wantOut   string
		wantErr   string
		wantExit  int
		wantCalls string
	}{
		{name: "TiCDC's four lines with the sink masked", id: "orders",
			wantOut:   "Changefeed remove successfully.\nID: orders\nCheckpointTs: 454395847671283712\nSinkURI: kafka://k:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-password=xxxxx&sasl-user=key\n",
			wantCalls: "Get default/orders,Remove default/orders,Get default/orders"},
		{name: "json", id: "orders", format: output.JSON,
			wantOut:   "{\n  \"id\": \"orders\",\n  \"namespace\": \"default\",\n  \"checkpoint_ts\": 454395847671283712,\n  \"sink_uri\": \"kafka://k:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-password=xxxxx&sasl-user=key\"\n}\n",
			wantCalls: "Get default/orders,Remove default/orders,Get default/orders"},
		{name: "yaml", id: "orders", format: output.YAML,
			wantOut:   "id: orders\nnamespace: default\ncheckpoint_ts: 454395847671283712\nsink_uri: kafka://k:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-password=xxxxx&sasl-user=key\n",
			wantCalls: "Get default/orders,Remove default/orders,Get default/orders"},
		{name: "unknown: TiCDC's lines, then not found", id: "nope", wantOut: "Changefeed not found.\nID: nope\n",
			wantErr: "[CDC:ErrChangeFeedNotExists]changefeed not exists, default/nope", wantExit: 3, wantCalls: "Get default/nope"},
		{name: "unknown with -o prints nothing", id: "nope", format: output.JSON,
			wantErr: "[CDC:ErrChangeFeedNotExists]changefeed not exists, default/nope", wantExit: 3, wantCalls: "Get default/nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := engine()
			ios, _, out, _ := iostreams.Test()
			err := removeRun(t.Context(), &Options{IO: ios, Client: fake.Client(), Format: tt.format, ID: api.ChangefeedID{Namespace: "default", ID: tt.id}})
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || sharedtest.ExitCode(err) != tt.wantExit {
					t.Fatalf("err = %v (exit %d)", err, sharedtest.ExitCode(err))
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if out.String() != tt.wantOut {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, tt.wantOut)
			}
			if calls := strings.Join(fake.Calls(), ","); calls != tt.wantCalls {
				t.Errorf("calls = %s", calls)
			}
		})
	}
}

func TestRemoveNotVisibleYet(t *testing.T) {
	fake := engine()
	fake.RemoveFunc = func(api.ChangefeedID) error { return nil } // still there afterwards
	ios, _, out, _ := iostreams.Test()
	err := removeRun(t.Context(), &Options{IO: ios, Client: fake.Client(), ID: api.ChangefeedID{Namespace: "default", ID: "orders"}})
	if err == nil || err.Error() != "[CDC:ErrChangeFeedDeletionUnfinished]changefeed exists after deletion, default/orders" || out.String() != "" {
		t.Errorf("err = %v, stdout %q", err, out)
	}
}
