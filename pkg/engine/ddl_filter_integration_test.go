//go:build integration

package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/riferrei/srclient"

	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// TestEngineDDLFiltersAndDispatch: DROP and MODIFY COLUMN mid-stream register
// new schema versions and later rows use them; a filtered-out table sends
// nothing; a dispatcher rule sends a table to its own topic.
func TestEngineDDLFiltersAndDispatch(t *testing.T) {
	s := newStack(t)
	testenv.Exec(t, s.db,
		"CREATE TABLE shop.secret (id INT PRIMARY KEY, pin INT)",
		"CREATE TABLE shop.audit_log (id INT PRIMARY KEY, what VARCHAR(30))")
	e, store := s.open(t)
	defer store.Close()
	defer e.Close(context.Background())
	def := s.definition()
	def.Snapshot = "never"
	def.Config = []byte(`{"sink":{"schema_registry":"` + s.registry + `","dispatchers":[` +
		`{"matcher":["shop.audit_log"],"topic":"audit","partition":"table"},` +
		`{"matcher":["*.*"],"topic":"tidb_{schema}_{table}","partition":"index-value"}]},` +
		`"filter":{"rules":["shop.*","!shop.secret"]}}`)
	if _, err := e.Create(context.Background(), def); err != nil {
		t.Fatal(err)
	}
	s.waitCaughtUp(t, e)
	testenv.Exec(t, s.db,
		"INSERT INTO shop.item (id, name, price) VALUES (20, 'a', 1)",
		"ALTER TABLE shop.item DROP COLUMN price",
		"INSERT INTO shop.item (id, name) VALUES (21, 'b')",
		"ALTER TABLE shop.item MODIFY COLUMN name VARCHAR(40) NOT NULL",
		"INSERT INTO shop.item (id, name) VALUES (22, 'c')",
		"INSERT INTO shop.secret VALUES (1, 1234)",
		"INSERT INTO shop.audit_log VALUES (1, 'login')",
	)
	st := s.waitCaughtUp(t, e)
	if st.LastError != nil {
		t.Fatalf("error: %+v", st.LastError)
	}
	got := strings.Join(s.consume(t, "tidb_shop_item"), "\n")
	for _, want := range []string{"20 name=a", "21 name=b", "22 name=c"} {
		if !strings.Contains(got, want) {
			t.Errorf("tidb_shop_item lacks %q:\n%s", want, got)
		}
	}
	if audit := s.consume(t, "audit"); len(audit) != 1 || !strings.Contains(audit[0], "c p") {
		t.Errorf("audit topic = %v, want the one audit_log row", audit)
	}
	reg := srclient.NewSchemaRegistryClient(s.registry)
	versions, err := reg.GetSchemaVersions("tidb_shop_item-value")
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != 3 {
		t.Errorf("tidb_shop_item-value has versions %v, want 3 (before, after DROP, after MODIFY)", versions)
	}
	latest, err := reg.GetLatestSchema("tidb_shop_item-value")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(latest.Schema(), `"price"`) || !strings.Contains(latest.Schema(), `{"name":"name","type":{"type":"string"`) {
		t.Errorf("latest schema does not reflect the DDLs: %s", latest.Schema())
	}
	subjects, err := reg.GetSubjects()
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range subjects {
		if strings.Contains(sub, "secret") {
			t.Errorf("filtered-out table registered %s", sub)
		}
	}
}
