package connector

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/gen/snowflake"
)

// Snowflake ingestion methods.
const (
	Snowpipe          = "SNOWPIPE"
	SnowpipeStreaming = "SNOWPIPE_STREAMING"
)

// Snowflake configures a Snowflake sink.
type Snowflake struct {
	Common
	// URL is the account URL in any common form
	// ("xy12345.eu-west-1.snowflakecomputing.com", with https:// or :443,
	// or an account identifier "org-account").
	URL  string
	User string
	// PrivateKey is the PKCS#8 key as a PEM file or its base64 body;
	// Passphrase decrypts an encrypted key.
	PrivateKey string
	Passphrase string
	// Database and Schema hold the landing tables.
	Database string
	Schema   string
	// Role is required for Snowpipe Streaming.
	Role string
	// Ingestion is SNOWPIPE or SNOWPIPE_STREAMING (default).
	Ingestion string
	// Tables maps topics to landing table names; a topic not in it lands
	// in snowflake.LandingTableName(topic), which the generated SQL uses.
	Tables map[string]string
}

// SnowflakeSink returns the connector for o: SnowflakeSink on Confluent
// Cloud, or com.snowflake.kafka.connector.SnowflakeSinkConnector
// self-managed with the community AvroConverter.
func SnowflakeSink(o Snowflake) (*Connector, error) {
	class := "com.snowflake.kafka.connector.SnowflakeSinkConnector"
	if o.Managed {
		class = "SnowflakeSink"
	}
	cfg, err := o.base(class)
	if err != nil {
		return nil, err
	}
	ingestion := strings.ToUpper(o.Ingestion)
	if ingestion == "" {
		ingestion = SnowpipeStreaming
	}
	if ingestion != Snowpipe && ingestion != SnowpipeStreaming {
		return nil, fmt.Errorf("connector %s: snowflake.ingestion.method: want snowpipe or snowpipe_streaming, got %q", o.Name, o.Ingestion)
	}
	host, err := snowflakeHost(o.URL)
	if err != nil {
		return nil, fmt.Errorf("connector %s: snowflake.url.name: %w", o.Name, err)
	}
	for _, kv := range [][2]string{
		{"snowflake.user.name", o.User}, {"snowflake.private.key", o.PrivateKey},
		{"snowflake.database.name", o.Database}, {"snowflake.schema.name", o.Schema},
	} {
		if kv[1] == "" {
			return nil, missing(o.Name, kv[0])
		}
	}
	if ingestion == SnowpipeStreaming && o.Role == "" {
		return nil, fmt.Errorf("connector %s: snowflake.role.name is required with SNOWPIPE_STREAMING", o.Name)
	}
	body, err := PrivateKeyBody(o.PrivateKey, o.Passphrase != "")
	if err != nil {
		return nil, fmt.Errorf("connector %s: snowflake.private.key: %w", o.Name, err)
	}
	t2t, err := topic2table(o.Topics, o.Tables)
	if err != nil {
		return nil, fmt.Errorf("connector %s: snowflake.topic2table.map: %w", o.Name, err)
	}
	cfg["snowflake.url.name"] = host
	if o.Managed {
		cfg["snowflake.url.name"] = "https://" + host
	}
	cfg["snowflake.user.name"] = o.User
	cfg["snowflake.private.key"] = body
	if o.Passphrase != "" {
		cfg["snowflake.private.key.passphrase"] = o.Passphrase
	}
	cfg["snowflake.database.name"] = o.Database
	cfg["snowflake.schema.name"] = o.Schema
	if o.Role != "" {
		cfg["snowflake.role.name"] = o.Role
	}
	cfg["snowflake.topic2table.map"] = t2t
	cfg["snowflake.ingestion.method"] = ingestion
	// Tombstones must land (as RECORD_CONTENT {} or NULL) for the MERGE to
	// delete; Confluent Cloud's default IGNORE drops them.
	cfg["behavior.on.null.values"] = "DEFAULT"
	if !o.Managed {
		cfg["behavior.on.null.values"] = "default"
		if ingestion == SnowpipeStreaming {
			// The MERGE reads RECORD_CONTENT; connector v4 defaults to
			// schematized tables that have none. A streaming-only key.
			cfg["snowflake.enable.schematization"] = "false"
		}
	}
	return &Connector{Name: o.Name, Config: cfg}, nil
}

// snowflakeHost normalises an account URL to "host:port".
func snowflakeHost(s string) (string, error) {
	if s == "" {
		return "", fmt.Errorf("missing")
	}
	raw := s
	if !strings.Contains(s, "://") {
		raw = "https://" + s
	}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" || (u.Path != "" && u.Path != "/") || u.User != nil || u.RawQuery != "" {
		return "", fmt.Errorf("want <account>.snowflakecomputing.com[:443], got %q", s)
	}
	if u.Scheme != "https" {
		return "", fmt.Errorf("want https, got %q", s)
	}
	host, port := u.Hostname(), u.Port()
	if !strings.Contains(host, ".") {
		host += ".snowflakecomputing.com" // an account identifier
	}
	if port == "" {
		port = "443"
	}
	return net.JoinHostPort(host, port), nil
}

// topic2table renders "topic:TABLE,..." in topic order, rejecting two
// topics that would land in one table.
func topic2table(topics []string, tables map[string]string) (string, error) {
	owner := map[string]string{}
	parts := make([]string, len(topics))
	for i, t := range topics {
		table := tables[t]
		if table == "" {
			table = snowflake.LandingTableName(t)
		}
		if other, dup := owner[strings.ToUpper(table)]; dup {
			return "", fmt.Errorf("topics %s and %s both map to table %s", other, t, table)
		}
		owner[strings.ToUpper(table)] = t
		parts[i] = t + ":" + table
	}
	return strings.Join(parts, ","), nil
}
