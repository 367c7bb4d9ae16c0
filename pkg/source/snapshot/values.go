package snapshot

import (
	"fmt"
	"strconv"
	"strings"
	"unsafe"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// textValue converts a value of the text protocol (what SELECT returns) to
// the event.Value layout of col's type — the same layout the binlog source
// produces, so both paths encode identically.
func textValue(col *event.Column, b []byte, v *event.Value) error {
	s := unsafe.String(unsafe.SliceData(b), len(b))
	var err error
	switch col.Type {
	case event.TypeTiny, event.TypeShort, event.TypeInt24, event.TypeLong, event.TypeLongLong, event.TypeYear:
		if col.Unsigned {
			var u uint64
			u, err = strconv.ParseUint(s, 10, 64)
			v.Int = int64(u)
		} else {
			v.Int, err = strconv.ParseInt(s, 10, 64)
		}
	case event.TypeFloat:
		v.Float, err = strconv.ParseFloat(s, 32)
	case event.TypeDouble:
		v.Float, err = strconv.ParseFloat(s, 64)
	case event.TypeBit:
		if len(b) > 8 {
			return fmt.Errorf("BIT value of %d bytes", len(b))
		}
		var u uint64
		for _, c := range b {
			u = u<<8 | uint64(c)
		}
		v.Int = int64(u)
	case event.TypeTimestamp:
		v.Int, err = event.ParseTimestampUTC(s)
	case event.TypeEnum:
		v.Int, err = enumIndex(col, s)
	case event.TypeSet:
		v.Int, err = setBits(col, s)
	default: // decimal, strings, binaries, JSON, dates and times: text as the binlog carries it
		v.Bytes = b
	}
	if err != nil {
		return fmt.Errorf("value %q: %w", s, err)
	}
	return nil
}

func enumIndex(col *event.Column, s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	for i, e := range col.Elems {
		if strings.EqualFold(e, s) {
			return int64(i + 1), nil
		}
	}
	return 0, fmt.Errorf("not a member of ENUM(%s)", strings.Join(col.Elems, ","))
}

func setBits(col *event.Column, s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	var bits int64
	for _, m := range strings.Split(s, ",") {
		i := -1
		for j, e := range col.Elems {
			if strings.EqualFold(e, m) {
				i = j
				break
			}
		}
		if i < 0 {
			return 0, fmt.Errorf("%q is not a member of SET(%s)", m, strings.Join(col.Elems, ","))
		}
		bits |= 1 << i
	}
	return bits, nil
}

// keyArg returns a query argument that compares equal to v in col.
func keyArg(col *event.Column, v event.Value) any {
	switch {
	case v.Null:
		return nil
	case col.Type.IsInteger() || col.Type == event.TypeYear || col.Type == event.TypeEnum || col.Type == event.TypeSet || col.Type == event.TypeBit:
		if col.Unsigned || col.Type == event.TypeBit || col.Type == event.TypeSet {
			return v.Uint()
		}
		return v.Int
	case col.Type == event.TypeFloat || col.Type == event.TypeDouble:
		return v.Float
	case col.Type == event.TypeTimestamp:
		return timestampText(v.Int)
	}
	return string(v.Bytes)
}
