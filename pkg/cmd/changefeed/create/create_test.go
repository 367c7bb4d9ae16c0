package create

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared/sharedtest"
	"github.com/cdcctl/cdcctl/pkg/config"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

const avroSink = "kafka://k:9092/orders?protocol=avro"

var secrets = []string{"kafkasecret", "srsecret", "dbsecret", "p@ss/word", "p%40ss%2Fword", "sr:pw", "sr%3Apw"}

func files(m map[string]string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if v, ok := m[name]; ok {
			return []byte(v), nil
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
}

// newOptions returns create options over fake, with cdcctl's settings env
// (SASL password, registry, upstream) as CDCCTL_* would give them.
func newOptions(fake *sharedtest.API, env config.Config) (*Options, *iostreams.IOStreams) {
	ios, _, _, _ := iostreams.Test()
	o := &Options{IO: ios, Client: fake.Client(), Config: func() (*config.Config, error) { return &env, nil },
		ReadFile: files(map[string]string{"sr.secret": "sr:pw\n", "k.secret": "p@ss/word\n"}),
		Now:      sharedtest.Now, Loc: time.UTC, ID: api.ChangefeedID{Namespace: "default", ID: "orders"}}
	o.Sink.SinkURI = avroSink
	return o, ios
}

func echoCreate(got **api.ChangefeedConfig) func(*api.ChangefeedConfig) (*api.ChangeFeedInfo, error) {
	return func(cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error) {
		*got = cfg
		return sharedtest.Info(cfg.ID, api.StateNormal), nil
	}
}

func TestCreateEncodesSecretsAndPrintsTiCDCText(t *testing.T) {
	var req *api.ChangefeedConfig
	fake := &sharedtest.API{CreateFunc: echoCreate(&req)}
	o, ios := newOptions(fake, config.Config{SASLPassword: "p@ss/word", Upstream: "mysql://root:dbsecret@h:3306"})
	o.Sink.SinkURI, o.Sink.SASLUser = avroSink+"&sasl-mechanism=PLAIN", "key"
	o.Sink.SchemaRegistry, o.Sink.SchemaRegistryUser, o.Sink.SchemaRegistryPasswordFile = "https://sr.example.com", "srkey", "sr.secret"
	if err := createRun(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	if req.SinkURI != avroSink+"&sasl-mechanism=PLAIN&sasl-user=key&sasl-password=p%40ss%2Fword" {
		t.Errorf("sink uri sent = %s", req.SinkURI)
	}
	if got := *req.ReplicaConfig.Sink.SchemaRegistry; got != "https://srkey:sr%3Apw@sr.example.com" {
		t.Errorf("registry sent = %s", got)
	}
	if req.Upstream != "mysql://root:dbsecret@h:3306" || req.ReplicaConfig.IgnoreIneligibleTable || !req.ReplicaConfig.CheckGCSafePoint {
		t.Errorf("request = %+v", req)
	}
	if req.ReplicaConfig.Sink.KafkaConfig != nil {
		t.Error("the URI's parameters were copied into the config sent; the server applies the URI itself")
	}
	out := ios.Out.(interface{ String() string }).String()
	lines := strings.Split(out, "\n")
	if len(lines) != 4 || lines[0] != "Create changefeed successfully!" || lines[1] != "ID: orders" || !strings.HasPrefix(lines[2], `Info: {"upstream_id":7,"namespace":"default","id":"orders","sink_uri":"kafka://k:9092/orders?protocol=avro\u0026sasl-mechanism=PLAIN\u0026sasl-password=xxxxx\u0026sasl-user=key"`) {
		t.Errorf("output:\n%s", out)
	}
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("output leaks %q", s)
		}
	}
	if calls := fake.Calls(); len(calls) != 1 || calls[0] != "Create default/orders" {
		t.Errorf("calls = %v", calls)
	}
}

func TestCreateViews(t *testing.T) {
	tests := []struct {
		format output.Format
		tty    bool
		want   string
	}{
		{output.JSON, false, `{
  "id": "orders",
  "namespace": "default",
  "state": "normal",
  "sink_uri": "kafka://k:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-password=xxxxx&sasl-user=key",
  "upstream": "mysql://root:xxxxx@127.0.0.1:3306",
  "create_time": "2024-12-05T06:10:01.123Z",
  "start_ts": 454395847671282712,
  "snapshot": "initial",
  "checkpoint_ts": 454395847671283712,
  "checkpoint_time": "2024-12-05T07:09:57.623Z",
  "checkpoint_position": "mysql-bin.000003:1234",
  "lag_seconds": 3.5,
  "rows_per_second": 1234.5,
  "snapshot_progress": {
    "state": "done",
    "tables_done": 2,
    "tables_total": 2,
    "rows_copied": 300
  },
  "tables": [
    {
      "table": "shop.orders",
      "inserts": 10,
      "updates": 2,
      "deletes": 1,
      "snapshot_rows": 300
    }
  ]
}
`},
		{output.YAML, false, `id: orders
namespace: default
state: normal
sink_uri: kafka://k:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-password=xxxxx&sasl-user=key
upstream: mysql://root:xxxxx@127.0.0.1:3306
create_time: 2024-12-05T06:10:01.123Z
start_ts: 454395847671282712
snapshot: initial
checkpoint_ts: 454395847671283712
checkpoint_time: 2024-12-05T07:09:57.623Z
checkpoint_position: mysql-bin.000003:1234
lag_seconds: 3.5
rows_per_second: 1234.5
snapshot_progress:
  state: done
  tables_done: 2
  tables_total: 2
  rows_copied: 300
tables:
  - table: shop.orders
    inserts: 10
    updates: 2
    deletes: 1
    snapshot_rows: 300
`},
		{output.Table, true, `ID:          orders
Namespace:   default
State:       normal
Sink URI:    kafka://k:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-password=xxxxx&sasl-user=key
Upstream:    mysql://root:xxxxx@127.0.0.1:3306
Checkpoint:  2024-12-05 07:09:57 (ts 454395847671283712, lag 3.5s)
Position:    mysql-bin.000003:1234
Start:       ts 454395847671282712, snapshot initial
Snapshot:    done, 2/2 tables, 300 rows copied
Throughput:  1234.5 rows/s
Tables:
  TABLE        INSERTS  UPDATES  DELETES  SNAPSHOT
  shop.orders  10       2        1        300
`},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			var req *api.ChangefeedConfig
			o, ios := newOptions(&sharedtest.API{CreateFunc: echoCreate(&req)}, config.Config{Upstream: "mysql://u@h:1", SchemaRegistry: "http://r:8081"})
			o.Format = tt.format
			ios.SetStdoutTTY(tt.tty)
			if err := createRun(t.Context(), o); err != nil {
				t.Fatal(err)
			}
			out := ios.Out.(interface{ String() string }).String()
			if out != tt.want {
				t.Errorf("output:\n%s\nwant:\n%s", out, tt.want)
			}
			if errOut := ios.ErrOut.(interface{ String() string }).String(); errOut != "Created changefeed default/orders\n" {
				t.Errorf("stderr = %q", errOut)
			}
		})
	}
}

func TestCreateRefusesBadInputOffline(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(o *Options)
		env     config.Config
		wantErr string
	}{
		{"bad sink parameter", func(o *Options) { o.Sink.SinkURI = "kafka://k:9092/t?protocol=avro&partition-num=0" }, config.Config{},
			`sink-uri: parameter "partition-num"`},
		{"avro without a registry", func(o *Options) {}, config.Config{}, "schema-registry"},
		{"missing config file", func(o *Options) { o.Sink.ConfigFile = "nope.toml" }, config.Config{}, `changefeed config "nope.toml": file does not exist`},
		{"password twice", func(o *Options) { o.Sink.SASLPassword, o.Sink.SASLPasswordFile = "a", "k.secret" }, config.Config{},
			"give --sasl-password or --sasl-password-file, not both"},
		{"password flag and URI disagree", func(o *Options) {
			o.Sink.SinkURI += "&sasl-password=other"
			o.Sink.SASLPasswordFile = "k.secret"
		}, config.Config{}, `sink-uri: parameter "sasl-password" is set in the URI and by a flag; give it once`},
		{"registry password without user", func(o *Options) { o.Sink.SchemaRegistry, o.Sink.SchemaRegistryPasswordFile = "https://sr", "sr.secret" },
			config.Config{}, "--schema-registry-password-file needs --schema-registry-user"},
		{"empty secret file", func(o *Options) {
			o.ReadFile = files(map[string]string{"k.secret": "\n"})
			o.Sink.SASLPasswordFile = "k.secret"
		},
			config.Config{}, `--sasl-password-file "k.secret" is empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &sharedtest.API{}
			o, _ := newOptions(fake, tt.env)
			tt.edit(o)
			err := createRun(t.Context(), o)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || sharedtest.ExitCode(err) != 2 {
				t.Fatalf("err = %v (exit %d), want %q and exit 2", err, sharedtest.ExitCode(err), tt.wantErr)
			}
			for _, s := range secrets {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error leaks %q", s)
				}
			}
			if calls := fake.Calls(); len(calls) != 0 {
				t.Errorf("the server was called: %v", calls)
			}
		})
	}
}

func TestCreateServerErrors(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		wantExit int
	}{
		{"duplicate id", api.ErrAlreadyExists(api.ChangefeedID{Namespace: "default", ID: "orders"}), 2},
		{"sink refused by the server", api.ErrSinkURIInvalid("no broker reachable"), 2},
		{"server not ready", api.ErrServerNotReady(), 1},
		{"unknown failure", errors.New("cannot reach server http://127.0.0.1:1: connection refused"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &sharedtest.API{CreateFunc: func(*api.ChangefeedConfig) (*api.ChangeFeedInfo, error) { return nil, tt.err }}
			o, ios := newOptions(fake, config.Config{SchemaRegistry: "http://r:8081"})
			err := createRun(t.Context(), o)
			if err == nil || err.Error() != tt.err.Error() || sharedtest.ExitCode(err) != tt.wantExit {
				t.Fatalf("err = %v (exit %d), want %v (exit %d)", err, sharedtest.ExitCode(err), tt.err, tt.wantExit)
			}
			if out := ios.Out.(interface{ String() string }).String(); out != "" {
				t.Errorf("stdout = %q", out)
			}
		})
	}
}

func TestCreatePrompts(t *testing.T) {
	old := uint64(sharedtest.Now().Add(-49*time.Hour).UnixMilli()) << 18
	ineligible := api.Errorf(api.CodeTableIneligible, "some tables are not eligible to replicate([shop.logs]), if you want to ignore these tables, please set ignore_ineligible_table to true")
	tests := []struct {
		name       string
		startTs    uint64
		failFirst  bool
		tty        bool
		input      string
		noConfirm  bool
		wantErr    string
		wantExit   int
		wantCalls  int
		wantIgnore bool
	}{
		{name: "lag over a day off a terminal fails without asking", startTs: old,
			wantErr: "replicate lag (49h0m0s) is larger than 1 day; stdin is not a terminal, so cdcctl cannot ask: pass --no-confirm to go ahead", wantExit: 2},
		{name: "lag over a day, answered yes", startTs: old, tty: true, input: "y\n", wantCalls: 1},
		{name: "lag over a day, answered no", startTs: old, tty: true, input: "n\n",
			wantErr: "[CDC:ErrCliAborted]command 'cli changefeed create' is aborted by user", wantExit: 4},
		{name: "lag over a day with --no-confirm", startTs: old, noConfirm: true, wantCalls: 1, wantIgnore: true},
		{name: "ineligible tables, answered yes", failFirst: true, tty: true, input: "Y\n", wantCalls: 2, wantIgnore: true},
		{name: "ineligible tables off a terminal", failFirst: true, wantCalls: 1,
			wantErr: "some tables are not eligible to replicate; stdin is not a terminal", wantExit: 2},
		{name: "ineligible tables with --no-confirm are ignored up front", noConfirm: true, wantCalls: 1, wantIgnore: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req *api.ChangefeedConfig
			calls := 0
			fake := &sharedtest.API{CreateFunc: func(cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error) {
				calls++
				req = cfg
				if tt.failFirst && calls == 1 {
					return nil, ineligible
				}
				return sharedtest.Info(cfg.ID, api.StateNormal), nil
			}}
			o, ios := newOptions(fake, config.Config{SchemaRegistry: "http://r:8081"})
			o.StartTs, o.NoConfirm = tt.startTs, tt.noConfirm
			ios.SetStdinTTY(tt.tty)
			ios.In.(interface{ WriteString(string) (int, error) }).WriteString(tt.input)
			err := createRun(t.Context(), o)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || sharedtest.ExitCode(err) != tt.wantExit {
					t.Fatalf("err = %v (exit %d), want %q (exit %d)", err, sharedtest.ExitCode(err), tt.wantErr, tt.wantExit)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if calls != tt.wantCalls {
				t.Errorf("Create called %d times, want %d", calls, tt.wantCalls)
			}
			if req != nil && req.ReplicaConfig.IgnoreIneligibleTable != tt.wantIgnore {
				t.Errorf("ignore_ineligible_table = %v, want %v", req.ReplicaConfig.IgnoreIneligibleTable, tt.wantIgnore)
			}
		})
	}
}

var _ shared.ChangefeedAPI = (*sharedtest.API)(nil)
