package prepare

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc/shared"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
	"github.com/cdcctl/cdcctl/pkg/output"
)

func TestNewCmdPrepareFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    string
		env     map[string]string
		check   func(t *testing.T, o *Options)
		wantErr string
	}{
		{"defaults: one warehouse, MySQL port", "", nil, func(t *testing.T, o *Options) {
			want := shared.Target{Addr: "127.0.0.1:3306", User: "root", DB: "tpcc"}
			if o.Target != want || o.Warehouses != 1 || o.Threads != 1 || o.RetryCount != 0 || o.Check || o.DropData || o.Format != output.Table {
				t.Errorf("options = %+v", o)
			}
		}, ""},
		{"go-tpc's flags", "-H db -P 4000 -U u -p pw -D bench --warehouses 4 -T 8 --dropdata --check --history-key --retry-count 3 -o json", nil,
			func(t *testing.T, o *Options) {
				want := shared.Target{Addr: "db:4000", User: "u", Password: "pw", DB: "bench"}
				if o.Target != want || o.Warehouses != 4 || o.Threads != 8 || !o.DropData || !o.Check || !o.HistoryKey || o.RetryCount != 3 || o.Format != output.JSON {
					t.Errorf("options = %+v", o)
				}
			}, ""},
		{"CDCCTL_UPSTREAM and CDCCTL_MYSQL_PASSWORD", "", map[string]string{"CDCCTL_UPSTREAM": "mysql://cdc@10.1.1.1:3307", "CDCCTL_MYSQL_PASSWORD": "envpw"},
			func(t *testing.T, o *Options) {
				want := shared.Target{Addr: "10.1.1.1:3307", User: "cdc", Password: "envpw", DB: "tpcc"}
				if o.Target != want {
					t.Errorf("target = %+v, want %+v", o.Target, want)
				}
			}, ""},
		{"--upstream flag", "--upstream mysql://a:b@h:1", nil, func(t *testing.T, o *Options) {
			if o.Target.Addr != "h:1" || o.Target.User != "a" || o.Target.Password != "b" {
				t.Errorf("target = %+v", o.Target)
			}
		}, ""},
		{"zero warehouses", "--warehouses 0", nil, nil, "--warehouses: want at least 1, got 0"},
		{"zero threads", "-T 0", nil, nil, "--threads: want at least 1, got 0"},
		{"negative retries", "--retry-count -1", nil, nil, "--retry-count: want 0 or more, got -1"},
		{"bad upstream", "--upstream mysql://u:s3cret@h:1/?nope=1", nil, nil, `unknown parameter "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XDG_CONFIG_HOME", t.TempDir())
			for _, k := range []string{"CDCCTL_UPSTREAM", "CDCCTL_MYSQL_PASSWORD"} {
				t.Setenv(k, tt.env[k])
			}
			ios, _, _, _ := iostreams.Test()
			f := factory.New(ios)
			var got *Options
			cmd := NewCmdPrepare(f, func(o *Options) error { got = o; return nil })
			args := strings.Fields(tt.args)
			cmd.SetArgs(args)
			f.SetConfigSource(cmd.Flags(), "")
			cmd.SilenceErrors, cmd.SilenceUsage = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				var fe *cmderr.FlagError
				var ie *cmderr.InvalidInputError
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "s3cret") ||
					!errors.As(err, &fe) && !errors.As(err, &ie) {
					t.Fatalf("err = %v, want a usage error %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, got)
		})
	}
}

func TestInsertTable(t *testing.T) {
	tests := []struct {
		query string
		want  string
		ok    bool
	}{
		{"INSERT INTO item (i_id, i_im_id) VALUES (1, 2)", "item", true},
		{"INSERT INTO stock (s_i_id, \ns_w_id) VALUES ", "stock", true},
		{"\n  insert into `order_line`(ol_o_id) values (1)", "order_line", true},
		{"INSERT INTO tpcc.history (h_c_id) VALUES (1)", "history", true},
		{"SELECT 1", "", false},
		{"INSERT", "", false},
		{"CREATE TABLE IF NOT EXISTS item (i_id INT)", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, ok := insertTable(tt.query)
			if got != tt.want || ok != tt.ok {
				t.Errorf("insertTable = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

type result int64

func (r result) LastInsertId() (int64, error) { return 0, nil }
func (r result) RowsAffected() (int64, error) { return int64(r), nil }

func TestRowCounter(t *testing.T) {
	c := newRowCounter()
	var seen []error
	c.onError = func(err error) { seen = append(seen, err) }
	c.observe("INSERT INTO item (i_id) VALUES (1),(2)", result(1024), nil)
	c.observe("INSERT INTO item (i_id) VALUES (3)", result(1), nil)
	c.observe("INSERT INTO order_line (ol_o_id) VALUES (1)", result(7), nil)
	c.observe("UPDATE district SET d_ytd = 0", result(10), nil)
	c.observe("INSERT INTO item (i_id) VALUES (4)", nil, driver.ErrSkip) // database/sql retries it prepared
	c.observe("INSERT INTO stock (s_i_id) VALUES (1)", nil, errors.New("Error 1064 (42000): syntax"))
	c.observe("INSERT INTO customer (c_id) VALUES (1)", nil, errors.New("Error 2013: lost connection"))
	rows := c.snapshot()
	if rows[0] != 1025 || rows[len(rows)-1] != 7 || rows[2] != 0 {
		t.Errorf("rows = %v, want item 1025, order_line 7, stock 0", rows)
	}
	n, first := c.failed()
	if n != 2 || first == nil || first.Error() != "load table stock: Error 1064 (42000): syntax" || len(seen) != 2 {
		t.Errorf("failed = %d, %v; onError saw %v", n, first, seen)
	}
}

func TestProgressLine(t *testing.T) {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.Ascii)
	// item, warehouse, stock, district, customer, history, orders, new_order, order_line
	rows := []int64{100000, 1, 50000, 0, 0, 0, 0, 0, 0}
	tests := []struct {
		name          string
		tty           bool
		final, failed bool
		rows          []int64
		want          string
	}{
		{"plain", false, false, false, rows, "prepare: 25% of ~599011 rows loaded, now stock (50000/100000), 12.3s"},
		{"plain final", false, true, false, rows, "prepare: loaded 150001 rows in 12.3s"},
		{"plain failed", false, true, true, rows, "prepare: stopped after loading 150001 rows in 12.3s"},
		{"terminal", true, false, false, rows,
			"loading ███████░░░░░░░░░░░░░░░░░░░░░░░  25%  stock 50,000/100,000  150,001/~599,011 rows  12.3s"},
		{"terminal on order_line", true, false, false, []int64{100000, 1, 100000, 10, 30000, 30000, 30000, 9000, 150000},
			"loading ██████████████████████░░░░░░░░  75%  order_line 150,000/300,000  449,011/~599,011 rows  12.3s"},
		{"terminal final", true, true, false, rows, "loaded  ██████████████████████████████ 100%  150,001 rows  12.3s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProgress(r, tt.tty, 1)
			if got := p.line(tt.rows, 12345*time.Millisecond, tt.final, tt.failed); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestGroup(t *testing.T) {
	for in, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567", -5: "-5"} {
		if got := group(in); got != want {
			t.Errorf("group(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestViewFormats(t *testing.T) {
	o := &Options{Target: shared.Target{Addr: "h:3306", User: "root", Password: "s3cret", DB: "tpcc"}, Warehouses: 1, Threads: 2}
	rows := []int64{100000, 1, 100000, 10, 30000, 30000, 30000, 9000, 300123}
	v := newView(o, rows, 4321*time.Millisecond)
	tests := []struct {
		format output.Format
		check  func(t *testing.T, out string)
	}{
		{output.Table, func(t *testing.T, out string) {
			want := "item\t100000\nwarehouse\t1\nstock\t100000\ndistrict\t10\ncustomer\t30000\nhistory\t30000\norders\t30000\nnew_order\t9000\norder_line\t300123\n"
			if out != want {
				t.Errorf("table:\n%q\nwant\n%q", out, want)
			}
		}},
		{output.JSON, func(t *testing.T, out string) {
			var got view
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			if got.Target != "mysql://root@h:3306/tpcc" || got.ElapsedSeconds != 4.321 || len(got.Tables) != 9 || got.Tables[8].Rows != 300123 {
				t.Errorf("json: %+v", got)
			}
		}},
		{output.YAML, func(t *testing.T, out string) {
			if !strings.Contains(out, "target: mysql://root@h:3306/tpcc\n") || !strings.Contains(out, "  - table: order_line\n    rows: 300123\n") {
				t.Errorf("yaml:\n%s", out)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			if err := output.Print(ios, tt.format, v); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(out.String(), "s3cret") {
				t.Fatal("password printed")
			}
			tt.check(t, out.String())
		})
	}
}
