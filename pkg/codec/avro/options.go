package avro

import (
	"fmt"
	"time"
)

// DecimalMode is avro-decimal-handling-mode.
type DecimalMode string

// Decimal handling modes.
const (
	DecimalPrecise DecimalMode = "precise"
	DecimalString  DecimalMode = "string"
)

// BigintUnsignedMode is avro-bigint-unsigned-handling-mode.
type BigintUnsignedMode string

// BIGINT UNSIGNED handling modes.
const (
	BigintUnsignedLong   BigintUnsignedMode = "long"
	BigintUnsignedString BigintUnsignedMode = "string"
)

// ParseDecimalMode validates a decimal mode; "" means the default, precise.
// The error text is TiCDC's.
func ParseDecimalMode(s string) (DecimalMode, error) {
	switch DecimalMode(s) {
	case "", DecimalPrecise:
		return DecimalPrecise, nil
	case DecimalString:
		return DecimalString, nil
	}
	return "", fmt.Errorf(`avro-decimal-handling-mode value could only be "string" or "precise", got %q`, s)
}

// ParseBigintUnsignedMode validates a BIGINT UNSIGNED mode; "" means the
// default, long. The error text is TiCDC's.
func ParseBigintUnsignedMode(s string) (BigintUnsignedMode, error) {
	switch BigintUnsignedMode(s) {
	case "", BigintUnsignedLong:
		return BigintUnsignedLong, nil
	case BigintUnsignedString:
		return BigintUnsignedString, nil
	}
	return "", fmt.Errorf(`avro-bigint-unsigned-handling-mode value could only be "long" or "string", got %q`, s)
}

// Options configure schemas and encoding. The zero value is TiCDC's default
// configuration with TIMESTAMP values rendered in UTC.
type Options struct {
	DecimalMode        DecimalMode        // "" = precise
	BigintUnsignedMode BigintUnsignedMode // "" = long
	// EnableTiDBExtension appends _tidb_op, _tidb_commit_ts and
	// _tidb_commit_physical_time to value records.
	EnableTiDBExtension bool
	// OutputRawChangeEvent keeps an update that changes a key column as one
	// update message instead of a tombstone for the old key plus an insert.
	OutputRawChangeEvent bool
	// Namespace is the changefeed namespace that prefixes record
	// namespaces; "" = "default".
	Namespace string
	// TimeZone renders TIMESTAMP columns (TiCDC's --tz); nil = UTC.
	TimeZone *time.Location
}

// normalized returns o with defaults filled in, or an error for bad modes.
func (o Options) normalized() (Options, error) {
	var err error
	if o.DecimalMode, err = ParseDecimalMode(string(o.DecimalMode)); err != nil {
		return o, err
	}
	if o.BigintUnsignedMode, err = ParseBigintUnsignedMode(string(o.BigintUnsignedMode)); err != nil {
		return o, err
	}
	if o.Namespace == "" {
		o.Namespace = "default"
	}
	if o.TimeZone == nil {
		o.TimeZone = time.UTC
	}
	return o, nil
}
