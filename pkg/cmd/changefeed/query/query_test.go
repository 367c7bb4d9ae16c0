package query

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

func TestNewCmdQueryFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     string
		want     Options
		wantErr  string
		wantExit int
	}{
		{"ticdc flags", "-c orders -n ns1 -s", Options{ID: api.ChangefeedID{Namespace: "ns1", ID: "orders"}, Simple: true}, "", 0},
		{"long flags and output", "--changefeed-id orders --simple=false -o yaml", Options{ID: api.ChangefeedID{Namespace: "default", ID: "orders"}, Format: output.YAML}, "", 0},
		{"id is required", "", Options{}, "-c/--changefeed-id is required", 2},
		{"invalid id", "-c a..b", Options{}, "[CDC:ErrAPIInvalidParam]invalid changefeed_id: a..b", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdQuery(factory.New(ios), func(o *Options) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || sharedtest.ExitCode(err) != tt.wantExit {
					t.Fatalf("err = %v (exit %d), want %q (exit %d)", err, sharedtest.ExitCode(err), tt.wantErr, tt.wantExit)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != tt.want.ID || got.Simple != tt.want.Simple || got.Format != tt.want.Format {
				t.Errorf("options = %+v", got)
			}
		})
	}
}

func run(t *testing.T, fake *sharedtest.API, o Options) (string, error) {
	t.Helper()
	ios, _, out, _ := iostreams.Test()
	o.IO, o.Client, o.Now, o.Loc = ios, fake.Client(), sharedtest.Now, time.UTC
	if o.ID.ID == "" {
		o.ID = api.ChangefeedID{Namespace: "default", ID: "orders"}
	}
	err := queryRun(t.Context(), &o)
	return out.String(), err
}

func getOrders(id api.ChangefeedID) (*api.ChangeFeedInfo, error) {
	if id.ID != "orders" {
		return nil, api.ErrNotExists(id)
	}
	return sharedtest.Info("orders", api.StateNormal), nil
}

func TestQueryTiCDCDetail(t *testing.T) {
	out, err := run(t, &sharedtest.API{GetFunc: getOrders}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"{\n  \"upstream_id\": 7,\n  \"namespace\": \"default\",\n  \"id\": \"orders\",\n  \"sink_uri\": \"kafka://k:9092/orders?protocol=avro\\u0026sasl-mechanism=PLAIN\\u0026sasl-password=xxxxx\\u0026sasl-user=key\",\n  \"config\": {\n    \"memory_quota\": 1073741824,",
		"\"schema_registry\": \"https://srkey:xxxxx@sr.example.com\"",
		"  },\n  \"create_time\": \"2024-12-05 06:10:01.123\",\n  \"start_ts\": 454395847671282712,\n  \"resolved_ts\": 454395847671283712,\n  \"target_ts\": 0,\n  \"checkpoint_tso\": 454395847671283712,\n  \"checkpoint_time\": \"2024-12-05 07:09:57.623\",\n  \"state\": \"normal\",\n  \"creator_version\": \"v8.5.0\"\n}\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, secret := range []string{"kafkasecret", "srsecret", "dbsecret"} {
		if strings.Contains(out, secret) {
			t.Errorf("output leaks %s", secret)
		}
	}
}

func TestQuerySimple(t *testing.T) {
	cp := sharedtest.CheckpointTs
	fake := &sharedtest.API{ListFunc: func(ns, state string) ([]api.ChangefeedCommonInfo, error) {
		return []api.ChangefeedCommonInfo{
			{UpstreamID: 7, Namespace: "default", ID: "other", State: api.StateNormal},
			{UpstreamID: 7, Namespace: "default", ID: "orders", State: api.StatePending, CheckpointTSO: cp, CheckpointTime: api.CheckpointTime(cp, time.UTC)},
		}, nil
	}}
	out, err := run(t, fake, Options{Simple: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "upstream_id": 7,
  "namespace": "default",
  "id": "orders",
  "state": "warning",
  "checkpoint_tso": 454395847671283712,
  "checkpoint_time": "2024-12-05 07:09:57.623",
  "error": null
}
`
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	if calls := fake.Calls(); len(calls) != 1 || calls[0] != "List default state=all" {
		t.Errorf("calls = %v", calls)
	}
	out, err = run(t, fake, Options{Simple: true, Format: output.JSON})
	if err != nil || !strings.Contains(out, `"changefeeds": [`) || !strings.Contains(out, `"lag_seconds": 3.5`) {
		t.Errorf("simple json = %s, %v", out, err)
	}
	_, err = run(t, fake, Options{Simple: true, ID: api.ChangefeedID{Namespace: "default", ID: "nope"}})
	if err == nil || err.Error() != "[CDC:ErrChangeFeedNotExists]changefeed not exists, nope" || sharedtest.ExitCode(err) != 3 {
		t.Errorf("unknown with -s: %v (exit %d)", err, sharedtest.ExitCode(err))
	}
}

func TestQueryViews(t *testing.T) {
	tests := []struct {
		format output.Format
		want   string
	}{
		{output.JSON, "\"id\": \"orders\",\n  \"namespace\": \"default\",\n  \"state\": \"normal\",\n  \"sink_uri\": \"kafka://k:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-password=xxxxx&sasl-user=key\""},
		{output.YAML, "id: orders\nnamespace: default\nstate: normal\n"},
		{output.Table, "ID:          orders\nNamespace:   default\nState:       normal\n"},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			out, err := run(t, &sharedtest.API{GetFunc: getOrders}, Options{Format: tt.format})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, tt.want) || !strings.Contains(out, "shop.orders") {
				t.Errorf("output:\n%s\nwant it to contain:\n%s", out, tt.want)
			}
			for _, secret := range []string{"kafkasecret", "srsecret", "dbsecret"} {
				if strings.Contains(out, secret) {
					t.Errorf("output leaks %s", secret)
				}
			}
		})
	}
}

func TestQueryUnknownIsNotFound(t *testing.T) {
	out, err := run(t, &sharedtest.API{GetFunc: getOrders}, Options{ID: api.ChangefeedID{Namespace: "default", ID: "nope"}})
	if err == nil || err.Error() != "[CDC:ErrChangeFeedNotExists]changefeed not exists, default/nope" || sharedtest.ExitCode(err) != 3 || out != "" {
		t.Errorf("err = %v (exit %d), stdout %q", err, sharedtest.ExitCode(err), out)
	}
}
