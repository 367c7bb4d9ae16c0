package snowflake_test

import (
	"strings"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/gen/gentest"
	"github.com/cdcctl/cdcctl/pkg/gen/snowflake"
)

func TestIdent(t *testing.T) {
	tests := []struct{ name, in, want, user string }{
		{"plain lower", "i_id", "I_ID", "I_ID"},
		{"plain with dollar", "a$b", "A$B", "A$B"},
		{"reserved", "order", `"ORDER"`, `"ORDER"`},
		{"space", "Mixed Case", `"Mixed Case"`, `"Mixed Case"`},
		{"leading digit", "1st", `"1st"`, `"1st"`},
		{"embedded quote", `a"b`, `"a""b"`, `"a""b"`},
		{"unicode", "名字", `"名字"`, `"名字"`},
		{"already quoted by the user", `"MyDb"`, `"""MyDb"""`, `"MyDb"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := snowflake.Ident(tt.in); got != tt.want {
				t.Errorf("Ident(%q) = %s, want %s", tt.in, got, tt.want)
			}
			if got := snowflake.UserIdent(tt.in); got != tt.user {
				t.Errorf("UserIdent(%q) = %s, want %s", tt.in, got, tt.user)
			}
		})
	}
}

func TestLandingTableName(t *testing.T) {
	tests := []struct{ topic, want string }{
		{"tidb_test_item", "TIDB_TEST_ITEM"},
		{"tidb_tpcc_order_line", "TIDB_TPCC_ORDER_LINE"},
		{"tidb.test.item", "TIDB_TEST_ITEM"},
		{"tidb-test-item", "TIDB_TEST_ITEM"},
		{"1orders", "_1ORDERS"},
		{"a", "A_"},
	}
	valid := func(s string) bool { // the connector's topic2table.map validator
		if len(s) < 2 || !(s[0] == '_' || 'A' <= s[0] && s[0] <= 'Z') {
			return false
		}
		return strings.Trim(s, "_$ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == ""
	}
	for _, tt := range tests {
		t.Run(tt.topic, func(t *testing.T) {
			got := snowflake.LandingTableName(tt.topic)
			if got != tt.want {
				t.Errorf("LandingTableName(%q) = %s, want %s", tt.topic, got, tt.want)
			}
			if !valid(got) {
				t.Errorf("%s fails the connector's table-name rule", got)
			}
		})
	}
}

func TestParseSchedule(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"1m", "1 MINUTE", ""},
		{"5m", "5 MINUTES", ""},
		{"1h", "60 MINUTES", ""},
		{"90s", "90 SECONDS", ""},
		{"2 minutes", "2 MINUTES", ""},
		{"1 MINUTE", "1 MINUTE", ""},
		{"using cron  0 3 * * *  UTC", "USING CRON 0 3 * * * UTC", ""},
		{"500ms", "", "whole seconds"},
		{"USING CRON 0 3 * *", "", "USING CRON <minute>"},
		{"often", "", "want a duration"},
		{"0 MINUTES", "", "want a duration"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := snowflake.ParseSchedule(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("= %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestGenerateErrors(t *testing.T) {
	history, _ := findTable(t, "history")
	item, _ := findTable(t, "item")
	geo := &event.Table{Schema: "gis", Name: "place", Columns: []event.Column{
		{Name: "id", Type: event.TypeLong}, {Name: "shape", Type: event.TypeUnknown},
	}, Indexes: []event.Index{{Name: "PRIMARY", Columns: []string{"id"}, Primary: true}}}
	geo.ComputeKeys()
	clash := &event.Table{Schema: "s", Name: "t", Columns: []event.Column{
		{Name: "id", Type: event.TypeLong}, {Name: "_KAFKA_OFFSET", Type: event.TypeLong},
	}, Indexes: []event.Index{{Name: "PRIMARY", Columns: []string{"id"}, Primary: true}}}
	clash.ComputeKeys()
	noWH := baseOptions()
	noWH.Warehouse = ""
	tests := []struct {
		name    string
		kinds   []snowflake.Kind
		targets []snowflake.Target
		opts    snowflake.Options
		want    string
	}{
		{"table without a key", []snowflake.Kind{snowflake.KindMerge}, targets(history), baseOptions(),
			"table tpcc.history has no primary key and no NOT NULL unique key"},
		{"type with no mapping", []snowflake.Kind{snowflake.KindTable}, targets(geo), baseOptions(),
			"table gis.place: column shape: MySQL type unknown has no Snowflake mapping"},
		{"reserved column name", []snowflake.Kind{snowflake.KindTable}, targets(clash), baseOptions(),
			"table s.t: column _KAFKA_OFFSET: the name is reserved"},
		{"task without warehouse", []snowflake.Kind{snowflake.KindTask}, targets(item), noWH,
			"task for tpcc.item: name a warehouse, or make the task serverless"},
		{"two tables one replica", []snowflake.Kind{snowflake.KindTable}, []snowflake.Target{
			{Table: item, Topic: "a"}, {Table: item, Topic: "b"}}, baseOptions(),
			"tables tpcc.item and tpcc.item would both use Snowflake table CDC_DB.REPLICA.ITEM"},
		{"no database", []snowflake.Kind{snowflake.KindTable}, targets(item), snowflake.Options{Schema: "R"},
			"replica database and schema are required"},
		{"bad offset", []snowflake.Kind{snowflake.KindTable}, targets(item), snowflake.Options{Database: "D", Schema: "R", TimestampOffset: "UTC"},
			`timestamp offset: want +HH:MM or -HH:MM, got "UTC"`},
		{"no tables", []snowflake.Kind{snowflake.KindTable}, nil, baseOptions(), "no tables"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := snowflake.Generate(tt.kinds, tt.targets, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if arts != nil {
				t.Errorf("partial output on error: %d artefacts", len(arts))
			}
		})
	}
}

func findTable(t *testing.T, name string) (*event.Table, error) {
	t.Helper()
	return gentest.Table(t, name), nil
}
