package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"

	"github.com/go-mysql-org/go-mysql/replication"
)

// binlogRows counts the row changes of each table of database schema in
// the upstream's binary logs: what the upstream committed, counted by
// go-mysql's parser independently of cdcctl (rolled-back changes never
// reach the binlog). An update counts once. The files are read from disk,
// so the server must be local (the playground's is).
func binlogRows(ctx context.Context, db *sql.DB, schema string) (map[string]int64, error) {
	var base sql.NullString
	if err := db.QueryRowContext(ctx, "SELECT @@log_bin_basename").Scan(&base); err != nil || !base.Valid {
		return nil, fmt.Errorf("binlog location: %v (log_bin_basename %q)", err, base.String)
	}
	files, err := binaryLogs(ctx, db)
	if err != nil {
		return nil, err
	}
	counts := map[string]int64{}
	p := replication.NewBinlogParser()
	p.SetFlavor("mariadb")
	p.SetVerifyChecksum(false)
	for _, name := range files {
		path := filepath.Join(filepath.Dir(base.String), name)
		err := p.ParseFile(path, 0, func(e *replication.BinlogEvent) error {
			re, ok := e.Event.(*replication.RowsEvent)
			if !ok || re.Table == nil || string(re.Table.Schema) != schema {
				return ctx.Err()
			}
			n := int64(len(re.Rows))
			if re.Type() == replication.EnumRowsEventTypeUpdate {
				n /= 2 // before and after image
			}
			counts[string(re.Table.Table)] += n
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read binlog %s: %w", path, err)
		}
	}
	return counts, nil
}

// binaryLogs lists the server's binlog files (SHOW BINARY LOGS: the name
// is the first column on MySQL and MariaDB alike).
func binaryLogs(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SHOW BINARY LOGS")
	if err != nil {
		return nil, fmt.Errorf("list binlogs: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("list binlogs: %w", err)
	}
	var files []string
	for rows.Next() {
		vals := make([]any, len(cols))
		for i := range vals {
			vals[i] = new(sql.RawBytes)
		}
		if err := rows.Scan(vals...); err != nil {
			return nil, fmt.Errorf("list binlogs: %w", err)
		}
		files = append(files, string(*vals[0].(*sql.RawBytes)))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list binlogs: %w", err)
	}
	return files, nil
}
