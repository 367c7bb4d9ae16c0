package schema

import (
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cdcctl/cdcctl/pkg/event"
)

func TestMatchTable(t *testing.T) {
	tests := []struct {
		pattern, db, table string
		want               bool
	}{
		{"tpcc.item", "tpcc", "item", true},
		{"TPCC.Item", "tpcc", "item", true},
		{"item", "tpcc", "item", true},
		{"item", "tpcc", "items", false},
		{"tpcc.*", "tpcc", "order_line", true},
		{"tpcc.*", "shop", "item", false},
		{"*.order?", "tpcc", "orders", true},
		{"*.order?", "tpcc", "order_line", false},
		{"*.*", "a", "b", true},
		{`we\.ird.t`, "we.ird", "t", true},
		{`a.b\*`, "a", "b*", true},
		{`a.b\*`, "a", "bc", false},
	}
	for _, tt := range tests {
		t.Run(tt.pattern+"~"+tt.db+"."+tt.table, func(t *testing.T) {
			if got := MatchTable(tt.pattern, tt.db, tt.table); got != tt.want {
				t.Errorf("MatchTable = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSelectTables(t *testing.T) {
	names := [][2]string{{"shop", "item"}, {"tpcc", "item"}, {"tpcc", "orders"}}
	got, err := selectTables(names, []string{"tpcc.*", "shop.item"})
	if err != nil || len(got) != 3 {
		t.Fatalf("= %v, %v", got, err)
	}
	got, err = selectTables(names, []string{"orders"})
	if err != nil || len(got) != 1 || got[0] != [2]string{"tpcc", "orders"} {
		t.Fatalf("= %v, %v", got, err)
	}
	_, err = selectTables(names, []string{"tpcc.itemz"})
	var nt *NoTableError
	if !errors.As(err, &nt) || err.Error() != `no table matches "tpcc.itemz" (tables: shop.item, tpcc.item, tpcc.orders)` {
		t.Fatalf("err = %v", err)
	}
}

func ns(s string) sql.NullString { return sql.NullString{String: s, Valid: true} }

func TestColumnFromInfo(t *testing.T) {
	str := func(s string) *string { return &s }
	tests := []struct {
		name    string
		in      infoColumn
		mariadb bool
		want    event.Column
	}{
		{"int with width", infoColumn{Name: "a", DataType: "int", ColumnType: "int(11)", Nullable: "NO", Extra: "auto_increment"}, true,
			event.Column{Name: "a", Type: event.TypeLong, Length: 11, Precision: -1, Scale: -1, AutoIncrement: true}},
		{"bigint unsigned zerofill", infoColumn{Name: "b", DataType: "bigint", ColumnType: "bigint(20) unsigned zerofill", Nullable: "YES", Default: ns("NULL")}, true,
			event.Column{Name: "b", Type: event.TypeLongLong, Length: 20, Precision: -1, Scale: -1, Unsigned: true, Nullable: true}},
		{"decimal", infoColumn{Name: "c", DataType: "decimal", ColumnType: "decimal(5,2)", Nullable: "YES", Default: ns("1.50")}, false,
			event.Column{Name: "c", Type: event.TypeDecimal, Length: -1, Precision: 5, Scale: 2, Nullable: true, Default: str("1.50")}},
		{"datetime fsp and mariadb now", infoColumn{Name: "d", DataType: "datetime", ColumnType: "datetime(6)", Nullable: "NO", Default: ns("current_timestamp(6)")}, true,
			event.Column{Name: "d", Type: event.TypeDatetime, Length: -1, Precision: -1, Scale: 6, Default: str("CURRENT_TIMESTAMP(6)")}},
		{"mysql timestamp default", infoColumn{Name: "d", DataType: "timestamp", ColumnType: "timestamp", Nullable: "NO", Default: ns("CURRENT_TIMESTAMP")}, false,
			event.Column{Name: "d", Type: event.TypeTimestamp, Length: -1, Precision: -1, Scale: -1, Default: str("CURRENT_TIMESTAMP")}},
		{"varchar mariadb quoted default", infoColumn{Name: "e", DataType: "varchar", ColumnType: "varchar(20)", Nullable: "YES",
			Default: ns("'it''s'"), Charset: ns("utf8mb4"), Collation: ns("utf8mb4_general_ci"), Comment: "a note"}, true,
			event.Column{Name: "e", Type: event.TypeVarchar, Length: 20, Precision: -1, Scale: -1, Nullable: true, Default: str("it's"),
				Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Comment: "a note"}},
		{"mysql string default that looks quoted", infoColumn{Name: "e", DataType: "varchar", ColumnType: "varchar(20)", Nullable: "YES", Default: ns("'x'")}, false,
			event.Column{Name: "e", Type: event.TypeVarchar, Length: 20, Precision: -1, Scale: -1, Nullable: true, Default: str("'x'")}},
		{"varbinary", infoColumn{Name: "f", DataType: "varbinary", ColumnType: "varbinary(16)", Nullable: "YES"}, false,
			event.Column{Name: "f", Type: event.TypeVarchar, Binary: true, Length: 16, Precision: -1, Scale: -1, Nullable: true, Charset: "binary", Collation: "binary"}},
		{"longblob", infoColumn{Name: "g", DataType: "longblob", ColumnType: "longblob", Nullable: "YES"}, false,
			event.Column{Name: "g", Type: event.TypeLongText, Binary: true, Length: -1, Precision: -1, Scale: -1, Nullable: true, Charset: "binary", Collation: "binary"}},
		{"enum with quotes and commas", infoColumn{Name: "h", DataType: "enum", ColumnType: "enum('a','b,c','it''s')", Nullable: "YES", Charset: ns("utf8mb4"), Collation: ns("utf8mb4_bin")}, false,
			event.Column{Name: "h", Type: event.TypeEnum, Elems: []string{"a", "b,c", "it's"}, Length: -1, Precision: -1, Scale: -1, Nullable: true, Charset: "utf8mb4", Collation: "utf8mb4_bin"}},
		{"bit default", infoColumn{Name: "i", DataType: "bit", ColumnType: "bit(8)", Nullable: "YES", Default: ns("b'101'")}, true,
			event.Column{Name: "i", Type: event.TypeBit, Length: 8, Precision: -1, Scale: -1, Nullable: true, Default: str("b'101'")}},
		{"virtual generated", infoColumn{Name: "j", DataType: "int", ColumnType: "int(11)", Nullable: "YES", Extra: "VIRTUAL GENERATED", Default: ns("NULL")}, true,
			event.Column{Name: "j", Type: event.TypeLong, Length: 11, Precision: -1, Scale: -1, Nullable: true, Generated: event.GeneratedVirtual}},
		{"stored generated (mariadb persistent)", infoColumn{Name: "k", DataType: "int", ColumnType: "int(11)", Nullable: "YES", Extra: "STORED GENERATED"}, true,
			event.Column{Name: "k", Type: event.TypeLong, Length: 11, Precision: -1, Scale: -1, Nullable: true, Generated: event.GeneratedStored}},
		{"float plain", infoColumn{Name: "l", DataType: "float", ColumnType: "float", Nullable: "YES"}, false,
			event.Column{Name: "l", Type: event.TypeFloat, Length: -1, Precision: -1, Scale: -1, Nullable: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := columnFromInfo(tt.in, tt.mariadb)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	_, err := columnFromInfo(infoColumn{Name: "shape", DataType: "geometry", ColumnType: "geometry"}, true)
	if err == nil || !strings.Contains(err.Error(), "type geometry is not supported") {
		t.Errorf("geometry: err = %v", err)
	}
}
