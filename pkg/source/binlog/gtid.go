package binlog

import (
	"fmt"
	"strconv"

	gomysql "github.com/go-mysql-org/go-mysql/mysql"
)

// gtidTracker follows the executed GTID set as transactions commit.
type gtidTracker struct {
	flavor  string
	set     gomysql.GTIDSet // nil until the first GTID is seen or a start set is given
	pending string          // GTID of the open transaction
	text    string          // set.String(), cached until the set changes
	// maria is the open transaction's MariaDB GTID, kept as numbers: no
	// text to build and parse back per transaction.
	maria    gomysql.MariadbGTID
	hasMaria bool
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

// beginMariaDB records the GTID of the MariaDB transaction that starts.
func (g *gtidTracker) beginMariaDB(gtid gomysql.MariadbGTID) {
	g.pending = ""
	g.maria, g.hasMaria = gtid, gtid != (gomysql.MariadbGTID{}) // the zero GTID is none, as its text "" is
}

// commit adds the open transaction's GTID to the set.
func (g *gtidTracker) commit() error {
	if g.hasMaria {
		g.hasMaria = false
		if set, ok := g.set.(*gomysql.MariadbGTIDSet); ok || g.set == nil {
			if set == nil {
				set = &gomysql.MariadbGTIDSet{Sets: map[uint32]*gomysql.MariadbGTID{}}
				g.set = set
			}
			if err := set.AddSet(&g.maria); err != nil {
				return fmt.Errorf("binlog source: add GTID %s: %w", g.maria.String(), err)
			}
			g.text = ""
			return nil
		}
		g.pending = g.maria.String()
	}
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
		g.text = setString(g.set)
	}
	return g.text
}

// setString is set.String(), without fmt and sorting for the usual
// MariaDB set of one domain.
func setString(set gomysql.GTIDSet) string {
	m, ok := set.(*gomysql.MariadbGTIDSet)
	if !ok || len(m.Sets) != 1 {
		return set.String()
	}
	for _, g := range m.Sets {
		if g.DomainID == 0 && g.ServerID == 0 && g.SequenceNumber == 0 {
			return ""
		}
		var b [64]byte
		out := strconv.AppendUint(b[:0], uint64(g.DomainID), 10)
		out = append(out, '-')
		out = strconv.AppendUint(out, uint64(g.ServerID), 10)
		out = append(out, '-')
		out = strconv.AppendUint(out, g.SequenceNumber, 10)
		return string(out)
	}
	return ""
}
