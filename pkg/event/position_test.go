package event

import (
	"testing"
	"time"
)

func TestComposeTS(t *testing.T) {
	tests := []struct {
		name       string
		physicalMs int64
		logical    uint64
		want       uint64
	}{
		// spec ticdc.md §1.12 vector E: 417318403368288260 >> 18 = 1591943372224.
		{"spec vector E", 1591943372224, 4, 417318403368288260},
		{"zero", 0, 0, 0},
		{"logical is masked to 18 bits", 1, 1<<18 | 5, 1<<18 | 5},
		{"max logical", 1000, 1<<18 - 1, 1000<<18 | (1<<18 - 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComposeTS(tt.physicalMs, tt.logical)
			if got != tt.want {
				t.Fatalf("ComposeTS(%d, %d) = %d, want %d", tt.physicalMs, tt.logical, got, tt.want)
			}
			if PhysicalMs(got) != tt.physicalMs {
				t.Errorf("PhysicalMs = %d, want %d", PhysicalMs(got), tt.physicalMs)
			}
		})
	}
}

func TestTSOTime(t *testing.T) {
	got := TSOTime(417318403368288260)
	want := time.Date(2020, 6, 12, 6, 29, 32, 224_000_000, time.UTC)
	if !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("TSOTime = %v, want %v", got, want)
	}
}

func TestComposeTSMonotonic(t *testing.T) {
	prev := uint64(0)
	for ms := int64(1_700_000_000_000); ms < 1_700_000_000_003; ms++ {
		for l := uint64(0); l < 3; l++ {
			ts := ComposeTS(ms, l)
			if ts <= prev {
				t.Fatalf("ComposeTS(%d, %d) = %d is not above %d", ms, l, ts, prev)
			}
			prev = ts
		}
	}
}

func TestPositionString(t *testing.T) {
	tests := []struct {
		name string
		pos  Position
		want string
	}{
		{"zero", Position{}, "(none)"},
		{"file", Position{File: "bin.000001", Pos: 4}, "bin.000001:4"},
		{"gtid only", Position{GTID: "0-1-42"}, "0-1-42"},
		{"both", Position{File: "bin.000002", Pos: 120, GTID: "0-1-42"}, "bin.000002:120 (gtid 0-1-42)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.pos.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBatchTxnTs(t *testing.T) {
	tests := []struct {
		name string
		b    Batch
		want uint64
	}{
		{"whole transaction", Batch{CommitTs: 7, Rows: []RowChange{{CommitTs: 7}}}, 7},
		{"part of a split transaction", Batch{CommitTs: 5, Rows: []RowChange{{CommitTs: 9}, {CommitTs: 9}}}, 9},
		{"DDL while an XA transaction is held", Batch{CommitTs: 5, DDL: &DDL{CommitTs: 8}}, 8},
		{"DDL without its own ts", Batch{CommitTs: 6, DDL: &DDL{}}, 6},
		{"no rows", Batch{CommitTs: 3}, 3},
	}
	for _, tt := range tests {
		if got := tt.b.TxnTs(); got != tt.want {
			t.Errorf("%s: TxnTs = %d, want %d", tt.name, got, tt.want)
		}
	}
}
