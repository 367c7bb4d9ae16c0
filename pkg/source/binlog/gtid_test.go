package binlog

import (
	"testing"

	gomysql "github.com/go-mysql-org/go-mysql/mysql"
)

// TestMariaDBGTIDsMatchTextPath checks that feeding MariaDB GTIDs as numbers
// yields the same executed sets, after every commit, as feeding their text.
func TestMariaDBGTIDsMatchTextPath(t *testing.T) {
	tests := []struct {
		name  string
		start string
		gtids []gomysql.MariadbGTID
	}{
		{"fresh", "", []gomysql.MariadbGTID{{DomainID: 0, ServerID: 1, SequenceNumber: 1}, {DomainID: 0, ServerID: 1, SequenceNumber: 2}}},
		{"resumed", "0-1-41", []gomysql.MariadbGTID{{DomainID: 0, ServerID: 1, SequenceNumber: 42}, {DomainID: 0, ServerID: 2, SequenceNumber: 43}}},
		{"two domains", "0-1-5", []gomysql.MariadbGTID{{DomainID: 1, ServerID: 3, SequenceNumber: 9}, {DomainID: 0, ServerID: 1, SequenceNumber: 6}}},
		{"zero GTID is none", "", []gomysql.MariadbGTID{{}, {DomainID: 0, ServerID: 1, SequenceNumber: 7}, {}}},
		{"large numbers", "", []gomysql.MariadbGTID{{DomainID: 4294967295, ServerID: 4294967295, SequenceNumber: 18446744073709551615}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fast, err := newGTIDTracker(FlavorMariaDB, tt.start)
			if err != nil {
				t.Fatal(err)
			}
			text, err := newGTIDTracker(FlavorMariaDB, tt.start)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range tt.gtids {
				fast.beginMariaDB(g)
				text.begin(g.String())
				if err := fast.commit(); err != nil {
					t.Fatal(err)
				}
				if err := text.commit(); err != nil {
					t.Fatal(err)
				}
				want := ""
				if text.set != nil {
					want = text.set.String()
				}
				if got := fast.String(); got != want {
					t.Fatalf("after %v: set %q, want %q", g, got, want)
				}
			}
		})
	}
}
