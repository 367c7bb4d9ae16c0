// Package connector generates Kafka Connect sink connector configurations
// that read TiCDC's Avro topics safely: Confluent Cloud fully-managed
// (SnowflakeSink, MicrosoftSqlServerSink) and self-managed (Snowflake's
// connector, Confluent's JDBC sink), with the CDC settings of spec
// downstream.md §10: Avro keys, tombstones kept as deletes, explicit
// topic-to-table maps, upserts and deletes on the record key, and a
// deliberate error tolerance.
package connector

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/gen"
)

// Connector is the body Kafka Connect and Confluent Cloud accept when
// creating a connector. Every config value is a string.
type Connector struct {
	Name   string            `json:"name" yaml:"name"`
	Config map[string]string `json:"config" yaml:"config"`
}

// IsSecretKey reports the config keys that hold credentials: passwords,
// API secrets and keys, private keys and their passphrases, and
// basic-auth user info.
func IsSecretKey(key string) bool {
	k := strings.ToLower(key)
	for _, suffix := range []string{"password", ".secret", "api.key", "private.key", "private.key.passphrase",
		"basic.auth.user.info", "sasl.jaas.config"} {
		if strings.HasSuffix(k, suffix) {
			return true
		}
	}
	return false
}

// Masked returns a copy whose credential values read ******, for showing.
func (c *Connector) Masked() *Connector {
	m := &Connector{Name: c.Name, Config: make(map[string]string, len(c.Config))}
	for k, v := range c.Config {
		if IsSecretKey(k) && v != "" {
			v = "******"
		}
		m.Config[k] = v
	}
	return m
}

// JSON renders the connector as indented JSON with sorted keys.
func (c *Connector) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return nil, fmt.Errorf("connector %s: %w", c.Name, err)
	}
	return b.Bytes(), nil
}

// Artifact returns the connector as a file "<name>.json".
func (c *Connector) Artifact() (gen.Artifact, error) {
	b, err := c.JSON()
	return gen.Artifact{Kind: "connector", Name: c.Name, File: gen.FileName(c.Name) + ".json", Content: string(b)}, err
}

// Common are the settings every sink shares.
type Common struct {
	// Name is the connector name.
	Name string
	// Topics are the topics to read, in order.
	Topics []string
	// Managed selects Confluent Cloud's fully-managed connector; otherwise
	// the self-managed connector class with explicit converters.
	Managed bool
	// TasksMax is tasks.max; 0 = 1.
	TasksMax int
	// KafkaAPIKey and KafkaAPISecret authenticate a managed connector to
	// its cluster.
	KafkaAPIKey    string
	KafkaAPISecret string
	// SchemaRegistry is the registry URL the self-managed converters use;
	// user:password in it, or SchemaRegistryKey/Secret, become USER_INFO.
	SchemaRegistry       string
	SchemaRegistryKey    string
	SchemaRegistrySecret string
	// ErrorsTolerance is errors.tolerance: "none" (default: a bad record
	// stops the connector, so the replica never silently skips a change)
	// or "all" (bad records go to a dead letter queue).
	ErrorsTolerance string
	// DLQTopic is the self-managed dead letter queue with tolerance "all";
	// "" = "dlq-<name>".
	DLQTopic string
}

// base checks the common settings and starts the config map.
func (o *Common) base(class string) (map[string]string, error) {
	if !regexp.MustCompile(`^[-_a-zA-Z][-_$a-zA-Z0-9]+$`).MatchString(o.Name) {
		return nil, fmt.Errorf("connector name %q: want 2 or more letters, digits, '-', '_' or '$', not starting with a digit or '$'", o.Name)
	}
	if len(o.Topics) == 0 {
		return nil, fmt.Errorf("connector %s: no topics", o.Name)
	}
	seen := map[string]bool{}
	for _, t := range o.Topics {
		if t == "" || strings.ContainsAny(t, ", ") {
			return nil, fmt.Errorf("connector %s: invalid topic name %q", o.Name, t)
		}
		if seen[t] {
			return nil, fmt.Errorf("connector %s: topic %s listed twice", o.Name, t)
		}
		seen[t] = true
	}
	tasks := o.TasksMax
	if tasks == 0 {
		tasks = 1
	}
	if tasks < 0 {
		return nil, fmt.Errorf("connector %s: tasks.max: want a positive number, got %d", o.Name, tasks)
	}
	tol := strings.ToLower(o.ErrorsTolerance)
	if tol == "" {
		tol = "none"
	}
	if tol != "none" && tol != "all" {
		return nil, fmt.Errorf("connector %s: errors.tolerance: want none or all, got %q", o.Name, o.ErrorsTolerance)
	}
	cfg := map[string]string{
		"connector.class":  class,
		"topics":           strings.Join(o.Topics, ","),
		"tasks.max":        strconv.Itoa(tasks),
		"errors.tolerance": tol,
	}
	if o.Managed {
		if err := o.managedAuth(cfg); err != nil {
			return nil, err
		}
		return cfg, nil
	}
	if tol == "all" {
		dlq := o.DLQTopic
		if dlq == "" {
			dlq = "dlq-" + o.Name
		}
		cfg["errors.deadletterqueue.topic.name"] = dlq
		cfg["errors.deadletterqueue.context.headers.enable"] = "true"
		cfg["errors.log.enable"] = "true"
	}
	return cfg, o.converters(cfg)
}

// managedAuth adds the Cloud connector's own identity and its Avro input
// formats (the key must be read as Avro, not the default STRING).
func (o *Common) managedAuth(cfg map[string]string) error {
	if o.KafkaAPIKey == "" || o.KafkaAPISecret == "" {
		return missing(o.Name, "kafka.api.key and kafka.api.secret")
	}
	cfg["name"] = o.Name
	cfg["kafka.auth.mode"] = "KAFKA_API_KEY"
	cfg["kafka.api.key"] = o.KafkaAPIKey
	cfg["kafka.api.secret"] = o.KafkaAPISecret
	cfg["input.data.format"] = "AVRO"
	cfg["input.key.format"] = "AVRO"
	return nil
}

// converters adds Confluent's community AvroConverter for key and value:
// the one the Snowflake connector accepts with Snowpipe Streaming, and the
// one that turns bytes into base64 and keys into JSON objects.
func (o *Common) converters(cfg map[string]string) error {
	if o.SchemaRegistry == "" {
		return missing(o.Name, "the Schema Registry URL (key.converter.schema.registry.url)")
	}
	u, err := url.Parse(o.SchemaRegistry)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("connector %s: schema registry URL: want http(s)://host[:port], got %q", o.Name, redactURL(o.SchemaRegistry))
	}
	user, pass := o.SchemaRegistryKey, o.SchemaRegistrySecret
	if u.User != nil {
		if user == "" {
			user = u.User.Username()
		}
		if p, ok := u.User.Password(); ok && pass == "" {
			pass = p
		}
		u.User = nil
	}
	if (user == "") != (pass == "") {
		return fmt.Errorf("connector %s: schema registry credentials: give both the API key and the secret", o.Name)
	}
	reg := strings.TrimSuffix(u.String(), "/")
	for _, side := range []string{"key", "value"} {
		cfg[side+".converter"] = "io.confluent.connect.avro.AvroConverter"
		cfg[side+".converter.schema.registry.url"] = reg
		if user != "" {
			cfg[side+".converter.basic.auth.credentials.source"] = "USER_INFO"
			cfg[side+".converter.basic.auth.user.info"] = user + ":" + pass
		}
	}
	return nil
}

func missing(name, what string) error {
	return fmt.Errorf("connector %s: missing %s", name, what)
}

// redactURL drops the password from a URL for error messages.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
