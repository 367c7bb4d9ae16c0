package update

import (
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared/sharedtest"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/config"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
	"github.com/cdcctl/cdcctl/pkg/replicaconfig"
)

func TestNewCmdUpdateFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    string
		check   func(t *testing.T, o *Options)
		wantErr string
	}{
		{name: "ticdc flags", args: "-c orders -n ns1 --sink-uri kafka://k:9092/t --target-ts 9 --config cf.toml --schema-registry http://r --no-confirm",
			check: func(t *testing.T, o *Options) {
				if o.ID != (api.ChangefeedID{Namespace: "ns1", ID: "orders"}) || o.Sink.SinkURI != "kafka://k:9092/t" || o.TargetTs != 9 ||
					o.Sink.ConfigFile != "cf.toml" || o.Sink.SchemaRegistry != "http://r" || !o.NoConfirm ||
					!o.SinkChanged || !o.ConfigChanged || !o.TargetChanged || o.UpstreamChanged {
					t.Errorf("options = %+v", o)
				}
			}},
		{name: "only the target", args: "-c orders --target-ts 0 -o json", check: func(t *testing.T, o *Options) {
			if o.SinkChanged || o.ConfigChanged || !o.TargetChanged || o.Format != output.JSON {
				t.Errorf("options = %+v", o)
			}
		}},
		{name: "registry credentials change the config", args: "-c orders --schema-registry-user k --schema-registry-password-file f --upstream mysql://u@h:1",
			check: func(t *testing.T, o *Options) {
				if o.SinkChanged || !o.ConfigChanged || !o.UpstreamChanged || o.Upstream != "mysql://u@h:1" {
					t.Errorf("options = %+v", o)
				}
			}},
		{name: "id is required", args: "--target-ts 9", wantErr: "-c/--changefeed-id is required"},
		{name: "sasl password needs the sink uri", args: "-c orders --sasl-password-file f", wantErr: "--sink-uri is required with --sasl-user and the SASL password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdUpdate(factory.New(ios), func(o *Options) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) || sharedtest.ExitCode(err) != 2 {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, got)
		})
	}
}

// server fakes a server holding "orders" in state, recording the update.
func server(state api.State, masked bool, sent **api.ChangefeedConfig) *sharedtest.API {
	info := sharedtest.Info("orders", state)
	if masked {
		pw := "kafkasecret"
		info.Config.Sink.KafkaConfig = &replicaconfig.KafkaConfig{}
		info.Config.Sink.KafkaConfig.SASLPassword = &pw
		info = info.Masked()
	}
	return &sharedtest.API{
		GetFunc: func(api.ChangefeedID) (*api.ChangeFeedInfo, error) { c := *info; return &c, nil },
		UpdateFunc: func(_ api.ChangefeedID, cfg *api.ChangefeedConfig) (*api.ChangeFeedInfo, error) {
			*sent = cfg
			c := *info
			if cfg.TargetTs != 0 {
				c.TargetTs = cfg.TargetTs
			}
			return &c, nil
		},
	}
}

type runCase struct {
	name       string
	state      api.State
	masked     bool
	edit       func(o *Options)
	tty        bool
	input      string
	format     output.Format
	wantOut    []string // lines stdout must hold, in order
	wantErr    string
	wantExit   int
	wantUpdate bool
	check      func(t *testing.T, sent *api.ChangefeedConfig)
}

var target = sharedtest.CheckpointTs + 100

func TestUpdateRun(t *testing.T) {
	tests := []runCase{
		{name: "a running changefeed is refused before anything", state: api.StateNormal,
			edit:    func(o *Options) { o.TargetTs, o.TargetChanged = target, true },
			wantErr: "[CDC:ErrChangefeedUpdateRefused]changefeed update error: can only update changefeed config when it is stopped or failed", wantExit: 2},
		{name: "target ts", state: api.StateStopped,
			edit: func(o *Options) { o.TargetTs, o.TargetChanged = target, true },
			wantOut: []string{"Diff of changefeed config:", "target_ts: 0 -> 454395847671283812",
				"Update changefeed config successfully! ", "ID: orders", `Info: {"upstream_id":7,"namespace":"default","id":"orders","sink_uri":"kafka://k:9092/orders?protocol=avro\u0026sasl-mechanism=PLAIN\u0026sasl-password=xxxxx\u0026sasl-user=key"`},
			wantUpdate: true,
			check: func(t *testing.T, sent *api.ChangefeedConfig) {
				if sent.TargetTs != target || sent.SinkURI != "" || sent.ReplicaConfig != nil {
					t.Errorf("sent = %+v (only the target must be sent; a masked config sent back would store the masks)", sent)
				}
			}},
		{name: "target before start", state: api.StateFailed, edit: func(o *Options) { o.TargetTs, o.TargetChanged = 5, true },
			wantErr: "[CDC:ErrChangefeedUpdateRefused]changefeed update error: can not update target_ts:5 less than start_ts:454395847671282712", wantExit: 2},
		{name: "nothing changes", state: api.StateStopped, edit: func(o *Options) {},
			wantOut: []string{"changefeed config is the same with the old one, do nothing"}},
		{name: "sink uri with the password from a file", state: api.StateStopped,
			edit: func(o *Options) {
				o.Sink.SinkURI, o.Sink.SASLPasswordFile, o.SinkChanged = "kafka://k2:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-user=key", "pw", true
			},
			wantOut: []string{"Diff of changefeed config:",
				"sink_uri: kafka://k:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-password=xxxxx&sasl-user=key -> kafka://k2:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-password=xxxxx&sasl-user=key"},
			wantUpdate: true,
			check: func(t *testing.T, sent *api.ChangefeedConfig) {
				if sent.SinkURI != "kafka://k2:9092/orders?protocol=avro&sasl-mechanism=PLAIN&sasl-user=key&sasl-password=n3w%2Fsecret" || sent.ReplicaConfig != nil {
					t.Errorf("sent = %+v", sent)
				}
			}},
		{name: "new config file", state: api.StateStopped,
			edit: func(o *Options) {
				o.Sink.ConfigFile, o.ConfigChanged = "cf.toml", true
			},
			wantOut:    []string{"Diff of changefeed config:", "config.mounter.worker_num: 16 -> 8", "config.sink.protocol: \"avro\" -> <none>"},
			wantUpdate: true,
			check: func(t *testing.T, sent *api.ChangefeedConfig) {
				if sent.ReplicaConfig == nil || sent.ReplicaConfig.Mounter.WorkerNum != 8 || *sent.ReplicaConfig.Sink.SchemaRegistry != "http://r:8081" {
					t.Errorf("sent config = %+v", sent.ReplicaConfig)
				}
			}},
		{name: "registry alone over a masked config is refused", state: api.StateStopped, masked: true,
			edit: func(o *Options) {
				o.Sink.SchemaRegistry, o.ConfigChanged = "https://sr2.example.com", true
			},
			wantErr: "the server shows the current configuration with its secrets masked", wantExit: 2},
		{name: "registry alone over a config TiCDC sent in clear", state: api.StateStopped,
			edit: func(o *Options) {
				o.Sink.SchemaRegistry, o.Sink.SchemaRegistryUser, o.Sink.SchemaRegistryPasswordFile, o.ConfigChanged = "https://sr2.example.com", "k2", "pw", true
			},
			wantOut:    []string{"Diff of changefeed config:", `config.sink.schema_registry: "https://srkey:xxxxx@sr.example.com" -> "https://k2:xxxxx@sr2.example.com"`},
			wantUpdate: true,
			check: func(t *testing.T, sent *api.ChangefeedConfig) {
				if *sent.ReplicaConfig.Sink.SchemaRegistry != "https://k2:n3w%2Fsecret@sr2.example.com" || sent.ReplicaConfig.Mounter.WorkerNum != 16 {
					t.Errorf("sent config = %+v", sent.ReplicaConfig.Sink)
				}
			}},
		{name: "declined", state: api.StateStopped, tty: true, input: "n\n",
			edit:    func(o *Options) { o.NoConfirm, o.TargetTs, o.TargetChanged = false, target, true },
			wantOut: []string{"Diff of changefeed config:", "target_ts: 0 -> 454395847671283812", "No update to changefeed."},
			wantErr: "[CDC:ErrCliAborted]command 'cli changefeed update' is aborted by user", wantExit: 4},
		{name: "off a terminal without --no-confirm", state: api.StateStopped,
			edit:    func(o *Options) { o.NoConfirm, o.TargetTs, o.TargetChanged = false, target, true },
			wantErr: "applying the changes above needs a confirmation; stdin is not a terminal, so cdcctl cannot ask: pass --no-confirm to go ahead", wantExit: 2},
		{name: "accepted on a terminal", state: api.StateStopped, tty: true, input: "y\n",
			edit:    func(o *Options) { o.NoConfirm, o.TargetTs, o.TargetChanged = false, target, true },
			wantOut: []string{"Update changefeed config successfully! "}, wantUpdate: true},
		{name: "json view, diff on stderr", state: api.StateStopped, format: output.JSON,
			edit:    func(o *Options) { o.TargetTs, o.TargetChanged = target, true },
			wantOut: []string{"{", `  "id": "orders",`, `  "target_ts": 454395847671283812,`}, wantUpdate: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sent *api.ChangefeedConfig
			fake := server(tt.state, tt.masked, &sent)
			ios, in, out, errOut := iostreams.Test()
			ios.SetStdinTTY(tt.tty)
			in.WriteString(tt.input)
			o := &Options{IO: ios, Client: fake.Client(), Now: sharedtest.Now, Loc: time.UTC, Format: tt.format,
				Config: func() (*config.Config, error) {
					return &config.Config{SchemaRegistry: "http://r:8081", SASLPassword: "envsecret"}, nil
				},
				ReadFile: func(name string) ([]byte, error) {
					switch name {
					case "pw":
						return []byte("n3w/secret\n"), nil
					case "cf.toml":
						return []byte("[mounter]\nworker-num = 8\n"), nil
					}
					return nil, fs.ErrNotExist
				},
				ID: api.ChangefeedID{Namespace: "default", ID: "orders"}, NoConfirm: true}
			tt.edit(o)
			err := updateRun(t.Context(), o)
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) || sharedtest.ExitCode(err) != tt.wantExit {
					t.Fatalf("err = %v (exit %d), want %q (exit %d)", err, sharedtest.ExitCode(err), tt.wantErr, tt.wantExit)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if (sent != nil) != tt.wantUpdate {
				t.Fatalf("update sent = %v, want %v (calls %v)", sent != nil, tt.wantUpdate, fake.Calls())
			}
			if tt.check != nil {
				tt.check(t, sent)
			}
			rest := out.String()
			for _, line := range tt.wantOut {
				i := strings.Index(rest, line)
				if i < 0 {
					t.Fatalf("stdout lacks %q (in order):\n%s\nstderr:\n%s", line, out, errOut)
				}
				rest = rest[i+len(line):]
			}
			for _, secret := range []string{"kafkasecret", "srsecret", "dbsecret", "n3w", "envsecret"} {
				if strings.Contains(out.String()+errOut.String(), secret) {
					t.Errorf("output leaks %q", secret)
				}
			}
			if tt.format != "" && !strings.Contains(errOut.String(), "Diff of changefeed config:") {
				t.Errorf("with -o the diff goes to stderr: %q", errOut)
			}
		})
	}
}
