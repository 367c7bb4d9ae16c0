// Package shared holds what the `cdcctl bench tpcc` verbs share: go-tpc's
// connection flags (-H/-P/-U/-p/-D, filled from --upstream), opening the
// database, the TPC-C table list, running go-tpc's workload threads and
// keeping go-tpc's own printing off stdout.
package shared

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/spf13/pflag"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/upstream"
)

// EnvMySQLPassword is read when neither -p nor the --upstream URL gives a
// password.
const EnvMySQLPassword = "CDCCTL_MYSQL_PASSWORD"

// ConnOptions are go-tpc's connection flags.
type ConnOptions struct {
	Host     string
	Port     int
	User     string
	Password string
	DB       string
}

// AddFlags adds -H/--host, -P/--port, -U/--user, -p/--password, -D/--db and
// --upstream (whose value the command reads through the config, so that
// CDCCTL_UPSTREAM applies) to fs.
func (o *ConnOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&o.Host, "host", "H", "127.0.0.1", "Database host")
	fs.IntVarP(&o.Port, "port", "P", 3306, "Database port (go-tpc's default is TiDB's 4000)")
	fs.StringVarP(&o.User, "user", "U", "root", "Database user")
	fs.StringVarP(&o.Password, "password", "p", "", "Database password (or "+EnvMySQLPassword+")")
	fs.StringVarP(&o.DB, "db", "D", "tpcc", "Database of the TPC-C tables")
	fs.String("upstream", "", "Upstream `URL` mysql://user:password@host:port that fills the host, port, user and password flags not given (or CDCCTL_UPSTREAM)")
}

// Target is where the workload runs. Password is only for the driver:
// String never shows it.
type Target struct {
	Addr     string // host:port
	User     string
	Password string
	DB       string
	TLS      string // go-sql-driver tls parameter, "" for none
}

// String renders the target as mysql://user@host:port/db.
func (t Target) String() string {
	return "mysql://" + t.User + "@" + t.Addr + "/" + t.DB
}

// Resolve combines the flags, the --upstream URL (upstreamURL, "" for none)
// and the environment. A flag the user set wins over the URL, the URL over
// the environment and the flag defaults.
func (o *ConnOptions) Resolve(fs *pflag.FlagSet, upstreamURL string, getenv func(string) string) (Target, error) {
	if o.Port < 1 || o.Port > 65535 {
		return Target{}, cmderr.FlagErrorf("--port: want 1-65535, got %d", o.Port)
	}
	if o.DB == "" {
		return Target{}, cmderr.FlagErrorf("--db must not be empty")
	}
	host, port, t := o.Host, strconv.Itoa(o.Port), Target{User: o.User, Password: o.Password, DB: o.DB}
	if upstreamURL != "" {
		u, err := upstream.Parse(upstreamURL)
		if err != nil {
			return Target{}, cmderr.InvalidInput(err)
		}
		h, p, _ := net.SplitHostPort(u.Addr)
		if !fs.Changed("host") {
			host = h
		}
		if !fs.Changed("port") {
			port = p
		}
		if !fs.Changed("user") {
			t.User = u.User
		}
		if !fs.Changed("password") && u.Password != "" {
			t.Password = u.Password
		}
		if u.TLS != "false" {
			t.TLS = u.TLS
		}
	}
	if t.Password == "" && !fs.Changed("password") && getenv != nil {
		t.Password = getenv(EnvMySQLPassword)
	}
	t.Addr = net.JoinHostPort(host, port)
	return t, nil
}

// driverConfig is the go-sql-driver configuration of t, on database db
// ("" for none).
func (t Target) driverConfig(db string) *mysql.Config {
	c := mysql.NewConfig()
	c.User, c.Passwd, c.Net, c.Addr, c.DBName = t.User, t.Password, "tcp", t.Addr, db
	c.Timeout, c.ReadTimeout, c.WriteTimeout = 10*time.Second, 5*time.Minute, 5*time.Minute
	c.TLSConfig = t.TLS
	_ = c.Apply(mysql.Charset("utf8mb4", "")) // a fixed, valid charset: no error
	return c
}

// Open connects to the target's server and returns a pool on its database.
// With create the database is created when missing (prepare); otherwise a
// missing database is a not-found error. wrap, when non-nil, wraps the
// driver's connector (prepare counts inserted rows with it).
func Open(ctx context.Context, t Target, create bool, wrap func(driver.Connector) driver.Connector) (*sql.DB, error) {
	server, err := mysql.NewConnector(t.driverConfig(""))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t, err)
	}
	admin := sql.OpenDB(server)
	defer admin.Close()
	var n int
	err = admin.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", t.DB).Scan(&n)
	if err != nil {
		return nil, fmt.Errorf("cannot connect to %s: %w", t, err)
	}
	if n == 0 {
		if !create {
			return nil, cmderr.NotFound(fmt.Errorf("%s: database %q does not exist; run `cdcctl bench tpcc prepare` first", t, t.DB))
		}
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE IF NOT EXISTS "+QuoteName(t.DB)); err != nil {
			return nil, fmt.Errorf("%s: create database: %w", t, err)
		}
	}
	conn, err := mysql.NewConnector(t.driverConfig(t.DB))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t, err)
	}
	if wrap != nil {
		conn = wrap(conn)
	}
	return sql.OpenDB(conn), nil
}

// QuoteName quotes a MySQL identifier with backticks.
func QuoteName(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}
