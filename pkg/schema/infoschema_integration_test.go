//go:build integration

package schema_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/gen/gentest"
	"github.com/cdcctl/cdcctl/pkg/schema"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// mariaTypes is one column of every type MariaDB and TiCDC share, with
// explicit integer widths (MariaDB reports them even when omitted).
const mariaTypes = `CREATE TABLE shop.alltypes (
	id BIGINT(20) NOT NULL AUTO_INCREMENT,
	c_tinyint TINYINT(4) NOT NULL DEFAULT 1,
	c_tinyint_u TINYINT(3) UNSIGNED,
	c_smallint SMALLINT(6),
	c_mediumint_u MEDIUMINT(8) UNSIGNED,
	c_int INT(11) DEFAULT -3,
	c_int_u INT(10) UNSIGNED,
	c_bigint_u BIGINT(20) UNSIGNED DEFAULT 18446744073709551615,
	c_float FLOAT,
	c_float_md FLOAT(10,2),
	c_double DOUBLE DEFAULT 2.5,
	c_decimal DECIMAL(10,2) DEFAULT 1.50,
	c_bit BIT(8) DEFAULT b'101',
	c_year YEAR,
	c_date DATE,
	c_datetime DATETIME,
	c_datetime6 DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6),
	c_timestamp TIMESTAMP(3) NULL,
	c_time TIME(6),
	c_char CHAR(10),
	c_varchar VARCHAR(255) NOT NULL DEFAULT 'it''s',
	c_text TEXT,
	c_longtext LONGTEXT,
	c_binary BINARY(16),
	c_varbinary VARBINARY(64),
	c_blob BLOB,
	c_enum ENUM('a','b,c','it''s') DEFAULT 'a',
	c_set SET('x','y','z'),
	` + "`Mixed Case`" + ` VARCHAR(20) COMMENT 'a comment',
	c_virtual INT(11) AS (c_int + 1) VIRTUAL,
	c_stored INT(11) AS (c_int + 2) STORED,
	email VARCHAR(64) NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY uk_email (email),
	KEY idx_date (c_date)
)`

// TestLoadTablesMatchesDDL creates tables in a throwaway MariaDB, loads
// them from information_schema and checks that the result equals what the
// DDL parser makes of the same statements, apart from what only the server
// knows (the resolved charset and collation, integer display widths the
// DDL omitted).
func TestLoadTablesMatchesDDL(t *testing.T) {
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, db, "CREATE DATABASE tpcc", "CREATE DATABASE shop")
	for _, stmt := range strings.Split(gentest.TPCCDDL, ";") {
		if strings.Contains(stmt, "CREATE TABLE") {
			testenv.Exec(t, db, "USE tpcc", stmt)
		}
	}
	testenv.Exec(t, db, mariaTypes)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	want, err := schema.ParseDDL(gentest.TPCCDDL, "")
	if err != nil {
		t.Fatal(err)
	}
	more, err := schema.ParseDDL(mariaTypes, "")
	if err != nil {
		t.Fatal(err)
	}
	want = append(more, want...) // shop sorts before tpcc

	got, err := schema.LoadTables(ctx, db, "tpcc.*", "shop.alltypes")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("loaded %d tables, want %d", len(got), len(want))
	}
	// Spot checks, independent of the parser.
	types := got[0]
	if types.QualifiedName() != "shop.alltypes" || len(types.Handle) != 1 || types.Columns[types.Handle[0]].Name != "id" {
		t.Fatalf("first table %s handle %v", types.QualifiedName(), types.Handle)
	}
	if c := types.Columns[types.ColumnIndex("c_varchar")]; c.Default == nil || *c.Default != "it's" || c.Nullable {
		t.Errorf("c_varchar = %+v", c)
	}
	if c := types.Columns[types.ColumnIndex("c_enum")]; !cmp.Equal(c.Elems, []string{"a", "b,c", "it's"}) {
		t.Errorf("c_enum elems = %q", c.Elems)
	}
	if ix := types.Indexes; len(ix) != 3 || ix[1].Name != "uk_email" || !ix[1].Unique || ix[2].Unique {
		t.Errorf("indexes = %+v", ix)
	}
	byName := map[string]*event.Table{}
	for _, w := range want {
		byName[w.QualifiedName()] = w
	}
	for _, g := range got {
		w := byName[g.QualifiedName()]
		if w == nil {
			t.Errorf("unexpected table %s", g.QualifiedName())
			continue
		}
		for i := range g.Columns {
			c := &g.Columns[i]
			if c.Type.IsString() && !c.Binary && (c.Charset == "" || c.Collation == "") {
				t.Errorf("%s.%s: no charset/collation from the server", g.QualifiedName(), c.Name)
			}
		}
		opts := cmp.Options{
			cmpopts.IgnoreFields(event.Column{}, "Charset", "Collation"),
			cmp.Transformer("intWidth", func(c event.Column) event.Column {
				if c.Type.IsInteger() {
					c.Length = -1 // MariaDB reports a width the DDL may omit
				}
				return c
			}),
		}
		if diff := cmp.Diff(w, g, opts); diff != "" {
			t.Errorf("%s (-ddl +information_schema):\n%s", g.QualifiedName(), diff)
		}
	}
}

func TestLoadTablesErrors(t *testing.T) {
	srv := testenv.MariaDB(t)
	db := testenv.OpenDB(t, srv.DSN(""))
	testenv.Exec(t, db, "CREATE DATABASE gis",
		"CREATE TABLE gis.place (id INT PRIMARY KEY, shape GEOMETRY)",
		"CREATE TABLE gis.nokey (a INT, b INT)")
	ctx := context.Background()

	_, err := schema.LoadTables(ctx, db, "gis.nothere")
	var nt *schema.NoTableError
	if !errors.As(err, &nt) || !strings.Contains(err.Error(), `no table matches "gis.nothere" (tables: gis.nokey, gis.place)`) {
		t.Errorf("unknown table: err = %v", err)
	}
	_, err = schema.LoadTables(ctx, db, "gis.place")
	if err == nil || !strings.Contains(err.Error(), "table gis.place: column shape: type geometry is not supported") {
		t.Errorf("geometry: err = %v", err)
	}
	tabs, err := schema.LoadTables(ctx, db, "nokey")
	if err != nil || len(tabs) != 1 || tabs[0].Eligible() {
		t.Errorf("a table without a key loads, ineligible: %v %v", tabs, err)
	}
	if _, err := schema.LoadTables(ctx, db, "mysql.user"); !errors.As(err, &nt) {
		t.Errorf("system tables must not load: err = %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := schema.LoadTables(cancelled, db); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}
