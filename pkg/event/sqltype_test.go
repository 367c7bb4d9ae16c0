package event

import "testing"

func TestSQLType(t *testing.T) {
	tests := []struct {
		name string
		col  Column
		want string
	}{
		{"int unsigned", Column{Type: TypeLong, Unsigned: true, Length: -1}, "int unsigned"},
		{"tinyint(1)", Column{Type: TypeTiny, Length: 1}, "tinyint(1)"},
		{"decimal default", Column{Type: TypeDecimal, Precision: -1, Scale: -1}, "decimal(10,0)"},
		{"decimal", Column{Type: TypeDecimal, Precision: 12, Scale: 2, Unsigned: true}, "decimal(12,2) unsigned"},
		{"varchar", Column{Type: TypeVarchar, Length: 20}, "varchar(20)"},
		{"varbinary", Column{Type: TypeVarchar, Length: 16, Binary: true}, "varbinary(16)"},
		{"blob", Column{Type: TypeText, Binary: true, Length: -1}, "blob"},
		{"enum", Column{Type: TypeEnum, Elems: []string{"a", "it's"}}, "enum('a','it''s')"},
		{"datetime(3)", Column{Type: TypeDatetime, Scale: 3}, "datetime(3)"},
		{"timestamp", Column{Type: TypeTimestamp, Scale: -1}, "timestamp"},
		{"bit(5)", Column{Type: TypeBit, Length: 5}, "bit(5)"},
		{"float(10,2)", Column{Type: TypeFloat, Precision: 10, Scale: 2}, "float(10,2)"},
		{"json", Column{Type: TypeJSON, Length: -1}, "json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.col.SQLType(); got != tt.want {
				t.Errorf("SQLType() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTypeString(t *testing.T) {
	for tp := TypeUnknown; tp <= TypeVector; tp++ {
		if tp.String() == "unknown" && tp != TypeUnknown {
			t.Errorf("type %d has no name", tp)
		}
	}
	if Type(200).String() != "unknown" {
		t.Errorf("out-of-range type has a name")
	}
}
