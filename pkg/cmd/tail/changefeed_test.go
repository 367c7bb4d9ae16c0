package tail

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/api"
	cfshared "github.com/cdcctl/cdcctl/pkg/cmd/changefeed/shared"
)

// fakeAPI serves one changefeed.
type fakeAPI struct {
	cfshared.ChangefeedAPI
	body string
}

func (f fakeAPI) Get(_ context.Context, id api.ChangefeedID) (*api.ChangeFeedInfo, error) {
	var info api.ChangeFeedInfo
	err := json.Unmarshal([]byte(f.body), &info)
	info.Namespace, info.ID = id.Namespace, id.ID
	return &info, err
}

func TestFromChangefeed(t *testing.T) {
	body := func(uri, registry string) string {
		return `{"sink_uri":"` + uri + `","config":{"sink":{"protocol":"avro","schema_registry":"` + registry +
			`","dispatchers":[{"matcher":["*.*"],"topic":"tidb_{schema}_{table}"}]}}}`
	}
	plain := body("kafka://k1:9092,k2:9092/meta?protocol=avro", "http://sr:8081")
	cloud := body("kafka://cloud:9092/meta?protocol=avro&enable-tls=true&sasl-mechanism=plain&sasl-user=KEY&sasl-password=xxxxx",
		"https://SRKEY:xxxxx@sr.cloud")
	tests := []struct {
		name    string
		body    string
		opts    Options
		check   func(o *Options) bool
		wantErr string
	}{
		{"everything from the changefeed", plain, Options{}, func(o *Options) bool {
			return strings.Join(o.Brokers, ",") == "k1:9092,k2:9092" && o.TopicRegex == `^(?:meta|tidb_[A-Za-z0-9._-]+_[A-Za-z0-9._-]+)$` &&
				o.Registry == "http://sr:8081" && !o.TLS && o.SASLMechanism == ""
		}, ""},
		{"flags win", plain, Options{Brokers: []string{"mine:1"}, Topics: []string{"tidb_shop_item"}, Registry: "http://other"}, func(o *Options) bool {
			return o.Brokers[0] == "mine:1" && o.TopicRegex == "" && o.Topics[0] == "tidb_shop_item" && o.Registry == "http://other"
		}, ""},
		{"masked SASL password", cloud, Options{Registry: "https://SRKEY:secret@sr.cloud"}, nil,
			"changefeed default/tpcc uses SASL plain and its server masks the password: give it with CDCCTL_SASL_PASSWORD or --sasl-password"},
		{"masked registry password", cloud, Options{SASLPassword: "pw"}, nil,
			"changefeed default/tpcc's schema registry https://sr.cloud needs a password its server masks"},
		{"secrets supplied", cloud, Options{SASLPassword: "pw", Registry: "https://SRKEY:secret@sr.cloud"}, func(o *Options) bool {
			return o.TLS && o.SASLMechanism == "plain" && o.SASLUser == "KEY" && o.SASLPassword == "pw" && o.Brokers[0] == "cloud:9092"
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.opts
			o.Logger = slog.New(slog.DiscardHandler)
			o.Changefeed = api.ChangefeedID{Namespace: "default", ID: "tpcc"}
			o.ChangefeedAPI = func() (cfshared.ChangefeedAPI, error) { return fakeAPI{body: tt.body}, nil }
			err := o.fromChangefeed(context.Background())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "secret") {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(&o) {
				t.Errorf("options = %+v", o)
			}
		})
	}
}
