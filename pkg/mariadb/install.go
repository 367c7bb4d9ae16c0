package mariadb

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// install creates the data directory with mariadb-install-db unless it
// already exists.
func (s *Server) install(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(s.dataDir(), "mysql")); err == nil {
		return nil
	}
	if err := os.MkdirAll(s.tmpDir(), 0o700); err != nil {
		return fmt.Errorf("mariadb sandbox: %w", err)
	}
	args := []string{
		"--no-defaults",
		"--datadir=" + s.dataDir(),
		"--tmpdir=" + s.tmpDir(), // passed on to the bootstrap mariadbd
		"--auth-root-authentication-method=normal",
		"--skip-test-db",
	}
	if os.Geteuid() == 0 {
		args = append(args, "--user=root")
	}
	cmd := exec.CommandContext(ctx, s.bins.InstallDB, args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("mariadb sandbox: %s failed: %w\n%s", filepath.Base(s.bins.InstallDB), err, lastLines(string(out), 15))
	}
	return nil
}

// grant makes the administrative account reachable over TCP from 127.0.0.1
// (install-db creates it for the socket only).
func (s *Server) grant(ctx context.Context) error {
	db, err := sql.Open("mysql", s.socketDSN())
	if err != nil {
		return fmt.Errorf("mariadb sandbox: %w", err)
	}
	defer db.Close()
	for _, q := range []string{
		"CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''",
		"GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION",
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("mariadb sandbox: %s: %w", q, err)
		}
	}
	return nil
}

func tail(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if len(lines) > n {
			lines = lines[1:]
		}
	}
	return strings.Join(lines, "\n")
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
