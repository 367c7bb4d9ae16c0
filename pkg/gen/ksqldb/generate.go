// Package ksqldb generates ksqlDB statements over the topics TiCDC writes
// in Avro: a STREAM of change events and a SOURCE TABLE of current state
// keyed by TiCDC's record key, so that tombstones delete rows (spec
// downstream.md §8).
package ksqldb

import (
	"fmt"
	"strings"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/gen"
)

// Kind is one kind of generated statement.
type Kind string

// Statement kinds.
const (
	KindStream Kind = "stream"
	KindTable  Kind = "table"
)

// Options shape the statements.
type Options struct {
	// Explicit declares every column with its mapped type instead of
	// letting ksqlDB infer them from the registered schemas.
	Explicit bool
	// KeyFormat and ValueFormat are KEY_FORMAT and VALUE_FORMAT; empty =
	// AVRO. A stream may use KEY_FORMAT NONE to ignore the key.
	KeyFormat   string
	ValueFormat string
	// DecimalMode ("precise"/"string") and BigintUnsignedMode
	// ("long"/"string") are the changefeed's Avro modes, which decide the
	// explicit column types; empty = TiCDC's defaults.
	DecimalMode        string
	BigintUnsignedMode string
}

// Target is one table and its topic.
type Target struct {
	Table *event.Table
	Topic string
	// Name overrides the TABLE's name (default: the MySQL table name); the
	// STREAM is named after it with a _STREAM suffix.
	Name string
}

func (o Options) withDefaults() (Options, error) {
	o.KeyFormat, o.ValueFormat = strings.ToUpper(o.KeyFormat), strings.ToUpper(o.ValueFormat)
	if o.KeyFormat == "" {
		o.KeyFormat = "AVRO"
	}
	if o.ValueFormat == "" {
		o.ValueFormat = "AVRO"
	}
	switch o.KeyFormat {
	case "AVRO", "PROTOBUF", "JSON_SR", "NONE":
	default:
		return o, fmt.Errorf("ksqldb: key format %q: want AVRO, PROTOBUF, JSON_SR or NONE", o.KeyFormat)
	}
	switch o.ValueFormat {
	case "AVRO", "PROTOBUF", "JSON_SR":
	default:
		return o, fmt.Errorf("ksqldb: value format %q: want AVRO, PROTOBUF or JSON_SR", o.ValueFormat)
	}
	if _, err := avro.ParseDecimalMode(o.DecimalMode); err != nil {
		return o, fmt.Errorf("ksqldb: %w", err)
	}
	if _, err := avro.ParseBigintUnsignedMode(o.BigintUnsignedMode); err != nil {
		return o, fmt.Errorf("ksqldb: %w", err)
	}
	return o, nil
}

// Generate returns, for every target, the statements of the given kinds.
// It fails, naming the table, on a table without a key (no record key to
// build a TABLE on), a column with no ksqlDB type, or a TABLE with
// KEY_FORMAT NONE.
func Generate(kinds []Kind, targets []Target, o Options) ([]gen.Artifact, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if len(targets) == 0 {
		return nil, fmt.Errorf("ksqldb: no tables")
	}
	var out []gen.Artifact
	names := map[string]string{}
	for _, t := range targets {
		s, err := newSource(t, o)
		if err != nil {
			return nil, err
		}
		for _, k := range kinds {
			a, err := s.artifact(k)
			if err != nil {
				return nil, err
			}
			if other, dup := names[a.Name]; dup {
				return nil, fmt.Errorf("tables %s and %s would both create ksqlDB %s %s; name them apart", other, s.src, a.Kind, a.Name)
			}
			names[a.Name] = s.src
			out = append(out, a)
		}
	}
	return out, nil
}
