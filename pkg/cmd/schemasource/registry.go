package schemasource

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/registry"
	"github.com/cdcctl/cdcctl/pkg/schema"
)

// registryClient reads subjects from a Confluent Schema Registry.
type registryClient struct {
	base, shown string
	user, pass  string
	http        *http.Client
}

func (o *Options) registryClient() (*registryClient, error) {
	u, err := url.Parse(o.Registry)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, cmderr.FlagErrorf("--from-registry: want http(s)://host[:port], got %q", redactURL(o.Registry))
	}
	c := &registryClient{http: o.HTTP}
	if u.User != nil {
		c.user = u.User.Username()
		c.pass, _ = u.User.Password()
		u.User = nil
	} else if o.Getenv != nil {
		c.user, c.pass = o.Getenv(EnvSchemaRegistryAPIKey), o.Getenv(EnvSchemaRegistryAPISecret)
	}
	c.base = strings.TrimSuffix(u.String(), "/")
	c.shown = "schema registry " + c.base
	if c.http == nil {
		c.http = &http.Client{Timeout: 30 * time.Second}
	}
	return c, nil
}

// get fetches path into out; a 404 is a not-found error naming what.
func (c *registryClient) get(ctx context.Context, path, what string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", c.shown, err)
	}
	req.Header.Set("Accept", "application/vnd.schemaregistry.v1+json, application/json")
	if c.user != "" {
		req.SetBasicAuth(c.user, c.pass)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s: unreachable: %w", c.shown, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return fmt.Errorf("%s: %s: %w", c.shown, what, err)
	}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return cmderr.NotFound(fmt.Errorf("%s: %s not found", c.shown, what))
	case resp.StatusCode != http.StatusOK:
		msg := strings.TrimSpace(string(body))
		var e struct {
			Message string `json:"message"`
		}
		if json.Unmarshal(body, &e) == nil && e.Message != "" {
			msg = e.Message
		}
		return fmt.Errorf("%s: %s: HTTP %d: %s", c.shown, what, resp.StatusCode, msg)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("%s: %s: %w", c.shown, what, err)
	}
	return nil
}

func (c *registryClient) latest(ctx context.Context, subject string) ([]byte, error) {
	var v struct {
		Schema string `json:"schema"`
	}
	err := c.get(ctx, "/subjects/"+url.PathEscape(subject)+"/versions/latest", "subject "+subject, &v)
	return []byte(v.Schema), err
}

// fromRegistry rebuilds the tables of the --topic topics, or of every
// "<topic>-value" subject whose table matches --table.
func (o *Options) fromRegistry(ctx context.Context) (*Result, error) {
	c, err := o.registryClient()
	if err != nil {
		return nil, err
	}
	topics := o.Topics
	if len(topics) == 0 && literalTables(o.Tables) {
		rule, err := ParseTopicRule(o.TopicRule)
		if err != nil {
			return nil, cmderr.FlagErrorWrap(err)
		}
		for _, t := range o.Tables {
			db, table, _ := strings.Cut(t, ".")
			topics = append(topics, rule.Topic(db, table))
		}
	}
	if len(topics) == 0 {
		var subjects []string
		if err := c.get(ctx, "/subjects", "subject list", &subjects); err != nil {
			return nil, err
		}
		sort.Strings(subjects)
		for _, s := range subjects {
			if t, ok := strings.CutSuffix(s, "-value"); ok && (o.topicFilter == nil || o.topicFilter.MatchString(t)) {
				topics = append(topics, t)
			}
		}
	}
	res := &Result{}
	for _, topic := range topics {
		value, err := c.latest(ctx, registry.ValueSubject(topic))
		if err != nil {
			return nil, err
		}
		key, err := c.latest(ctx, registry.KeySubject(topic))
		if err != nil {
			return nil, err
		}
		t, modes, err := schema.TableFromAvro(key, value)
		if err != nil {
			return nil, cmderr.InvalidInput(fmt.Errorf("%s: topic %s: %w", c.shown, topic, err))
		}
		if modes.Decimal != "" {
			res.Modes.Decimal = modes.Decimal
		}
		if modes.BigintUnsigned != "" {
			res.Modes.BigintUnsigned = modes.BigintUnsigned
		}
		res.Sources = append(res.Sources, Source{Table: t, Topic: topic})
	}
	if len(o.Tables) > 0 {
		all := make([]Source, len(res.Sources))
		copy(all, res.Sources)
		res.Sources = res.Sources[:0]
		for _, p := range o.Tables {
			found := false
			for _, s := range all {
				if schema.MatchTable(p, s.Table.Schema, s.Table.Name) {
					found = true
					res.Sources = appendOnce(res.Sources, s)
				}
			}
			if !found {
				return nil, cmderr.NotFound(fmt.Errorf("%s: %w", c.shown, &schema.NoTableError{Pattern: p}))
			}
		}
	}
	if err := distinctTopics(res.Sources); err != nil {
		return nil, err
	}
	return res, nil
}

func appendOnce(srcs []Source, s Source) []Source {
	for _, x := range srcs {
		if x.Topic == s.Topic {
			return srcs
		}
	}
	return append(srcs, s)
}

// literalTables reports whether every pattern is a plain "db.table".
func literalTables(patterns []string) bool {
	for _, p := range patterns {
		db, table, ok := strings.Cut(p, ".")
		if !ok || db == "" || table == "" || strings.ContainsAny(p, "*?\\") || strings.Contains(table, ".") {
			return false
		}
	}
	return len(patterns) > 0
}
