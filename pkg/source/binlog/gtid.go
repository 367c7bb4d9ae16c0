package binlog

import (
	"fmt"

	gomysql "github.com/go-mysql-org/go-mysql/mysql"
)

// gtidTracker follows the executed GTID set as transactions commit.
type gtidTracker struct {
	flavor  string
	set     gomysql.GTIDSet // nil until the first GTID is seen or a start set is given
	pending string          // GTID of the open transaction
	text    string          // set.String(), cached until the set changes
}

func newGTIDTracker(flavor, start string) (*gtidTracker, error) {
	g := &gtidTracker{flavor: flavor}
	if start == "" {
		return g, nil
	}
	set, err := gomysql.ParseGTIDSet(flavor, start)
	if err != nil {
		return nil, fmt.Errorf("binlog source: GTID set %q: %w", start, err)
	}
	g.set, g.text = set, set.String()
	return g, nil
}

// begin records the GTID of the transaction that starts.
func (g *gtidTracker) begin(gtid string) { g.pending = gtid }

// commit adds the open transaction's GTID to the set.
func (g *gtidTracker) commit() error {
	if g.pending == "" {
		return nil
	}
	gtid := g.pending
	g.pending = ""
	if g.set == nil {
		set, err := gomysql.ParseGTIDSet(g.flavor, "")
		if err != nil {
			return fmt.Errorf("binlog source: GTID set: %w", err)
		}
		g.set = set
	}
	if err := g.set.Update(gtid); err != nil {
		return fmt.Errorf("binlog source: add GTID %s: %w", gtid, err)
	}
	g.text = ""
	return nil
}

// String is the executed set after the last commit ("" when unknown).
func (g *gtidTracker) String() string {
	if g.set == nil {
		return ""
	}
	if g.text == "" {
		g.text = g.set.String()
	}
	return g.text
}
