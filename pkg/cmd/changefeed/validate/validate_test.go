package validate

import (
	"encoding/json"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/config"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

const guideURI = "kafka://127.0.0.1:9092/ticdc-meta?protocol=avro&sasl-mechanism=PLAIN&sasl-user=KEY&sasl-password=Pa55word"

const guideConf = `[sink]
dispatchers = [ {matcher = ['*.*'], topic = "tidb_{schema}_{table}", partition = "index-value"} ]
`

func TestFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    Options
		wantErr string
	}{
		{name: "minimal", args: []string{"--sink-uri", "kafka://h:9092/t"}, want: Options{SinkURI: "kafka://h:9092/t", Format: output.Table}},
		{name: "everything", args: []string{"--sink-uri", "kafka://h:9092/t", "-c", "cf.toml", "--schema-registry", "http://sr", "-o", "json",
			"--route", "db.t", "--partitions", "6", "--columns", "a=1,b=x y", "--commit-ts", "42"},
			want: Options{SinkURI: "kafka://h:9092/t", ConfigFile: "cf.toml", SchemaRegistry: "http://sr", Format: output.JSON,
				Route: "db.t", Partitions: 6, Columns: []string{"a=1", "b=x y"}, CommitTs: 42}},
		{name: "quoted column value with a comma", args: []string{"--sink-uri", "k://h", "--route", "d.t", "--partitions", "1", "--columns", `a=1,"b=x,y"`},
			want: Options{SinkURI: "k://h", Format: output.Table, Route: "d.t", Partitions: 1, Columns: []string{"a=1", "b=x,y"}}},
		{name: "sink-uri required", args: nil, wantErr: "--sink-uri is required"},
		{name: "partitions without route", args: []string{"--sink-uri", "k://h", "--partitions", "3"}, wantErr: "--partitions needs --route"},
		{name: "columns without route", args: []string{"--sink-uri", "k://h", "--columns", "a=1"}, wantErr: "--columns needs --route"},
		{name: "commit-ts without route", args: []string{"--sink-uri", "k://h", "--commit-ts", "1"}, wantErr: "--commit-ts needs --route"},
		{name: "route needs partitions", args: []string{"--sink-uri", "k://h", "--route", "d.t"}, wantErr: "--route needs --partitions, a positive partition count (got 0)"},
		{name: "route shape", args: []string{"--sink-uri", "k://h", "--route", "dt", "--partitions", "2"}, wantErr: `--route: want db.table, got "dt"`},
		{name: "column shape", args: []string{"--sink-uri", "k://h", "--route", "d.t", "--partitions", "2", "--columns", "a"}, wantErr: `--columns: want name=value, got "a"`},
		{name: "column twice", args: []string{"--sink-uri", "k://h", "--route", "d.t", "--partitions", "2", "--columns", "a=1,A=2"}, wantErr: `--columns: column "A" given twice`},
		{name: "bad format", args: []string{"--sink-uri", "k://h", "-o", "csv"}, wantErr: "want one of table, json, yaml"},
		{name: "no arguments", args: []string{"--sink-uri", "k://h", "extra"}, wantErr: "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdValidate(factory.New(ios), func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				var fe *cmderr.FlagError
				if !errors.As(err, &fe) && tt.name != "bad format" && tt.name != "no arguments" {
					t.Errorf("error %v is not a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.IO, got.ReadFile, got.Config = nil, nil, nil
			if diff := cmp.Diff(&tt.want, got, cmp.AllowUnexported(Options{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// testOptions returns options reading files from a map; runOpts sets
// the streams.
func testOptions(format output.Format, uri string, files map[string]string) *Options {
	o := &Options{Format: format, SinkURI: uri, ReadFile: func(name string) ([]byte, error) {
		s, ok := files[name]
		if !ok {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		return []byte(s), nil
	}}
	o.Config = func() (*config.Config, error) { return &config.Config{}, nil }
	return o
}

func runOpts(t *testing.T, o *Options) (stdout, stderr string, err error) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	o.IO = ios
	err = validateRun(o)
	return out.String(), errOut.String(), err
}

func TestRunText(t *testing.T) {
	o := testOptions(output.Table, guideURI, map[string]string{"cf.toml": guideConf})
	o.ConfigFile = "cf.toml"
	o.SchemaRegistry = "https://SRKEY:sr%2Fsecret@psrc-1.confluent.cloud"
	o.Route, o.Partitions, o.Columns = "test.t1", 16, []string{"a=22"}
	out, stderr, err := runOpts(t, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Valid:           yes\n",
		"Sink URI:        kafka://127.0.0.1:9092/ticdc-meta?protocol=avro&sasl-mechanism=PLAIN&sasl-password=xxxxx&sasl-user=KEY\n",
		"Default topic:   ticdc-meta\n",
		"Protocol:        avro\n",
		"Schema registry: https://SRKEY:xxxxx@psrc-1.confluent.cloud\n",
		"Kafka:           partition-num auto (3 when cdcctl creates the topic), replication-factor 1, required-acks -1, compression none, max-message-bytes 10485760, auto-create-topic true, SASL PLAIN, TLS off\n",
		"Route:           test.t1 -> topic tidb_test_t1, partition 11 of 16 (index-value, sink.dispatchers[0])\n",
		"Hashed:          a=22\n",
		"# Effective changefeed configuration (secrets masked)\n",
		`schema-registry = "https://SRKEY:xxxxx@psrc-1.confluent.cloud"`,
		`sasl-password = "******"`,
		`topic = "tidb_{schema}_{table}"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, secret := range []string{"Pa55word", "sr/secret", "sr%2Fsecret"} {
		if strings.Contains(out+stderr, secret) {
			t.Errorf("output leaks %q", secret)
		}
	}
	if stderr != "" {
		t.Errorf("stderr = %q", stderr)
	}
}

func TestRunJSON(t *testing.T) {
	o := testOptions(output.JSON, guideURI+"&schema-registry=http%3A%2F%2Fsr%3A8081", map[string]string{"cf.toml": guideConf})
	o.ConfigFile = "cf.toml"
	o.Route, o.Partitions, o.Columns = "test.t2", 16, []string{"a=11", "b=33"}
	out, _, err := runOpts(t, o)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	want := map[string]any{
		"valid": true, "topic": "ticdc-meta", "protocol": "avro", "schema_registry": "http://sr:8081",
		"sink_uri": "kafka://127.0.0.1:9092/ticdc-meta?protocol=avro&sasl-mechanism=PLAIN&sasl-password=xxxxx&sasl-user=KEY&schema-registry=http%3A%2F%2Fsr%3A8081",
		"brokers":  []any{"127.0.0.1:9092"},
		"route": map[string]any{"table": "test.t2", "topic": "tidb_test_t2", "partition": 2.0, "partitions": 16.0,
			"dispatcher": "index-value", "rule": "sink.dispatchers[0]", "hashed": []any{"a=11", "b=33"}},
		"kafka": map[string]any{"partition_num": 0.0, "replication_factor": 1.0, "required_acks": -1.0, "compression": "none",
			"max_message_bytes": 10485760.0, "auto_create_topic": true, "sasl_mechanism": "PLAIN", "tls": false},
	}
	for k, v := range want {
		if diff := cmp.Diff(v, got[k]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", k, diff)
		}
	}
	rc := got["replica_config"].(map[string]any)
	kc := rc["sink"].(map[string]any)["kafka_config"].(map[string]any)
	if kc["sasl_password"] != "******" || rc["memory_quota"] != 1073741824.0 {
		t.Errorf("replica_config = %v", rc)
	}
	if strings.Contains(out, "Pa55word") {
		t.Error("JSON leaks the SASL password")
	}
}

func TestRunYAML(t *testing.T) {
	o := testOptions(output.YAML, "kafka://h:9092/t?protocol=canal-json", nil)
	out, stderr, err := runOpts(t, o)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := yaml.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not YAML: %v\n%s", err, out)
	}
	if got["protocol"] != "canal-json" || got["valid"] != true {
		t.Errorf("yaml = %v", got)
	}
	rc := got["replica_config"].(map[string]any)
	if rc["memory_quota"] != 1073741824 || rc["sink"].(map[string]any)["protocol"] != "canal-json" {
		t.Errorf("replica_config uses the API keys in YAML too: %v", rc)
	}
	want := "warning: protocol \"canal-json\" is valid for a TiCDC server; the cdcctl engine writes only avro\n"
	if stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	if w := got["warnings"].([]any); len(w) != 1 {
		t.Errorf("warnings = %v", w)
	}
}

func TestRunPrintsAKafkaWarningOnce(t *testing.T) {
	o := testOptions(output.Table, "kafka://h:9092/t?protocol=avro&compression=brotli&schema-registry=http%3A%2F%2Fr%3A8081", nil)
	_, stderr, err := runOpts(t, o)
	if err != nil {
		t.Fatal(err)
	}
	want := "warning: kafka options: compression \"brotli\" is unknown; TiCDC falls back to \"none\"\n"
	if stderr != want {
		t.Errorf("stderr = %q, want the warning once: %q", stderr, want)
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name  string
		uri   string
		files map[string]string
		conf  string
		reg   string
		route []string // route, columns...
		want  string
	}{
		{name: "acks", uri: "kafka://h:9092/t?protocol=avro&required-acks=2", want: `sink-uri: parameter "required-acks": only -1, 0 or 1 are allowed, got 2`},
		{name: "no registry", uri: "kafka://h:9092/t?protocol=avro", want: `sink: Avro protocol requires parameter "schema-registry" or "glue-schema-registry" to specify the schema registry`},
		{name: "missing file", uri: "kafka://h:9092/t?protocol=avro", conf: "nope.toml", want: `changefeed config "nope.toml": file does not exist`},
		{name: "unknown key", uri: "kafka://h:9092/t?protocol=avro", files: map[string]string{"cf.toml": "[sink]\nprotocl='avro'"}, conf: "cf.toml",
			want: `changefeed config "cf.toml" contained unknown configuration options: sink.protocl`},
		{name: "avro expression", uri: "kafka://h:9092/t?protocol=avro", reg: "http://sr",
			files: map[string]string{"cf.toml": "[sink]\ndispatchers=[{matcher=['*.*'], topic='{table}'}]"}, conf: "cf.toml",
			want: `sink.dispatchers[0]: invalid topic expression "{table}": topic rule for Avro must contain {schema} and {table}, in that order`},
		{name: "route without key values", uri: "kafka://h:9092/t?protocol=avro", reg: "http://sr", files: map[string]string{"cf.toml": guideConf}, conf: "cf.toml",
			route: []string{"db.t"}, want: `--route db.t: sink.dispatchers[0] uses the index-value dispatcher, which hashes column values; give them with --columns`},
		{name: "route missing dispatcher column", uri: "kafka://h:9092/t?protocol=avro", reg: "http://sr",
			files: map[string]string{"cf.toml": "[sink]\ndispatchers=[{matcher=['*.*'], partition='columns', columns=['c']}]"}, conf: "cf.toml",
			route: []string{"db.t", "a=1"}, want: `--route db.t: sink.dispatchers[0]: column "c" not found in table db.t`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOptions(output.Table, tt.uri, tt.files)
			o.ConfigFile, o.SchemaRegistry = tt.conf, tt.reg
			if len(tt.route) > 0 {
				o.Route, o.Partitions, o.Columns = tt.route[0], 4, tt.route[1:]
			}
			out, _, err := runOpts(t, o)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error = %v\nwant    %s", err, tt.want)
			}
			var ie *cmderr.InvalidInputError
			if !errors.As(err, &ie) {
				t.Errorf("error is not invalid input (exit 2): %T", err)
			}
			if out != "" {
				t.Errorf("nothing may be printed on error, got %q", out)
			}
		})
	}
}

// TestRouteVectors routes the spec's 16-partition vectors through the
// command.
func TestRouteVectors(t *testing.T) {
	tests := []struct {
		conf, table string
		columns     []string
		commitTs    uint64
		want        int32
	}{
		{"partition='table'", "test.t1", nil, 0, 15},
		{"partition='table'", "test.t2", nil, 0, 5},
		{"partition='default'", "test.t3", nil, 0, 3},
		{"partition='index-value'", "test.t1", []string{"a=11"}, 0, 2},
		{"partition='index-value'", "test.t2", []string{"a=11", "b=22"}, 0, 5},
		{"partition='rowid'", "test.t2", []string{"a=11", "b=0"}, 0, 14},
		{"partition='index-value', index='uk_ab'", "test.t2", []string{"b=33", "a=11"}, 0, 2},
		{"partition='columns', columns=['col2', 'col1']", "test.t1", []string{"col1=22", "col2=11"}, 0, 15},
		{"partition='columns', columns=['col2', 'col1']", "test.t1", []string{"COL2=11", "Col1=22", "other=5"}, 0, 5},
		{"partition='ts'", "test.t1", nil, 35, 3},
	}
	for _, tt := range tests {
		t.Run(tt.conf+"/"+strings.Join(tt.columns, ","), func(t *testing.T) {
			conf := "[sink]\ndispatchers=[{matcher=['*.*'], " + tt.conf + "}]"
			o := testOptions(output.JSON, "kafka://h:9092/t?protocol=avro", map[string]string{"cf.toml": conf})
			o.ConfigFile, o.SchemaRegistry = "cf.toml", "http://sr"
			o.Route, o.Partitions, o.Columns, o.CommitTs = tt.table, 16, tt.columns, tt.commitTs
			out, _, err := runOpts(t, o)
			if err != nil {
				t.Fatal(err)
			}
			var got struct{ Route routeView }
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			if got.Route.Partition != tt.want {
				t.Errorf("partition = %d, want %d", got.Route.Partition, tt.want)
			}
		})
	}
}

func TestRegistryFromConfig(t *testing.T) {
	o := testOptions(output.JSON, "kafka://h:9092/t?protocol=avro", nil)
	o.Config = func() (*config.Config, error) { return &config.Config{SchemaRegistry: "https://k:cfgsecret@sr"}, nil }
	out, _, err := runOpts(t, o)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"schema_registry": "https://k:xxxxx@sr"`) || strings.Contains(out, "cfgsecret") {
		t.Errorf("registry from cdcctl's config not used or not masked:\n%s", out)
	}
}
