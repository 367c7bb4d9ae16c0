package binlog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-sql-driver/mysql"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// ServerInfo is what the capture needs to know about an upstream server.
type ServerInfo struct {
	Version           string `json:"version"`
	Flavor            string `json:"flavor"`
	ServerID          uint32 `json:"server_id"`
	LogBin            bool   `json:"log_bin"`
	BinlogFormat      string `json:"binlog_format"`
	BinlogRowImage    string `json:"binlog_row_image"`
	BinlogRowMetadata string `json:"binlog_row_metadata"`
	GTIDMode          bool   `json:"gtid_mode"`
	// Position is the end of the binlog when inspected; PositionError says
	// why it could not be read.
	Position      event.Position `json:"position"`
	PositionError string         `json:"position_error,omitempty"`
}

// Inspect reads the server's version, binlog settings and current position.
func Inspect(ctx context.Context, db *sql.DB) (ServerInfo, error) {
	var info ServerInfo
	if err := db.QueryRowContext(ctx, "SELECT VERSION(), @@server_id").Scan(&info.Version, &info.ServerID); err != nil {
		return info, fmt.Errorf("inspect upstream: %w", err)
	}
	info.Flavor = FlavorMySQL
	if strings.Contains(strings.ToLower(info.Version), "mariadb") {
		info.Flavor = FlavorMariaDB
	}
	vars, err := globalVariables(ctx, db, "log_bin", "binlog_format", "binlog_row_image", "binlog_row_metadata", "gtid_mode")
	if err != nil {
		return info, err
	}
	info.LogBin = vars["log_bin"] == "ON" || vars["log_bin"] == "1"
	info.BinlogFormat = vars["binlog_format"]
	info.BinlogRowImage = vars["binlog_row_image"]
	info.BinlogRowMetadata = vars["binlog_row_metadata"]
	info.GTIDMode = info.Flavor == FlavorMariaDB || vars["gtid_mode"] == "ON"
	if info.LogBin {
		if info.Position, err = CurrentPosition(ctx, db, info.Flavor, info.GTIDMode); err != nil {
			info.PositionError = err.Error() // typically a missing privilege; checks report it
		}
	}
	return info, nil
}

func globalVariables(ctx context.Context, db *sql.DB, names ...string) (map[string]string, error) {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "'" + n + "'"
	}
	rows, err := db.QueryContext(ctx, "SHOW GLOBAL VARIABLES WHERE Variable_name IN ("+strings.Join(quoted, ",")+")")
	if err != nil {
		return nil, fmt.Errorf("inspect upstream: read variables: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("inspect upstream: %w", err)
		}
		out[strings.ToLower(k)] = strings.ToUpper(v)
	}
	return out, rows.Err()
}

// CurrentPosition returns the end of the server's binlog (file:pos, and the
// GTID set when the server has GTIDs).
func CurrentPosition(ctx context.Context, db *sql.DB, flavor string, gtid bool) (event.Position, error) {
	var pos event.Position
	rows, err := db.QueryContext(ctx, "SHOW MASTER STATUS")
	var myErr *mysql.MySQLError
	if errors.As(err, &myErr) && myErr.Number == 1064 { // syntax: MySQL 8.4+ renamed it
		rows, err = db.QueryContext(ctx, "SHOW BINARY LOG STATUS")
	}
	if err != nil {
		return pos, fmt.Errorf("read binlog position: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return pos, fmt.Errorf("read binlog position: %w", err)
	}
	if !rows.Next() {
		return pos, fmt.Errorf("read binlog position: the server returned no binlog status; is log_bin on?")
	}
	vals := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return pos, fmt.Errorf("read binlog position: %w", err)
	}
	p, err := strconv.ParseUint(vals[1].String, 10, 32)
	if err != nil {
		return pos, fmt.Errorf("read binlog position: bad position %q", vals[1].String)
	}
	pos.File, pos.Pos = vals[0].String, uint32(p)
	if !gtid {
		return pos, nil
	}
	q := "SELECT @@GLOBAL.gtid_executed"
	if flavor == FlavorMariaDB {
		q = "SELECT @@GLOBAL.gtid_binlog_pos"
	}
	if err := db.QueryRowContext(ctx, q).Scan(&pos.GTID); err != nil {
		return pos, fmt.Errorf("read GTID position: %w", err)
	}
	pos.GTID = strings.ReplaceAll(pos.GTID, "\n", "")
	return pos, nil
}
