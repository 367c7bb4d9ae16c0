package event

import (
	"slices"
	"testing"
)

func TestComputeKeys(t *testing.T) {
	col := func(name string, nullable bool) Column { return Column{Name: name, Type: TypeLong, Nullable: nullable} }
	tests := []struct {
		name       string
		cols       []Column
		indexes    []Index
		wantHandle []int
		wantPK     []string
		wantUK     []string
	}{
		{
			name:       "primary key wins over smaller unique",
			cols:       []Column{col("a", false), col("b", false), col("c", false)},
			indexes:    []Index{{Name: "u", Columns: []string{"c"}, Unique: true, ID: 1}, {Name: "PRIMARY", Columns: []string{"b", "a"}, Primary: true, Unique: true, ID: 2}},
			wantHandle: []int{0, 1}, // table column order, not index order
			wantPK:     []string{"a", "b"},
			wantUK:     []string{"a", "b", "c"},
		},
		{
			name: "fewest columns among not-null uniques",
			cols: []Column{col("a", false), col("b", false), col("c", false)},
			indexes: []Index{
				{Name: "ab", Columns: []string{"a", "b"}, Unique: true, ID: 1},
				{Name: "c", Columns: []string{"c"}, Unique: true, ID: 2},
			},
			wantHandle: []int{2},
			wantUK:     []string{"a", "b", "c"},
		},
		{
			name: "tie goes to smallest index id",
			cols: []Column{col("a", false), col("b", false)},
			indexes: []Index{
				{Name: "ub", Columns: []string{"b"}, Unique: true, ID: 7},
				{Name: "ua", Columns: []string{"a"}, Unique: true, ID: 3},
			},
			wantHandle: []int{0},
			wantUK:     []string{"a", "b"},
		},
		{
			name:    "nullable unique is not usable",
			cols:    []Column{col("a", true), col("b", false)},
			indexes: []Index{{Name: "ua", Columns: []string{"a"}, Unique: true, ID: 1}, {Name: "k", Columns: []string{"b"}, ID: 2}},
		},
		{
			name: "virtual generated column in unique is not usable, stored is",
			cols: []Column{
				{Name: "v", Type: TypeLong, Generated: GeneratedVirtual},
				{Name: "s", Type: TypeLong, Generated: GeneratedStored},
			},
			indexes:    []Index{{Name: "uv", Columns: []string{"v"}, Unique: true, ID: 1}, {Name: "us", Columns: []string{"s"}, Unique: true, ID: 2}},
			wantHandle: []int{1},
			wantUK:     []string{"s"},
		},
		{
			name:       "column names compare case-insensitively",
			cols:       []Column{col("ID", false)},
			indexes:    []Index{{Name: "PRIMARY", Columns: []string{"id"}, Primary: true, Unique: true, ID: 1}},
			wantHandle: []int{0},
			wantPK:     []string{"ID"},
			wantUK:     []string{"ID"},
		},
		{
			name:    "key over a missing column is ignored",
			cols:    []Column{col("a", false)},
			indexes: []Index{{Name: "u", Columns: []string{"zz"}, Unique: true, ID: 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &Table{Schema: "db", Name: "t", Columns: tt.cols, Indexes: tt.indexes}
			// stale flags from an earlier version must be cleared
			for i := range tb.Columns {
				tb.Columns[i].HandleKey = true
			}
			tb.ComputeKeys()
			var pk, uk []string
			var handle []int
			for i, c := range tb.Columns {
				if c.PrimaryKey {
					pk = append(pk, c.Name)
				}
				if c.UniqueKey {
					uk = append(uk, c.Name)
				}
				if c.HandleKey {
					handle = append(handle, i)
				}
			}
			if !slices.Equal(tt.wantHandle, tb.Handle) {
				t.Errorf("Handle = %v, want %v", tb.Handle, tt.wantHandle)
			}
			if !slices.Equal(tt.wantHandle, handle) {
				t.Errorf("HandleKey flags on %v, want %v", handle, tt.wantHandle)
			}
			if !slices.Equal(tt.wantPK, pk) || !slices.Equal(tt.wantUK, uk) {
				t.Errorf("PK %v UK %v, want PK %v UK %v", pk, uk, tt.wantPK, tt.wantUK)
			}
			if tb.Eligible() != (len(tt.wantHandle) > 0) {
				t.Errorf("Eligible() = %v", tb.Eligible())
			}
		})
	}
}
