package schemasource

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/twmb/franz-go/pkg/sr/srfake"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/gen/gentest"
	"github.com/cdcctl/cdcctl/pkg/registry"
)

// getter answers Get with a changefeed decoded from JSON as a server sent it.
type getter struct {
	body string
	err  error
}

func (g getter) Get(_ context.Context, id api.ChangefeedID) (*api.ChangeFeedInfo, error) {
	if g.err != nil {
		return nil, g.err
	}
	var info api.ChangeFeedInfo
	if err := json.Unmarshal([]byte(g.body), &info); err != nil {
		return nil, err
	}
	return &info, nil
}

// changefeedJSON is a cdcctl server's answer (trimmed) for a changefeed
// made as the Confluent guide says.
func changefeedJSON(sinkURI, registry, topic string) string {
	return `{"namespace":"default","id":"tpcc","sink_uri":"` + sinkURI + `","config":{"sink":{"protocol":"avro",` +
		`"schema_registry":"` + registry + `","dispatchers":[{"matcher":["*.*"],"partition":"index-value","topic":"` + topic + `"}],` +
		`"kafka_config":{"codec_config":{"enable_tidb_extension":true}}}},"state":"normal"}`
}

func TestResolveChangefeed(t *testing.T) {
	id := api.ChangefeedID{Namespace: "default", ID: "tpcc"}
	tests := []struct {
		name      string
		get       getter
		want      ChangefeedSink
		match     []string
		noMatch   []string
		wantErr   string
		wantClass string
	}{
		{"playground", getter{body: changefeedJSON("kafka://127.0.0.1:19092/ticdc-meta?protocol=avro&enable-tidb-extension=true",
			"http://127.0.0.1:18081", "tidb_{schema}_{table}")},
			ChangefeedSink{ID: id, Brokers: []string{"127.0.0.1:19092"}, DefaultTopic: "ticdc-meta",
				TopicRules: []string{"tidb_{schema}_{table}"}, TopicRegex: `^(?:ticdc-meta|tidb_[A-Za-z0-9._-]+_[A-Za-z0-9._-]+)$`,
				Registry: "http://127.0.0.1:18081"},
			[]string{"tidb_tpcc_orders", "ticdc-meta", "tidb_a.b_c"}, []string{"tidb_x", "ticdc-meta2", "other_tpcc_orders"}, "", ""},
		{"Confluent Cloud with masked secrets", getter{body: changefeedJSON(
			"kafka://b1:9092,b2:9092/meta?protocol=avro&enable-tls=true&sasl-mechanism=plain&sasl-user=KEY&sasl-password=xxxxx",
			"https://SRKEY:xxxxx@sr.example", "cdc.{schema}.{table}")},
			ChangefeedSink{ID: id, Brokers: []string{"b1:9092", "b2:9092"}, DefaultTopic: "meta",
				TopicRules: []string{"cdc.{schema}.{table}"}, TopicRegex: `^(?:meta|cdc\.[A-Za-z0-9._-]+\.[A-Za-z0-9._-]+)$`,
				TLS: true, SASLMechanism: "plain", SASLUser: "KEY", Registry: "https://sr.example", RegistryMasked: true},
			[]string{"cdc.shop.item"}, []string{"cdcxshop.item"}, "", ""},
		{"secrets the server did not mask", getter{body: changefeedJSON(
			"kafka://b:9092/meta?protocol=avro&sasl-mechanism=SCRAM-SHA-512&sasl-user=u&sasl-password=p%40ss",
			"https://k:s%2Fcret@sr.example", "t_{schema}_{table}")},
			ChangefeedSink{ID: id, Brokers: []string{"b:9092"}, DefaultTopic: "meta", TopicRules: []string{"t_{schema}_{table}"},
				TopicRegex:    `^(?:meta|t_[A-Za-z0-9._-]+_[A-Za-z0-9._-]+)$`,
				SASLMechanism: "scram-sha-512", SASLUser: "u", SASLPassword: "p@ss", Registry: "https://k:s%2Fcret@sr.example"},
			nil, nil, "", ""},
		{"not Avro", getter{body: `{"id":"tpcc","sink_uri":"kafka://b:9092/t?protocol=canal-json","config":{"sink":{}}}`},
			ChangefeedSink{}, nil, nil, `changefeed default/tpcc writes protocol "canal-json", not Avro`, "input"},
		{"no registry", getter{body: `{"id":"tpcc","sink_uri":"kafka://b:9092/t?protocol=avro","config":{"sink":{}}}`},
			ChangefeedSink{}, nil, nil, "changefeed default/tpcc has no schema registry", "input"},
		{"server error passes through", getter{err: errors.New("[CDC:ErrChangeFeedNotExists]changefeed not exists")},
			ChangefeedSink{}, nil, nil, "[CDC:ErrChangeFeedNotExists]changefeed not exists", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolveChangefeed(context.Background(), tt.get, id)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				var ie *cmderr.InvalidInputError
				if isInput := errors.As(err, &ie); isInput != (tt.wantClass == "input") {
					t.Errorf("invalid input = %v, want %v", isInput, tt.wantClass == "input")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, *got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("sink (-want +got):\n%s", diff)
			}
			re := regexp.MustCompile(got.TopicRegex)
			for _, m := range tt.match {
				if !re.MatchString(m) {
					t.Errorf("%s does not match %s", got.TopicRegex, m)
				}
			}
			for _, m := range tt.noMatch {
				if re.MatchString(m) {
					t.Errorf("%s matches %s", got.TopicRegex, m)
				}
			}
			if strings.Contains(got.Registry, "xxxxx") {
				t.Errorf("registry keeps the mask: %s", got.Registry)
			}
		})
	}
}

// TestResolveFromChangefeed reads the tables of a changefeed whose topics
// are "tidb.{schema}.{table}" from the schemas registered for them, and
// leaves out subjects of other topics.
func TestResolveFromChangefeed(t *testing.T) {
	reg := srfake.New()
	defer reg.Close()
	for topic, name := range map[string]string{"tidb.tpcc.item": "item", "tidb.tpcc.orders": "orders", "other_tpcc_stock": "stock"} {
		tab := gentest.Table(t, name)
		plan, err := avro.NewPlan(tab, avro.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for subject, schema := range map[string]string{registry.KeySubject(topic): plan.KeySchema, registry.ValueSubject(topic): plan.ValueSchema} {
			resp, err := http.Post(reg.URL()+"/subjects/"+subject+"/versions", "application/vnd.schemaregistry.v1+json",
				strings.NewReader(`{"schema":`+jsonString(schema)+`}`))
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("register %s: %v %v", subject, err, resp)
			}
			resp.Body.Close()
		}
	}
	cf := func(registryURL string) func() (ChangefeedGetter, error) {
		return func() (ChangefeedGetter, error) {
			return getter{body: changefeedJSON("kafka://b:9092/meta?protocol=avro", registryURL, "tidb.{schema}.{table}")}, nil
		}
	}
	id := api.ChangefeedID{Namespace: "default", ID: "tpcc"}
	tests := []struct {
		name    string
		o       Options
		want    []string // topics
		wantErr string
	}{
		{"every table of the changefeed", Options{ChangefeedAPI: cf(reg.URL())}, []string{"tidb.tpcc.item", "tidb.tpcc.orders"}, ""},
		{"one table by name, through the changefeed's rule", Options{ChangefeedAPI: cf(reg.URL()), Tables: []string{"tpcc.orders"}},
			[]string{"tidb.tpcc.orders"}, ""},
		{"--from-registry replaces a masked registry", Options{ChangefeedAPI: cf("https://k:xxxxx@sr.example"), Registry: reg.URL()},
			[]string{"tidb.tpcc.item", "tidb.tpcc.orders"}, ""},
		{"masked registry", Options{ChangefeedAPI: cf("https://k:xxxxx@sr.example")}, nil,
			"changefeed default/tpcc's schema registry https://sr.example needs a password its server masks"},
		{"unknown changefeed", Options{ChangefeedAPI: func() (ChangefeedGetter, error) {
			return getter{err: &api.Error{Code: api.CodeChangeFeedNotExists, Message: "changefeed not exists, default/tpcc"}}, nil
		}}, nil, "changefeed not exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.o
			o.Changefeed, o.TopicRule = id, DefaultTopicRule
			if err := o.Validate(); err != nil {
				t.Fatal(err)
			}
			res, err := o.Resolve(context.Background())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var topics []string
			for _, s := range res.Sources {
				topics = append(topics, s.Topic)
			}
			if strings.Join(topics, ",") != strings.Join(tt.want, ",") {
				t.Errorf("topics = %v, want %v", topics, tt.want)
			}
		})
	}
}
