package event

// ComputeKeys sets the PrimaryKey, UniqueKey and HandleKey flags of every
// column and fills Handle, following TiCDC's rule (spec ticdc.md §1.5): a
// PRIMARY key wins; otherwise the UNIQUE key whose columns are all NOT NULL
// and not virtual, with the fewest columns, ties to the smallest index ID.
// A table with no such key gets an empty Handle.
func (t *Table) ComputeKeys() {
	for i := range t.Columns {
		c := &t.Columns[i]
		c.PrimaryKey, c.UniqueKey, c.HandleKey = false, false, false
	}
	t.Handle = t.Handle[:0]
	best := -1
	for i := range t.Indexes {
		ix := &t.Indexes[i]
		if !t.usableKey(ix) {
			continue
		}
		for _, name := range ix.Columns {
			if j := t.ColumnIndex(name); j >= 0 {
				t.Columns[j].UniqueKey = true
				if ix.Primary {
					t.Columns[j].PrimaryKey = true
				}
			}
		}
		if best < 0 || betterHandle(ix, &t.Indexes[best]) {
			best = i
		}
	}
	if best < 0 {
		return
	}
	for j := range t.Columns {
		for _, name := range t.Indexes[best].Columns {
			if equalFoldASCII(t.Columns[j].Name, name) {
				t.Columns[j].HandleKey = true
				t.Handle = append(t.Handle, j)
				break
			}
		}
	}
}

// usableKey reports whether ix can identify a row: PRIMARY, or UNIQUE over
// NOT NULL, non-virtual columns that all exist.
func (t *Table) usableKey(ix *Index) bool {
	if !ix.Primary && !ix.Unique {
		return false
	}
	if len(ix.Columns) == 0 {
		return false
	}
	for _, name := range ix.Columns {
		j := t.ColumnIndex(name)
		if j < 0 {
			return false
		}
		if ix.Primary {
			continue
		}
		c := &t.Columns[j]
		if c.Nullable || c.Generated == GeneratedVirtual {
			return false
		}
	}
	return true
}

func betterHandle(a, b *Index) bool {
	if a.Primary != b.Primary {
		return a.Primary
	}
	if len(a.Columns) != len(b.Columns) {
		return len(a.Columns) < len(b.Columns)
	}
	return a.ID < b.ID
}
