package snowflake

import (
	"fmt"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// twoPow64 is added to a BIGINT UNSIGNED that arrived as a negative Avro
// long (TiCDC's default "long" mode reinterprets the bits).
const twoPow64 = "18446744073709551616"

// columnType returns the Snowflake column type for c and a function that
// converts the VARIANT expression v holding the column's value, as the
// Snowflake connector lands it from TiCDC's Avro (spec downstream.md §3.6,
// §4.6; spec ticdc.md §1.4), into that type. offset is the UTC offset of
// TiCDC's TIMESTAMP strings ("+00:00").
func columnType(c *event.Column, offset string) (string, func(v string) string, error) {
	switch c.Type {
	case event.TypeTiny, event.TypeShort, event.TypeInt24, event.TypeLong:
		return "NUMBER(38,0)", castTo("NUMBER(38,0)"), nil
	case event.TypeLongLong:
		if !c.Unsigned {
			return "NUMBER(38,0)", castTo("NUMBER(38,0)"), nil
		}
		// Works in both avro-bigint-unsigned-handling-mode values: a JSON
		// string ("string") casts as its digits; a JSON number ("long")
		// above 2^63-1 arrived negative and gets 2^64 added back.
		return "NUMBER(20,0)", func(v string) string {
			n := v + "::NUMBER(20,0)"
			return fmt.Sprintf("(%s + IFF(%s < 0, %s, 0))::NUMBER(20,0)", n, n, twoPow64)
		}, nil
	case event.TypeYear:
		return "NUMBER(4,0)", castTo("NUMBER(4,0)"), nil
	case event.TypeDecimal:
		p, s := c.Precision, c.Scale
		if p < 0 {
			p, s = 10, 0
		}
		if s < 0 {
			s = 0
		}
		if p > 38 {
			// Snowflake's NUMBER stops at 38 digits: keep the exact text.
			return "VARCHAR", castTo("STRING"), nil
		}
		// A JSON number (precise mode) or string (string mode) both cast.
		t := fmt.Sprintf("NUMBER(%d,%d)", p, s)
		return t, castTo(t), nil
	case event.TypeFloat, event.TypeDouble:
		return "FLOAT", castTo("FLOAT"), nil
	case event.TypeChar, event.TypeVarchar, event.TypeTinyText, event.TypeText, event.TypeMediumText, event.TypeLongText:
		if c.Binary {
			return "BINARY", base64Binary, nil
		}
		return "VARCHAR", castTo("STRING"), nil
	case event.TypeEnum, event.TypeSet:
		return "VARCHAR", castTo("STRING"), nil
	case event.TypeTime:
		// MySQL TIME spans -838:59:59..838:59:59; Snowflake TIME does not.
		return "VARCHAR", castTo("STRING"), nil
	case event.TypeBit:
		return "BINARY", base64Binary, nil
	case event.TypeDate:
		// Zero and invalid dates become NULL instead of failing the task.
		return "DATE", func(v string) string {
			return fmt.Sprintf("TRY_TO_DATE(%s::STRING, 'YYYY-MM-DD')", v)
		}, nil
	case event.TypeDatetime:
		return fmt.Sprintf("TIMESTAMP_NTZ(%d)", fsp(c)), func(v string) string {
			return fmt.Sprintf("TRY_TO_TIMESTAMP_NTZ(%s::STRING, 'AUTO')", v)
		}, nil
	case event.TypeTimestamp:
		// TiCDC writes TIMESTAMP in its server time zone without an offset;
		// append it as ISO 8601 so the instant is exact.
		return fmt.Sprintf("TIMESTAMP_TZ(%d)", fsp(c)), func(v string) string {
			return fmt.Sprintf("TRY_TO_TIMESTAMP_TZ(REPLACE(%s::STRING, ' ', 'T') || %s, 'AUTO')", v, literal(offset))
		}, nil
	case event.TypeJSON:
		// TiCDC sends JSON columns as a string holding the JSON text.
		return "VARIANT", func(v string) string { return fmt.Sprintf("PARSE_JSON(%s::STRING)", v) }, nil
	case event.TypeVector:
		return "ARRAY", func(v string) string { return fmt.Sprintf("PARSE_JSON(%s::STRING)::ARRAY", v) }, nil
	}
	return "", nil, fmt.Errorf("MySQL type %s has no Snowflake mapping", c.Type)
}

func castTo(t string) func(string) string {
	return func(v string) string { return v + "::" + t }
}

// base64Binary decodes the base64 text the connector writes for Avro bytes.
// A value that is not base64 fails the MERGE instead of landing as NULL: it
// means the landing data was written by a converter that mangles bytes.
func base64Binary(v string) string { return fmt.Sprintf("BASE64_DECODE_BINARY(%s::STRING)", v) }

func fsp(c *event.Column) int {
	if c.Scale < 0 {
		return 0
	}
	return min(c.Scale, 9)
}
