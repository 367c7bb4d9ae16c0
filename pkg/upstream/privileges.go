package upstream

import (
	"context"
	"database/sql"
	"strings"
)

// privilegeChecks reads the current user's global grants and checks the
// privileges capture needs: reading the binlog, reading the tables, and on
// MySQL the lock the initial snapshot takes.
func privilegeChecks(ctx context.Context, db *sql.DB, flavor string) []Check {
	grants, err := globalGrants(ctx, db)
	if err != nil {
		return []Check{{Name: "privileges", Severity: Blocker, Detail: "cannot read grants: " + err.Error(),
			Fix: "check that the user can run SHOW GRANTS"}}
	}
	has := func(alts ...string) bool {
		if grants["ALL PRIVILEGES"] {
			return true
		}
		for _, a := range alts {
			if grants[a] {
				return true
			}
		}
		return false
	}
	checks := []Check{
		{Name: "privilege REPLICATION SLAVE", OK: has("REPLICATION SLAVE", "REPLICATION REPLICA"), Severity: Blocker,
			Detail: "needed to stream the binlog", Fix: "GRANT REPLICATION SLAVE ON *.* TO <user>"},
		{Name: "privilege REPLICATION CLIENT", OK: has("REPLICATION CLIENT", "BINLOG MONITOR"), Severity: Blocker,
			Detail: "needed to read the binlog position", Fix: "GRANT REPLICATION CLIENT ON *.* TO <user>"},
		{Name: "privilege SELECT", OK: has("SELECT"), Severity: Blocker,
			Detail: "needed to read table definitions and copy existing rows", Fix: "GRANT SELECT ON *.* TO <user> (or on the captured databases)"},
	}
	if flavor != "mariadb" {
		checks = append(checks, Check{Name: "privilege RELOAD", OK: has("RELOAD"), Severity: Warning,
			Detail: "the initial snapshot on MySQL takes a brief global read lock", Fix: "GRANT RELOAD ON *.* TO <user>, or create changefeeds with --snapshot=never"})
	}
	for i := range checks {
		if checks[i].OK {
			checks[i].Detail = "granted; " + checks[i].Detail
		}
	}
	return checks
}

// globalGrants returns the privileges granted ON *.* to the current user.
func globalGrants(ctx context.Context, db *sql.DB) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, "SHOW GRANTS FOR CURRENT_USER()")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			return nil, err
		}
		up := strings.ToUpper(g)
		if !strings.HasPrefix(up, "GRANT ") {
			continue
		}
		privs, on, ok := strings.Cut(up[len("GRANT "):], " ON ")
		if !ok || !strings.HasPrefix(strings.TrimSpace(on), "*.*") {
			continue
		}
		for _, p := range strings.Split(privs, ",") {
			out[strings.TrimSpace(p)] = true
		}
	}
	return out, rows.Err()
}
