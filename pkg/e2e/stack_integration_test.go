//go:build integration

package e2e

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"

	"github.com/cdcctl/cdcctl/pkg/mariadb"
	"github.com/cdcctl/cdcctl/pkg/playground"
	"github.com/cdcctl/cdcctl/pkg/upstream"
)

// Secrets the test hands to cdcctl; none may ever come back out.
const (
	upstreamUser = "cdc_e2e"
	upstreamPass = "e2e-Upstr3am/Pw@7Q9z" // URL-encoded in the DSN
	registryUser = "sr-e2e"
	registryPass = "e2e-Regi5try:Pw/+x@q" // given raw in a file; cdcctl encodes it
	wrongPass    = "e2e-Wr0ngPass%tst"    // a bad upstream password in a failing create
)

// stack is the running playground (MariaDB, Kafka, registry), the
// upstream user and the settings the cdcctl commands get.
type stack struct {
	tr         *transcript
	cleanup    func(func()) // the top-level test's Cleanup
	dir        string
	ep         playground.Endpoints
	pg         *proc
	root       *sql.DB // the playground's root, for writing rows
	upstream   string  // mysql://cdc_e2e:<password>@… (URL-encoded password)
	serverAddr string  // host:port of cdcctl server
	configHome string  // XDG_CONFIG_HOME of every command: no user config
}

// startStack runs `cdcctl playground --components mysql,kafka,registry` on
// free ports and creates the upstream user with the grants capture needs.
func startStack(t *testing.T) *stack {
	t.Helper()
	s := &stack{tr: &transcript{}, cleanup: t.Cleanup, dir: t.TempDir()}
	s.configHome = filepath.Join(s.dir, "config")
	// A port found free may be taken before the playground binds it (other
	// tests run on this machine too): then it exits early, and a new set
	// of ports is tried.
	for attempt := 1; s.ep.MySQL == ""; attempt++ {
		if attempt > 3 {
			t.Fatal("playground: no free set of ports in 3 attempts")
		}
		s.startPlayground(t, attempt)
	}
	root, err := upstream.Parse(s.ep.MySQL)
	if err != nil {
		t.Fatal(err)
	}
	if s.root, err = sql.Open("mysql", root.DriverDSN()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.root.Close() })
	s.exec(t,
		fmt.Sprintf("CREATE USER '%s'@'%%' IDENTIFIED BY '%s'", upstreamUser, upstreamPass),
		fmt.Sprintf("GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT, RELOAD ON *.* TO '%s'@'%%'", upstreamUser))
	s.upstream = (&url.URL{Scheme: "mysql", User: url.UserPassword(upstreamUser, upstreamPass), Host: root.Addr}).String()
	return s
}

// startPlayground starts the playground on free ports and waits for its
// endpoints; it returns with s.ep unset when the playground exited first.
func (s *stack) startPlayground(t *testing.T, attempt int) {
	t.Helper()
	ports := make([]string, 4)
	for i := range ports {
		p, err := mariadb.FreePort()
		if err != nil {
			t.Fatal(err)
		}
		ports[i] = strconv.Itoa(p)
	}
	s.serverAddr = "127.0.0.1:" + ports[3]
	pg := startProc(t, s.tr, s.cleanup, fmt.Sprintf("cdcctl playground (attempt %d)", attempt), s.env(), "--log-level", "debug",
		"playground", "--components", "mysql,kafka,registry", "--data-dir", filepath.Join(s.dir, fmt.Sprintf("playground-%d", attempt)),
		"--mysql-port", ports[0], "--kafka-port", ports[1], "--registry-port", ports[2], "-o", "json")
	deadline := time.Now().Add(90 * time.Second)
	for s.ep.MySQL == "" {
		if pg.exited() {
			t.Logf("playground exited before it was ready; trying other ports:\n%s", pg)
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("playground did not print its endpoints in 90s:\n%s", pg)
		}
		time.Sleep(50 * time.Millisecond)
		_ = json.Unmarshal([]byte(pg.stdout.String()), &s.ep)
	}
	s.pg = pg
	s.cleanup(func() { // Ctrl-C: the playground stops MariaDB before the temp dir goes
		if !pg.exited() {
			pg.signal(t, syscall.SIGINT)
			if _, ok := pg.wait(60 * time.Second); !ok {
				t.Errorf("playground did not stop within 60s of SIGINT:\n%s", pg)
			}
		}
	})
}

// env is the environment of every cdcctl command, plus extra.
func (s *stack) env(extra ...string) []string {
	return baseEnv(s.configHome, append([]string{"CDCCTL_SERVER=http://" + s.serverAddr}, extra...)...)
}

// exec runs statements on MariaDB as root.
func (s *stack) exec(t *testing.T, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		if _, err := s.root.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// cli runs `cdcctl --log-level debug <args>` against the server.
func (s *stack) cli(t *testing.T, args ...string) result {
	t.Helper()
	return runCmd(t, s.tr, s.env(), append([]string{"--log-level", "debug"}, args...)...)
}

// mustCLI is cli that fails the test unless the command exits 0.
func (s *stack) mustCLI(t *testing.T, args ...string) result {
	t.Helper()
	r := s.cli(t, args...)
	if r.code != 0 {
		t.Fatalf("%s", r)
	}
	return r
}

// startServer runs `cdcctl server` on dataDir with the upstream user and
// waits until its API answers.
func (s *stack) startServer(t *testing.T, name, dataDir string) *proc {
	t.Helper()
	p := startProc(t, s.tr, s.cleanup, name, s.env(), "--log-level", "debug", "server",
		"--addr", s.serverAddr, "--data-dir", dataDir, "--upstream", s.upstream)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + s.serverAddr + "/api/v2/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		if p.exited() || time.Now().After(deadline) {
			t.Fatalf("server did not become healthy (last: %v):\n%s", err, p)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// get fetches a path of the server's HTTP API and records the answer.
func (s *stack) get(t *testing.T, path string) []byte {
	t.Helper()
	resp, err := http.Get("http://" + s.serverAddr + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s %v", path, resp.StatusCode, b, err)
	}
	s.tr.addText("GET "+path, string(b))
	return b
}

// writeFile writes a file under the test's directory and returns its path.
func (s *stack) writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(s.dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// mysqldPID is the pid of the playground's mariadbd.
func (s *stack) mysqldPID(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.ep.DataDir, "mysql", "mysqld.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return pid
}
