package schemasource

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/schema"
)

// mysqlTarget parses --from into a driver DSN, the database named in its
// path ("" for none) and the URL with the password hidden.
func mysqlTarget(raw string, getenv func(string) string) (dsn, database, shown string, err error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "mysql" || u.Host == "" {
		return "", "", "", cmderr.FlagErrorf("--from: want mysql://user:password@host:port/db, got %q", redactURL(raw))
	}
	cfg := mysql.NewConfig()
	cfg.Net, cfg.Addr = "tcp", u.Host
	if u.Port() == "" {
		cfg.Addr = net.JoinHostPort(u.Hostname(), "3306")
	}
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
	}
	if cfg.Passwd == "" && getenv != nil {
		cfg.Passwd = getenv(EnvMySQLPassword)
	}
	database = strings.Trim(u.Path, "/")
	cfg.Timeout, cfg.ReadTimeout = 10*time.Second, time.Minute
	shown = "mysql://" + cfg.Addr
	if database != "" {
		shown += "/" + database
	}
	return cfg.FormatDSN(), database, shown, nil
}

// fromMySQL loads the selected tables from information_schema. Bare table
// names are qualified with the URL's database; no --table means every
// table of that database.
func (o *Options) fromMySQL(ctx context.Context) (*Result, error) {
	dsn, database, shown, err := mysqlTarget(o.From, o.Getenv)
	if err != nil {
		return nil, err
	}
	patterns := make([]string, 0, len(o.Tables))
	for _, p := range o.Tables {
		if database != "" && !strings.Contains(p, ".") {
			p = database + "." + p
		}
		patterns = append(patterns, p)
	}
	if len(patterns) == 0 {
		if database == "" {
			return nil, cmderr.FlagErrorf("--from %s names no database: give --table db.table (patterns allowed)", shown)
		}
		patterns = []string{database + ".*"}
	}
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, err)
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return nil, fmt.Errorf("%s: cannot connect: %w", shown, err)
	}
	tables, err := schema.LoadTables(ctx, db, patterns...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, err)
	}
	srcs := make([]Source, len(tables))
	for i, t := range tables {
		srcs[i] = Source{Table: t}
	}
	return &Result{Sources: srcs}, nil
}

func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
