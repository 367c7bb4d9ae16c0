package snowflake

import (
	"fmt"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/event"
)

// Names of the columns and aliases the generated SQL adds. A MySQL column
// whose name collides with one of them is rejected.
const (
	colPartition = "_KAFKA_PARTITION"
	colOffset    = "_KAFKA_OFFSET"
	colDeleted   = "_CDC_DELETED"
)

// column is one replicated column, rendered.
type column struct {
	Name    string // replica column identifier
	Type    string // Snowflake type
	Key     bool
	Comment string // SQL literal, "" for none
	path    string // ":field" VARIANT path element (the Avro field name)
	cast    func(string) string
}

// KeyExpr extracts the key field from the record's Avro key.
func (c column) KeyExpr() string { return c.cast("RECORD_METADATA:key" + c.path) }

// KeyPath is the key field's VARIANT path, uncast.
func (c column) KeyPath() string { return "RECORD_METADATA:key" + c.path }

// ValueExpr extracts the column from the stream row's content alias.
func (c column) ValueExpr() string { return c.cast("s._CDC_CONTENT" + c.path) }

// plan is everything the statements of one target need, resolved once.
type plan struct {
	Source    string // "tpcc.item"
	Topic     string
	Landing   string // qualified landing table
	Stream    string // qualified stream
	Replica   string // qualified replica table
	MergeTask string
	PurgeTask string
	Columns   []column
	Keys      []column
	NonKeys   []column
	Opts      Options

	db, table string // MySQL names, for file names
}

// newPlan checks t and resolves its names, columns and casts.
func newPlan(t Target, o Options) (*plan, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	tab := t.Table
	if tab == nil {
		return nil, fmt.Errorf("snowflake: no table")
	}
	src := tab.QualifiedName()
	if !tab.Eligible() {
		return nil, fmt.Errorf("table %s has no primary key and no NOT NULL unique key: TiCDC does not replicate it (no message key to merge on)", src)
	}
	if t.Topic == "" {
		return nil, fmt.Errorf("table %s: no topic", src)
	}
	landing := t.LandingTable
	if landing == "" {
		landing = LandingTableName(t.Topic)
	}
	replica := t.ReplicaTable
	if replica == "" {
		replica = tab.Name
	}
	lDB, lSch := UserIdent(o.LandingDatabase), UserIdent(o.LandingSchema)
	rDB, rSch := UserIdent(o.Database), UserIdent(o.Schema)
	p := &plan{
		Source:    src,
		Topic:     t.Topic,
		Landing:   qualify(lDB, lSch, Ident(landing)),
		Stream:    qualify(lDB, lSch, Ident(landing+"_STREAM")),
		Replica:   qualify(rDB, rSch, Ident(replica)),
		MergeTask: qualify(rDB, rSch, Ident("MERGE_"+replica)),
		PurgeTask: qualify(rDB, rSch, Ident("PURGE_"+replica)),
		Opts:      o,
		db:        tab.Schema,
		table:     tab.Name,
	}
	seen := map[string]string{}
	for i := range tab.Columns {
		c := &tab.Columns[i]
		if c.Generated == event.GeneratedVirtual {
			continue // not in TiCDC's value record
		}
		col, err := newColumn(c, o.TimestampOffset)
		if err != nil {
			return nil, fmt.Errorf("table %s: column %s: %w", src, c.Name, err)
		}
		if other, dup := seen[col.Name]; dup {
			return nil, fmt.Errorf("table %s: columns %s and %s both become Snowflake column %s", src, other, c.Name, col.Name)
		}
		seen[col.Name] = c.Name
		p.Columns = append(p.Columns, col)
		if col.Key {
			p.Keys = append(p.Keys, col)
		} else {
			p.NonKeys = append(p.NonKeys, col)
		}
	}
	return p, nil
}

func newColumn(c *event.Column, offset string) (column, error) {
	up := strings.ToUpper(c.Name)
	switch {
	case up == colPartition, up == colOffset, strings.HasPrefix(up, "_CDC_"),
		up == "RECORD_METADATA", up == "RECORD_CONTENT", strings.HasPrefix(up, "METADATA$"):
		return column{}, fmt.Errorf("the name is reserved for the columns the generated SQL adds; rename the column")
	}
	typ, cast, err := columnType(c, offset)
	if err != nil {
		return column{}, err
	}
	col := column{
		Name: Ident(c.Name),
		Type: typ,
		Key:  c.HandleKey,
		path: pathElem(avro.SanitizeName(c.Name)),
		cast: cast,
	}
	if c.Comment != "" {
		col.Comment = literal(c.Comment)
	}
	return col, nil
}

// streamLiteral is the stream name as SYSTEM$STREAM_HAS_DATA wants it: the
// qualified name inside a string literal (quoted parts keep their quotes).
func (p *plan) streamLiteral() string { return literal(p.Stream) }
