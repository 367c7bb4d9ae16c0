package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestCheckpointReached(t *testing.T) {
	target := binlogPos{File: "binlog.000002", Pos: 500}
	tests := []struct {
		name       string
		checkpoint string
		parsed     bool
		reached    bool
	}{
		{"same position", "binlog.000002:500", true, true},
		{"past it", "binlog.000002:501", true, true},
		{"short of it", "binlog.000002:499", true, false},
		{"earlier file", "binlog.000001:999999", true, false},
		{"later file", "binlog.000003:4", true, true},
		{"GTID only", "0-1-42", false, false},
		{"empty", "", false, false},
		{"bad offset", "binlog.000002:x", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := parsePos(tt.checkpoint)
			if ok != tt.parsed {
				t.Fatalf("parsePos(%q) ok = %t", tt.checkpoint, ok)
			}
			if got := ok && p.reached(target); got != tt.reached {
				t.Errorf("%q reached %s = %t, want %t", tt.checkpoint, target, got, tt.reached)
			}
		})
	}
}

func TestCheckCounts(t *testing.T) {
	tests := []struct {
		name    string
		tables  []tableCount
		wantErr string
	}{
		{"equal counts, skipped table without topic", []tableCount{
			{Table: "tpcc.item", Topic: "tidb_tpcc_item", BinlogRows: 10, Messages: 10},
			{Table: "tpcc.history", BinlogRows: 7, Skipped: true}}, ""},
		{"a message missing", []tableCount{{Table: "tpcc.item", Topic: "tidb_tpcc_item", BinlogRows: 10, Messages: 9}},
			"tpcc.item: 9 messages for 10 row changes"},
		{"a duplicate", []tableCount{{Table: "tpcc.item", Topic: "tidb_tpcc_item", BinlogRows: 10, Messages: 11}},
			"tpcc.item: 11 messages for 10 row changes"},
		{"no topic", []tableCount{{Table: "tpcc.stock", BinlogRows: 3}}, "tpcc.stock: no topic"},
		{"skipped table with a topic", []tableCount{{Table: "tpcc.history", Topic: "tidb_tpcc_history", Skipped: true}},
			"tpcc.history has no key but has topic tidb_tpcc_history"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkCounts(tt.tables)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestWriteCounts(t *testing.T) {
	var b bytes.Buffer
	err := writeCounts(&b, []tableCount{
		{Table: "tpcc.history", BinlogRows: 7, Skipped: true},
		{Table: "tpcc.item", Topic: "tidb_tpcc_item", BinlogRows: 10, Messages: 10},
	}, []topicCount{{Topic: "tidb_tpcc_item", Messages: 10}, {Topic: "ticdc-meta"}})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	want := [][]string{
		{"TABLE", "TOPIC", "BINLOG", "ROW", "CHANGES", "MESSAGES"},
		{"tpcc.history", "(skipped:", "no", "key)", "7", "0"},
		{"tpcc.item", "tidb_tpcc_item", "10", "10"},
		{"(no", "table)", "ticdc-meta", "0"},
		{"captured", "tables", "10", "10"}, // the skipped table's changes are not counted
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), b.String())
	}
	for i, w := range want {
		if got := strings.Fields(lines[i]); strings.Join(got, " ") != strings.Join(w, " ") {
			t.Errorf("line %d = %q, want fields %q", i, lines[i], w)
		}
	}
}

func TestCommandLine(t *testing.T) {
	got := commandLine([]string{"changefeed", "create", "--sink-uri", "kafka://h:1/t?protocol=avro&x=1", "--table", "tpcc.*", "it's"})
	want := `cdcctl changefeed create --sink-uri 'kafka://h:1/t?protocol=avro&x=1' --table 'tpcc.*' 'it'\''s'`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestTailBuffer(t *testing.T) {
	tb := &tailBuffer{max: 8}
	for _, s := range []string{"hello ", "wide ", "world\n"} {
		if n, err := tb.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	if got := tb.quote(); got != "; its stderr ended with:\ne world" {
		t.Errorf("quote = %q", got)
	}
	if got := (&tailBuffer{max: 8}).quote(); got != "" {
		t.Errorf("empty quote = %q", got)
	}
}

func TestCheckConfig(t *testing.T) {
	ok := Config{Bin: "demo_test.go", ChangefeedConf: "../../examples/changefeed.conf", Warehouses: 1, RunTime: time.Second}
	tests := []struct {
		name    string
		edit    func(*Config)
		wantErr string
	}{
		{"valid", func(*Config) {}, ""},
		{"count instead of time", func(c *Config) { c.RunTime, c.RunCount = 0, 100 }, ""},
		{"missing binary", func(c *Config) { c.Bin = "no/such/cdcctl" }, "make build"},
		{"missing changefeed.conf", func(c *Config) { c.ChangefeedConf = "nope.conf" }, "-config"},
		{"no warehouse", func(c *Config) { c.Warehouses = 0 }, "-warehouses"},
		{"both bounds", func(c *Config) { c.RunCount = 5 }, "one of -time and -count"},
		{"no bound", func(c *Config) { c.RunTime = 0 }, "one of -time and -count"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.edit(&c)
			err := checkConfig(c)
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}
