package tail

import (
	"errors"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

func TestNewCmdTailFlags(t *testing.T) {
	base := "--brokers a:9092,b:9092 --topic t1 --topic t2 --registry http://sr:8081"
	tests := []struct {
		name    string
		args    string
		tty     bool
		env     map[string]string
		check   func(o *Options) bool
		wantErr string
	}{
		{"off a terminal JSON lines", base, false, nil, func(o *Options) bool {
			return o.Format == output.JSON && len(o.Brokers) == 2 && o.Brokers[1] == "b:9092" &&
				strings.Join(o.Topics, ",") == "t1,t2" && !o.FromBeginning && !o.Follow && o.MaxMessages == 0
		}, ""},
		{"on a terminal the readable view", base, true, nil, func(o *Options) bool { return o.Format == output.Table }, ""},
		{"-o json on a terminal", base + " -o json", true, nil, func(o *Options) bool { return o.Format == output.JSON }, ""},
		{"-o table off a terminal", base + " -o table", false, nil, func(o *Options) bool { return o.Format == output.Table }, ""},
		{"registry from the environment", "--brokers a:1 --topic-regex ^tidb_ --from-beginning --follow --max-messages 5", false,
			map[string]string{"CDCCTL_SCHEMA_REGISTRY": "https://key:secret@sr.example"}, func(o *Options) bool {
				return o.Registry == "https://key:secret@sr.example" && o.TopicRegex == "^tidb_" && o.FromBeginning && o.Follow && o.MaxMessages == 5
			}, ""},
		{"SASL password from the environment", base + " --sasl-mechanism scram-sha-512 --sasl-user u --tls", false,
			map[string]string{"CDCCTL_SASL_PASSWORD": "pw"}, func(o *Options) bool {
				return o.SASLPassword == "pw" && o.SASLUser == "u" && o.TLS
			}, ""},
		{"a changefeed fills brokers, topics and registry later", "-c tpcc -n ns1 --server http://cdc:8300", false, nil, func(o *Options) bool {
			return o.Changefeed.ID == "tpcc" && o.Changefeed.Namespace == "ns1" && len(o.Brokers) == 0 && o.Registry == ""
		}, ""},
		{"bad changefeed id", "-c bad/id", false, nil, nil, "bad/id"},
		{"no brokers", "--topic t --registry http://sr", false, nil, nil, "--brokers (or -c/--changefeed-id) is required"},
		{"no topic", "--brokers a:1 --registry http://sr", false, nil, nil, "give --topic, --topic-regex or -c/--changefeed-id"},
		{"topic and regex", base + " --topic-regex x", false, nil, nil, "give --topic or --topic-regex, not both"},
		{"bad regex", "--brokers a:1 --registry http://sr --topic-regex (", false, nil, nil, "--topic-regex: error parsing regexp"},
		{"no registry", "--brokers a:1 --topic t", false, nil, nil, "--registry (or CDCCTL_SCHEMA_REGISTRY) is required"},
		{"bad registry keeps the secret", "--brokers a:1 --topic t --registry ftp://u:s3cret@sr", false, nil, nil, "scheme must be http or https"},
		{"negative max", base + " --max-messages -1", false, nil, nil, "--max-messages: want 0 (no limit) or more, got -1"},
		{"sasl without user", base + " --sasl-mechanism plain", false, nil, nil, "--sasl-mechanism plain needs --sasl-user"},
		{"unknown sasl", base + " --sasl-mechanism gssapi --sasl-user u --sasl-password p", false, nil, nil,
			`--sasl-mechanism: want plain, scram-sha-256 or scram-sha-512, got "gssapi"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XDG_CONFIG_HOME", t.TempDir())
			for _, k := range []string{"CDCCTL_SCHEMA_REGISTRY", "CDCCTL_SASL_PASSWORD"} {
				t.Setenv(k, tt.env[k])
			}
			ios, _, _, _ := iostreams.Test()
			ios.SetStdoutTTY(tt.tty)
			f := factory.New(ios)
			var got *Options
			cmd := NewCmdTail(f, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			f.SetConfigSource(cmd.Flags(), "")
			cmd.SilenceErrors, cmd.SilenceUsage = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				var fe *cmderr.FlagError
				var ie *cmderr.InvalidInputError
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &fe) && !errors.As(err, &ie) ||
					strings.Contains(err.Error(), "s3cret") {
					t.Fatalf("err = %v, want a usage error %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(got) {
				t.Errorf("options = %+v", got)
			}
		})
	}
}
