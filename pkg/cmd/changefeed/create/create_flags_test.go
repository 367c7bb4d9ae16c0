package create

import (
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared/sharedtest"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

func TestNewCmdCreateFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     string
		wantErr  string
		wantExit int
		check    func(t *testing.T, o *Options)
	}{
		{name: "TiCDC's flags", args: "--sink-uri kafka://k:9092/t -c orders -n ns1 --start-ts 5 --target-ts 9 --config cf.toml --schema-registry http://r:8081 --no-confirm --disable-gc-check",
			check: func(t *testing.T, o *Options) {
				if o.ID != (api.ChangefeedID{Namespace: "ns1", ID: "orders"}) || o.Sink.SinkURI != "kafka://k:9092/t" || o.StartTs != 5 || o.TargetTs != 9 ||
					o.Sink.ConfigFile != "cf.toml" || o.Sink.SchemaRegistry != "http://r:8081" || !o.NoConfirm || !o.DisableGCCheck || o.Format != "" {
					t.Errorf("options = %+v", o)
				}
			}},
		{name: "long id flag and default namespace", args: "--sink-uri kafka://k:9092/t --changefeed-id orders",
			check: func(t *testing.T, o *Options) {
				if o.ID != (api.ChangefeedID{Namespace: "default", ID: "orders"}) {
					t.Errorf("id = %+v", o.ID)
				}
			}},
		{name: "id is optional", args: "--sink-uri kafka://k:9092/t", check: func(t *testing.T, o *Options) {
			if o.ID.ID != "" {
				t.Errorf("id = %q", o.ID.ID)
			}
		}},
		{name: "cdcctl extensions and secrets", args: "--sink-uri kafka://k:9092/t --upstream mysql://u@h:1 --start-position mysql-bin.000001:4 --snapshot never " +
			"--sasl-user key --sasl-password-file k.secret --schema-registry-user sr --schema-registry-password-file sr.secret -o yaml",
			check: func(t *testing.T, o *Options) {
				if o.Upstream != "mysql://u@h:1" || o.StartPosition != "mysql-bin.000001:4" || o.Snapshot != "never" ||
					o.Sink.SASLUser != "key" || o.Sink.SASLPasswordFile != "k.secret" || o.Sink.SchemaRegistryUser != "sr" ||
					o.Sink.SchemaRegistryPasswordFile != "sr.secret" || o.Format != output.YAML {
					t.Errorf("options = %+v", o)
				}
			}},
		{name: "sink uri is required", args: "-c orders", wantErr: "--sink-uri is required", wantExit: 2},
		{name: "invalid id", args: "--sink-uri kafka://k:9092/t -c bad_id", wantErr: "[CDC:ErrAPIInvalidParam]invalid changefeed_id: bad_id", wantExit: 2},
		{name: "invalid namespace", args: "--sink-uri kafka://k:9092/t -n a.b", wantErr: "[CDC:ErrAPIInvalidParam]invalid namespace: a.b", wantExit: 2},
		{name: "bad snapshot mode", args: "--sink-uri kafka://k:9092/t --snapshot always", wantErr: `--snapshot: want initial or never, got "always"`, wantExit: 2},
		{name: "bad start position", args: "--sink-uri kafka://k:9092/t --start-position mysql-bin:x", wantErr: `start position "mysql-bin:x": want file:pos with a byte offset, got "x"`, wantExit: 2},
		{name: "snapshot with a start position", args: "--sink-uri kafka://k:9092/t --start-position 0-1-5 --snapshot initial", wantErr: "--snapshot initial and --start-position exclude each other", wantExit: 2},
		{name: "target before start", args: "--sink-uri kafka://k:9092/t --start-ts 10 --target-ts 10", wantErr: "[CDC:ErrTargetTsBeforeStartTs]fail to create changefeed because target-ts 10 is earlier than start-ts 10", wantExit: 2},
		{name: "bad output", args: "--sink-uri kafka://k:9092/t -o xml", wantErr: `want one of table, json, yaml, got "xml"`, wantExit: -1}, // the root makes cobra's flag errors usage errors
		{name: "no arguments", args: "--sink-uri kafka://k:9092/t extra", wantErr: `unknown command "extra"`, wantExit: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdCreate(factory.New(ios), func(o *Options) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			cmd.SetOut(ios.Out)
			cmd.SetErr(ios.ErrOut)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if code := sharedtest.ExitCode(err); tt.wantExit >= 0 && code != tt.wantExit {
					t.Errorf("exit code = %d, want %d", code, tt.wantExit)
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
