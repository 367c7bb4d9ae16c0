package schemasource

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/sr/srfake"

	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/gen/gentest"
	"github.com/cdcctl/cdcctl/pkg/registry"
)

func TestTopicRule(t *testing.T) {
	tests := []struct{ rule, db, table, want, err string }{
		{"tidb_{schema}_{table}", "tpcc", "item", "tidb_tpcc_item", ""},
		{"cdc.{schema}.{table}", "my db", "order-line$", "cdc.my_db.order-line_", ""},
		{"{schema}{table}", ".", "", "_", ""},
		{"ticdc-meta", "", "", "", "a fixed topic"},
		{"{table}_{schema}", "", "", "", "must contain {schema} then {table}"},
		{"x_{Schema}_{table}", "", "", "", "must contain"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			r, err := ParseTopicRule(tt.rule)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Topic(tt.db, tt.table); got != tt.want {
				t.Errorf("Topic = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMySQLTarget(t *testing.T) {
	env := func(k string) string {
		if k == EnvMySQLPassword {
			return "from-env"
		}
		return ""
	}
	dsn, db, shown, err := mysqlTarget("mysql://root:pw@127.0.0.1:4000/tpcc", env)
	if err != nil || db != "tpcc" || shown != "mysql://127.0.0.1:4000/tpcc" || !strings.HasPrefix(dsn, "root:pw@tcp(127.0.0.1:4000)/") {
		t.Errorf("= %q %q %q %v", dsn, db, shown, err)
	}
	dsn, db, _, err = mysqlTarget("mysql://root@db.example", env)
	if err != nil || db != "" || !strings.HasPrefix(dsn, "root:from-env@tcp(db.example:3306)/") {
		t.Errorf("= %q %q %v", dsn, db, err)
	}
	if _, _, _, err := mysqlTarget("postgres://x", env); err == nil || strings.Contains(err.Error(), "pw") {
		t.Errorf("err = %v", err)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		o    Options
		want string
	}{
		{"no source", Options{TopicRule: DefaultTopicRule}, "give a schema source"},
		{"two sources", Options{From: "mysql://h", DDL: []string{"f"}, TopicRule: DefaultTopicRule}, "only one schema source"},
		{"two topics without registry", Options{DDL: []string{"f"}, Topics: []string{"a", "b"}, TopicRule: DefaultTopicRule}, "--topic names the topic of one table"},
		{"registry without topic or table", Options{Registry: "http://r", TopicRule: DefaultTopicRule}, "--from-registry needs --topic or --table"},
		{"bad rule", Options{DDL: []string{"f"}, TopicRule: "{table}"}, "topic rule"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.o.Validate()
			var fe *cmderr.FlagError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a flag error with %q", err, tt.want)
			}
		})
	}
}

func ddlOptions(t *testing.T, tables ...string) Options {
	dir := t.TempDir()
	path := filepath.Join(dir, "tpcc.sql")
	if err := os.WriteFile(path, []byte(gentest.TPCCDDL), 0o644); err != nil {
		t.Fatal(err)
	}
	return Options{DDL: []string{path}, Tables: tables, TopicRule: DefaultTopicRule, ReadFile: os.ReadFile}
}

func TestResolveDDL(t *testing.T) {
	o := ddlOptions(t, "tpcc.order*", "item")
	res, err := o.Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range res.Sources {
		got = append(got, s.Table.QualifiedName()+"@"+s.Topic)
	}
	want := "tpcc.item@tidb_tpcc_item tpcc.order_line@tidb_tpcc_order_line tpcc.orders@tidb_tpcc_orders"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}

	o = ddlOptions(t, "item")
	o.Topics = []string{"custom"}
	if res, err := o.Resolve(context.Background()); err != nil || res.Sources[0].Topic != "custom" {
		t.Errorf("--topic override: %v %v", res, err)
	}
	o = ddlOptions(t, "tpcc.nope")
	_, err = o.Resolve(context.Background())
	var nf *cmderr.NotFoundError
	if !errors.As(err, &nf) || !strings.Contains(err.Error(), `no table matches "tpcc.nope"`) {
		t.Errorf("unknown table: err = %v", err)
	}
	o = ddlOptions(t)
	o.DDL = []string{"/does/not/exist.sql"}
	var ie *cmderr.InvalidInputError
	if _, err := o.Resolve(context.Background()); !errors.As(err, &ie) || !strings.Contains(err.Error(), "--ddl /does/not/exist.sql") {
		t.Errorf("missing file: err = %v", err)
	}
}

// TestResolveRegistry registers the codec's schemas for two TPC-C tables
// in an in-process Schema Registry and rebuilds them.
func TestResolveRegistry(t *testing.T) {
	reg := srfake.New()
	defer reg.Close()
	cl := &http.Client{}
	for _, name := range []string{"item", "orders"} {
		tab := gentest.Table(t, name)
		plan, err := avro.NewPlan(tab, avro.Options{DecimalMode: avro.DecimalString})
		if err != nil {
			t.Fatal(err)
		}
		topic := "tidb.tpcc." + name // dots: subjects use underscores
		for subject, schema := range map[string]string{registry.KeySubject(topic): plan.KeySchema, registry.ValueSubject(topic): plan.ValueSchema} {
			body := `{"schema":` + jsonString(schema) + `}`
			resp, err := cl.Post(reg.URL()+"/subjects/"+subject+"/versions", "application/vnd.schemaregistry.v1+json", strings.NewReader(body))
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("register %s: %v %v", subject, err, resp)
			}
			resp.Body.Close()
		}
	}
	o := Options{Registry: reg.URL(), Topics: []string{"tidb.tpcc.orders"}, TopicRule: DefaultTopicRule}
	res, err := o.Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sources) != 1 || res.Sources[0].Table.QualifiedName() != "tpcc.orders" || res.Sources[0].Topic != "tidb.tpcc.orders" || len(res.Sources[0].Table.Handle) != 3 {
		t.Fatalf("sources = %+v", res.Sources)
	}
	if res.Modes.Decimal != "" { // orders has no DECIMAL column
		t.Errorf("modes = %+v", res.Modes)
	}
	o = Options{Registry: reg.URL(), Tables: []string{"tpcc.item"}, TopicRule: "tidb.{schema}.{table}"}
	res, err = o.Resolve(context.Background())
	if err != nil || len(res.Sources) != 1 || res.Sources[0].Table.Name != "item" || res.Modes.Decimal != "string" {
		t.Fatalf("by table: %+v %v", res, err)
	}
	o = Options{Registry: reg.URL(), Topics: []string{"tidb_tpcc_stock"}, TopicRule: DefaultTopicRule}
	_, err = o.Resolve(context.Background())
	var nf *cmderr.NotFoundError
	if !errors.As(err, &nf) || !strings.Contains(err.Error(), "subject tidb_tpcc_stock-value not found") {
		t.Errorf("missing subject: err = %v", err)
	}
	url := reg.URL()
	reg.Close()
	o = Options{Registry: url, Topics: []string{"x"}, TopicRule: DefaultTopicRule}
	if _, err := o.Resolve(context.Background()); err == nil || !strings.Contains(err.Error(), "schema registry "+url+": unreachable") {
		t.Errorf("unreachable: err = %v", err)
	}
}

func jsonString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}
