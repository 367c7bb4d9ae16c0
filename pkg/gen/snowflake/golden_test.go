package snowflake_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/gen"
	"github.com/cdcctl/cdcctl/pkg/gen/gentest"
	"github.com/cdcctl/cdcctl/pkg/gen/snowflake"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// baseOptions are the names of spec downstream.md §4.7's reference pattern.
func baseOptions() snowflake.Options {
	return snowflake.Options{Database: "CDC_DB", LandingSchema: "LANDING", Schema: "REPLICA", Warehouse: "CDC_WH"}
}

// targets gives each table the guide's topic, tidb_{schema}_{table}.
func targets(tables ...*event.Table) []snowflake.Target {
	ts := make([]snowflake.Target, 0, len(tables))
	for _, t := range tables {
		ts = append(ts, snowflake.Target{Table: t, Topic: "tidb_" + t.Schema + "_" + t.Name})
	}
	return ts
}

// eligible drops tables without a key (tpcc.history), which Generate
// rejects (see TestGenerateErrors).
func eligible(tables []*event.Table) []*event.Table {
	var out []*event.Table
	for _, t := range tables {
		if t.Eligible() {
			out = append(out, t)
		}
	}
	return out
}

func TestGolden(t *testing.T) {
	softServerless := baseOptions()
	softServerless.Warehouse, softServerless.Serverless = "", true
	softServerless.SoftDelete, softServerless.KeepLandingDays = true, 7
	softServerless.Schedule, softServerless.TimestampOffset = "USING CRON */5 * * * * UTC", "+08:00"
	softServerless.LandingDatabase, softServerless.Role = "RAW", "cdc_tasks"

	tests := []struct {
		name    string
		kinds   []snowflake.Kind
		targets func(t *testing.T) []snowflake.Target
		opts    snowflake.Options
	}{
		{"tpcc-all", snowflake.AllKinds(), func(t *testing.T) []snowflake.Target {
			return targets(eligible(gentest.TPCC(t))...)
		}, baseOptions()},
		{"tpcc-merge", []snowflake.Kind{snowflake.KindMerge}, func(t *testing.T) []snowflake.Target {
			return targets(eligible(gentest.TPCC(t))...)
		}, baseOptions()},
		{"alltypes-all", snowflake.AllKinds(), func(t *testing.T) []snowflake.Target {
			return targets(gentest.AllTypes(t))
		}, baseOptions()},
		{"alltypes-soft-serverless", snowflake.AllKinds(), func(t *testing.T) []snowflake.Target {
			return targets(gentest.AllTypes(t))
		}, softServerless},
		{"dotted-topic", []snowflake.Kind{snowflake.KindStream, snowflake.KindTask}, func(t *testing.T) []snowflake.Target {
			return []snowflake.Target{{Table: gentest.Table(t, "orders"), Topic: "cdc.tpcc.orders", ReplicaTable: "Order Header"}}
		}, baseOptions()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := snowflake.Generate(tt.kinds, tt.targets(t), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			gentest.CheckGolden(t, filepath.Join("testdata", tt.name), arts, *update)
			again, err := snowflake.Generate(tt.kinds, tt.targets(t), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !sameArtifacts(arts, again) {
				t.Error("a second run produced different output")
			}
		})
	}
}

func sameArtifacts(a, b []gen.Artifact) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
