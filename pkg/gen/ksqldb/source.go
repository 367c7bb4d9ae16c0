package ksqldb

import (
	"fmt"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/gen"
)

// column is one value or key column, rendered.
type column struct {
	name, typ string
	key       bool
	note      string // a caveat to print above the statement
}

// source is one table resolved for rendering.
type source struct {
	src, topic, name string
	db, table        string
	cols             []column
	keys             []column
	o                Options
}

func newSource(t Target, o Options) (*source, error) {
	tab := t.Table
	if tab == nil {
		return nil, fmt.Errorf("ksqldb: no table")
	}
	s := &source{src: tab.QualifiedName(), topic: t.Topic, name: t.Name, db: tab.Schema, table: tab.Name, o: o}
	if s.name == "" {
		s.name = tab.Name
	}
	if !tab.Eligible() {
		return nil, fmt.Errorf("table %s has no primary key and no NOT NULL unique key: TiCDC does not replicate it (no record key)", s.src)
	}
	if t.Topic == "" {
		return nil, fmt.Errorf("table %s: no topic", s.src)
	}
	for i := range tab.Columns {
		c := &tab.Columns[i]
		if c.Generated == event.GeneratedVirtual {
			continue
		}
		typ, err := columnType(c, o)
		if err != nil {
			return nil, fmt.Errorf("table %s: column %s: %w", s.src, c.Name, err)
		}
		col := column{name: Ident(avro.SanitizeName(c.Name)), typ: typ, key: c.HandleKey}
		if c.Type == event.TypeLongLong && c.Unsigned && typ == "BIGINT" {
			col.note = fmt.Sprintf("%s is BIGINT UNSIGNED sent as a signed long: values above 9223372036854775807 read negative (use avro-bigint-unsigned-handling-mode=string)", col.name)
		}
		if o.Explicit && col.name == "ROWKEY" {
			return nil, fmt.Errorf("table %s: column %s: the name ROWKEY is taken by the key column; declare the columns with inference instead", s.src, c.Name)
		}
		s.cols = append(s.cols, col)
		if col.key {
			s.keys = append(s.keys, col)
		}
	}
	return s, nil
}

func (s *source) artifact(k Kind) (gen.Artifact, error) {
	a := gen.Artifact{Table: s.src, Kind: string(k)}
	var b strings.Builder
	switch k {
	case KindStream:
		a.Name = Ident(s.name + "_STREAM")
		fmt.Fprintf(&b, "-- Change events of %s from topic %s: one row per insert or update.\n", s.src, s.topic)
		b.WriteString("-- A STREAM skips deletes (tombstones); use the TABLE for current state.\n")
		s.notes(&b)
		fmt.Fprintf(&b, "CREATE STREAM IF NOT EXISTS %s", a.Name)
		s.columns(&b, "KEY")
	case KindTable:
		if s.o.KeyFormat == "NONE" {
			return a, fmt.Errorf("table %s: a ksqlDB TABLE needs its key: KEY_FORMAT NONE only suits a STREAM", s.src)
		}
		a.Name = Ident(s.name)
		fmt.Fprintf(&b, "-- Current state of %s from topic %s, keyed by TiCDC's record key:\n", s.src, s.topic)
		b.WriteString("-- a later change of a key replaces its row and a tombstone deletes it.\n")
		b.WriteString(s.keyComment())
		s.notes(&b)
		b.WriteString("SET 'auto.offset.reset' = 'earliest';\n")
		fmt.Fprintf(&b, "CREATE SOURCE TABLE IF NOT EXISTS %s", a.Name)
		s.columns(&b, "PRIMARY KEY")
	default:
		return a, fmt.Errorf("ksqldb: unknown statement kind %q", k)
	}
	fmt.Fprintf(&b, " WITH (\n    KAFKA_TOPIC = %s,\n    KEY_FORMAT = %s,\n    VALUE_FORMAT = %s\n);\n",
		literal(s.topic), literal(s.o.KeyFormat), literal(s.o.ValueFormat))
	a.Content = b.String()
	a.File = gen.FileName(s.db, s.table, string(k)) + ".sql"
	return a, nil
}

// keyComment explains the TABLE's key columns and how to query by key.
func (s *source) keyComment() string {
	names := make([]string, len(s.keys))
	for i, k := range s.keys {
		names[i] = k.name
	}
	switch {
	case !s.o.Explicit || len(s.keys) == 1:
		fields := make([]string, len(s.keys))
		for i, k := range s.keys {
			fields[i] = k.name + " " + k.typ
		}
		return fmt.Sprintf("-- The Avro key record is one column ROWKEY STRUCT<%s>;\n-- pull queries: SELECT * FROM %s WHERE ROWKEY = STRUCT(%s := ...);\n",
			strings.Join(fields, ", "), Ident(s.name), strings.Join(names, " := ..., "))
	}
	return fmt.Sprintf("-- The Avro key record's fields are the key columns %s.\n", strings.Join(names, ", "))
}

func (s *source) notes(b *strings.Builder) {
	if s.o.Explicit {
		for _, c := range s.cols {
			if c.note != "" {
				b.WriteString("-- Note: " + c.note + ".\n")
			}
		}
	}
}

// columns writes the column list: nothing when inferring; otherwise the
// key (one STRUCT column for a one-field key record, since ksqlDB reads a
// single key column unwrapped; the key fields themselves for a compound
// key, which ksqlDB reads from the record) and the value columns.
func (s *source) columns(b *strings.Builder, keyWord string) {
	if !s.o.Explicit {
		return
	}
	var lines []string
	if s.o.KeyFormat != "NONE" {
		if len(s.keys) == 1 {
			lines = append(lines, fmt.Sprintf("ROWKEY STRUCT<%s %s> %s", s.keys[0].name, s.keys[0].typ, keyWord))
		} else {
			for _, k := range s.keys {
				lines = append(lines, fmt.Sprintf("%s %s %s", k.name, k.typ, keyWord))
			}
		}
	}
	for _, c := range s.cols {
		if c.key && len(s.keys) > 1 && s.o.KeyFormat != "NONE" {
			continue // already a key column; ksqlDB forbids the name twice
		}
		lines = append(lines, c.name+" "+c.typ)
	}
	b.WriteString(" (\n    " + strings.Join(lines, ",\n    ") + "\n)")
}
