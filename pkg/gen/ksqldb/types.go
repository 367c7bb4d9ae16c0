package ksqldb

import (
	"fmt"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// columnType returns the ksqlDB type that reads column c from TiCDC's Avro
// (spec ticdc.md §1.4, downstream.md §8.5). Dates, times, JSON, ENUM and
// SET arrive as strings; parse them in queries (PARSE_TIMESTAMP,
// PARSE_DATE).
func columnType(c *event.Column, o Options) (string, error) {
	switch c.Type {
	case event.TypeTiny, event.TypeShort, event.TypeInt24, event.TypeYear:
		return "INT", nil
	case event.TypeLong:
		if c.Unsigned {
			return "BIGINT", nil // INT UNSIGNED is an Avro long
		}
		return "INT", nil
	case event.TypeLongLong:
		if c.Unsigned && o.BigintUnsignedMode == "string" {
			return "STRING", nil
		}
		return "BIGINT", nil
	case event.TypeFloat, event.TypeDouble:
		return "DOUBLE", nil
	case event.TypeDecimal:
		if o.DecimalMode == "string" {
			return "STRING", nil
		}
		p, s := c.Precision, c.Scale
		if p < 0 {
			p, s = 10, 0
		}
		return fmt.Sprintf("DECIMAL(%d, %d)", p, max(s, 0)), nil
	case event.TypeBit:
		return "BYTES", nil
	case event.TypeChar, event.TypeVarchar, event.TypeTinyText, event.TypeText, event.TypeMediumText, event.TypeLongText:
		if c.Binary {
			return "BYTES", nil
		}
		return "STRING", nil
	case event.TypeEnum, event.TypeSet, event.TypeJSON, event.TypeVector,
		event.TypeDate, event.TypeDatetime, event.TypeTimestamp, event.TypeTime:
		return "STRING", nil
	}
	return "", fmt.Errorf("MySQL type %s has no ksqlDB mapping", c.Type)
}
