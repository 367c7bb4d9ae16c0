package schemasource

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/client"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/registry"
)

// Environment variables of the server that -c names, read when the flags
// do not give it (the changefeed commands read the same ones).
const (
	EnvServer      = "CDCCTL_SERVER"
	EnvServerToken = "CDCCTL_SERVER_TOKEN"
	defaultServer  = "http://127.0.0.1:8300"
)

func (o *Options) addChangefeedFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&o.Changefeed.ID, "changefeed-id", "c", "", "Read the tables of this changefeed on --server: the Avro schemas registered for its topics at its Schema Registry")
	fs.StringVar(&o.Changefeed.Namespace, "namespace", api.DefaultNamespace, "Namespace of --changefeed-id")
	fs.StringVar(&o.Server, "server", "", "Address of the cdcctl or TiCDC server of --changefeed-id (default "+EnvServer+" or "+defaultServer+")")
	fs.StringVar(&o.ServerToken, "server-token", "", "Bearer token for --server (or "+EnvServerToken+")")
}

func (o *Options) changefeedAPI() (ChangefeedGetter, error) {
	if o.ChangefeedAPI != nil {
		return o.ChangefeedAPI()
	}
	server, token := o.Server, o.ServerToken
	if server == "" && o.Getenv != nil {
		server = o.Getenv(EnvServer)
	}
	if server == "" {
		server = defaultServer
	}
	if token == "" && o.Getenv != nil {
		token = o.Getenv(EnvServerToken)
	}
	c, err := client.New(server, client.WithToken(token))
	if err != nil {
		return nil, cmderr.InvalidInput(err)
	}
	return c.Changefeeds(), nil
}

// fromChangefeed rebuilds the tables of changefeed o.Changefeed from the
// schemas registered for its topics: its registry (or --from-registry),
// its dispatcher topic rule (unless --topic-rule changes the default), and
// only subjects of topics it writes.
func (o *Options) fromChangefeed(ctx context.Context) (*Result, error) {
	cf, err := o.changefeedAPI()
	if err != nil {
		return nil, err
	}
	sink, err := ResolveChangefeed(ctx, cf, o.Changefeed)
	if err != nil {
		if api.CodeOf(err) == api.CodeChangeFeedNotExists {
			return nil, cmderr.NotFound(err)
		}
		return nil, err
	}
	c := *o
	if c.Registry == "" {
		c.Registry = sink.Registry
		if sink.RegistryMasked && (c.Getenv == nil || c.Getenv(EnvSchemaRegistryAPIKey) == "") {
			return nil, cmderr.FlagErrorf("changefeed %s's schema registry %s needs a password its server masks: give --from-registry https://user:password@host or %s and %s",
				sink.ID, sink.Registry, EnvSchemaRegistryAPIKey, EnvSchemaRegistryAPISecret)
		}
	}
	if c.TopicRule == DefaultTopicRule && len(sink.TopicRules) == 1 {
		if _, err := ParseTopicRule(sink.TopicRules[0]); err == nil {
			c.TopicRule = sink.TopicRules[0]
		}
	}
	// Subjects name topics with "." turned into "_".
	c.topicFilter, err = regexp.Compile(strings.ReplaceAll(sink.TopicRegex, `\.`, `[._]`))
	if err != nil {
		return nil, fmt.Errorf("changefeed %s: topics %s: %w", sink.ID, sink.TopicRegex, err)
	}
	res, err := c.fromRegistry(ctx)
	if err != nil {
		return nil, err
	}
	// A topic read back from a subject has "_" for "."; the changefeed's
	// rule gives the real name.
	if rule, err := ParseTopicRule(c.TopicRule); err == nil {
		for i := range res.Sources {
			src := &res.Sources[i]
			if t := rule.Topic(src.Table.Schema, src.Table.Name); registry.SanitizeTopic(t) == src.Topic {
				src.Topic = t
			}
		}
	}
	if len(res.Sources) == 0 {
		return nil, cmderr.NotFound(fmt.Errorf("changefeed %s: no schemas registered at %s for topics matching %s yet",
			sink.ID, strings.TrimSuffix(sink.Registry, "/"), sink.TopicRegex))
	}
	return res, nil
}
