package upstream

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
	up "github.com/cdcctl/cdcctl/pkg/upstream"
)

func report(blocked bool) *up.Report {
	r := &up.Report{Server: binlog.ServerInfo{Flavor: "mariadb", Version: "10.11.19-MariaDB"}}
	r.Checks = []up.Check{
		{Name: "binlog_format", OK: !blocked, Severity: up.Blocker, Detail: map[bool]string{true: "STATEMENT", false: "ROW"}[blocked], Fix: "SET GLOBAL binlog_format = 'ROW'"},
		{Name: "gtid", OK: false, Severity: up.Warning, Detail: "OFF", Fix: "enable gtid"},
	}
	return r
}

func runWith(t *testing.T, format output.Format, blocked bool) (string, error) {
	t.Helper()
	ios, _, out, _ := iostreams.Test()
	var gotUpstream up.Upstream
	err := run(context.Background(), &Options{IO: ios, Format: format, Upstream: "mysql://cdc:s3cret@db:3306", Timeout: 1e9,
		Check: func(_ context.Context, u up.Upstream) (*up.Report, error) {
			gotUpstream = u
			return report(blocked), nil
		}})
	if gotUpstream.Password != "s3cret" || gotUpstream.Addr != "db:3306" {
		t.Fatalf("check got %+v", gotUpstream)
	}
	if strings.Contains(out.String(), "s3cret") || (err != nil && strings.Contains(err.Error(), "s3cret")) {
		t.Fatalf("password leaked: %s %v", out.String(), err)
	}
	return out.String(), err
}

func TestRunFormats(t *testing.T) {
	out, err := runWith(t, output.Table, false)
	if err != nil {
		t.Fatal(err)
	}
	want := "server\tinfo\tmariadb 10.11.19-MariaDB (mysql://cdc:xxxxx@db:3306)\n" +
		"binlog_format\tok\tROW\n" +
		"gtid\twarn\tOFF; fix: enable gtid\n"
	if out != want {
		t.Errorf("table:\n%q\nwant\n%q", out, want)
	}
	out, _ = runWith(t, output.JSON, false)
	var v struct {
		Upstream string     `json:"upstream"`
		Checks   []up.Check `json:"checks"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || v.Upstream != "mysql://cdc:xxxxx@db:3306" || len(v.Checks) != 2 {
		t.Errorf("json: %v %+v", err, v)
	}
	out, _ = runWith(t, output.YAML, false)
	if !strings.Contains(out, "upstream: mysql://cdc:xxxxx@db:3306") || !strings.Contains(out, "name: binlog_format") {
		t.Errorf("yaml:\n%s", out)
	}
}

func TestRunBlockedFails(t *testing.T) {
	out, err := runWith(t, output.Table, true)
	if err == nil || !strings.Contains(err.Error(), "binlog_format: STATEMENT; fix: SET GLOBAL binlog_format = 'ROW'") {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(out, "binlog_format\tFAIL\tSTATEMENT") {
		t.Errorf("report not printed before failing:\n%s", out)
	}
}

func TestRunBadUpstream(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	err := run(context.Background(), &Options{IO: ios, Upstream: "mysql://u:s3cret@h:1?x=1", Timeout: 1e9})
	if err == nil || !strings.Contains(err.Error(), `unknown parameter "x"`) || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("err = %v", err)
	}
}
