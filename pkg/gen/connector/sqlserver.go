package connector

import (
	"fmt"
	"strconv"
	"strings"
)

// SQLServer configures a Microsoft SQL Server sink.
type SQLServer struct {
	Common
	Host     string
	Port     int // 0 = 1433
	User     string
	Password string
	Database string
	// SSLMode is the managed connector's ssl.mode; "" = require.
	SSLMode string
	// TrustServerCertificate accepts a self-signed server certificate
	// (self-managed; the driver encrypts and verifies by default).
	TrustServerCertificate bool
	// TableNameFormat is table.name.format ("dbo.item", "dbo.${topic}");
	// "" = "${topic}".
	TableNameFormat string
	// PKFields are the key fields (pk.fields); empty = every field of the
	// record key.
	PKFields []string
}

// SQLServerSink returns the connector for o: MicrosoftSqlServerSink on
// Confluent Cloud, or io.confluent.connect.jdbc.JdbcSinkConnector
// self-managed, both upserting and deleting on the Avro record key.
func SQLServerSink(o SQLServer) (*Connector, error) {
	class := "io.confluent.connect.jdbc.JdbcSinkConnector"
	if o.Managed {
		class = "MicrosoftSqlServerSink"
	}
	cfg, err := o.base(class)
	if err != nil {
		return nil, err
	}
	for _, kv := range [][2]string{
		{"connection.host", o.Host}, {"connection.user", o.User},
		{"connection.password", o.Password}, {"database name", o.Database},
	} {
		if kv[1] == "" {
			return nil, missing(o.Name, kv[0])
		}
	}
	if strings.ContainsAny(o.Host, ":/;") {
		return nil, fmt.Errorf("connector %s: connection.host: want a host name only, got %q", o.Name, o.Host)
	}
	if strings.ContainsAny(o.Database, ";=") {
		return nil, fmt.Errorf("connector %s: database name %q contains ';' or '='", o.Name, o.Database)
	}
	port := o.Port
	if port == 0 {
		port = 1433
	}
	if port < 1 || port > 65535 {
		return nil, fmt.Errorf("connector %s: connection.port: want 1-65535, got %d", o.Name, port)
	}
	table := o.TableNameFormat
	if table == "" {
		table = "${topic}"
	}
	cfg["connection.user"] = o.User
	cfg["connection.password"] = o.Password
	cfg["table.name.format"] = table
	cfg["pk.mode"] = "record_key"
	cfg["delete.enabled"] = "true"
	cfg["auto.create"] = "true"
	cfg["auto.evolve"] = "true"
	if len(o.PKFields) > 0 {
		cfg["pk.fields"] = strings.Join(o.PKFields, ",")
	}
	if o.Managed {
		ssl := o.SSLMode
		if ssl == "" {
			ssl = "require"
		}
		switch ssl {
		case "prefer", "require":
		case "verify-ca", "verify-full":
			return nil, fmt.Errorf("connector %s: ssl.mode %s needs a trust store, which cdcctl does not configure; use require", o.Name, ssl)
		default:
			return nil, fmt.Errorf("connector %s: ssl.mode: want prefer or require, got %q", o.Name, ssl)
		}
		cfg["connection.host"] = o.Host
		cfg["connection.port"] = strconv.Itoa(port)
		cfg["db.name"] = o.Database
		cfg["ssl.mode"] = ssl
		cfg["insert.mode"] = "UPSERT"
		cfg["db.timezone"] = "UTC"
		cfg["date.timezone"] = "UTC"
		return &Connector{Name: o.Name, Config: cfg}, nil
	}
	cfg["connection.url"] = fmt.Sprintf("jdbc:sqlserver://%s:%d;databaseName=%s;encrypt=true;trustServerCertificate=%t",
		o.Host, port, o.Database, o.TrustServerCertificate)
	cfg["insert.mode"] = "upsert"
	return &Connector{Name: o.Name, Config: cfg}, nil
}
