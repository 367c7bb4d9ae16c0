// Package gentest holds the table definitions the generator tests share:
// the TPC-C tables as go-tpc creates them and a table with one column of
// every MySQL type, parsed from DDL with the production parser.
package gentest

import (
	_ "embed"
	"testing"

	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/schema"
)

// TPCCDDL is the DDL of the TPC-C tables in database tpcc.
//
//go:embed tpcc.sql
var TPCCDDL string

// AllTypesDDL is the DDL of test.alltypes.
//
//go:embed alltypes.sql
var AllTypesDDL string

// TPCC returns the nine TPC-C tables of database tpcc.
func TPCC(t testing.TB) []*event.Table {
	t.Helper()
	tables, err := schema.ParseDDL(TPCCDDL, "")
	if err != nil {
		t.Fatalf("gentest: parse TPC-C DDL: %v", err)
	}
	return tables
}

// Table returns the TPC-C table with the given name.
func Table(t testing.TB, name string) *event.Table {
	t.Helper()
	tab, err := schema.FindTable(TPCC(t), name)
	if err != nil {
		t.Fatalf("gentest: %v", err)
	}
	return tab
}

// AllTypes returns test.alltypes.
func AllTypes(t testing.TB) *event.Table {
	t.Helper()
	tables, err := schema.ParseDDL(AllTypesDDL, "")
	if err != nil {
		t.Fatalf("gentest: parse alltypes DDL: %v", err)
	}
	return tables[0]
}
