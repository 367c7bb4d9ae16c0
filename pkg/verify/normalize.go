package verify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// cell is a value in canonical form: equal cells mean equal values.
type cell struct {
	null bool
	s    string
}

// fromAvro brings a decoded Avro value (pkg/codec/avro's Record forms) to
// canonical form. tz is the encoder's time zone for TIMESTAMP text.
func (c *column) fromAvro(v any, tz *time.Location) (cell, error) {
	if v == nil {
		return cell{null: true}, nil
	}
	var s string
	var err error
	switch c.kind {
	case kindInt:
		s, err = avroInt(v)
	case kindUint:
		s, err = avroUint(v)
	case kindFloat, kindDouble:
		s, err = c.avroFloat(v)
	case kindDecimal:
		s, err = avroDecimal(v)
	case kindBit:
		b, ok := v.([]byte)
		if !ok || len(b) > 8 {
			return cell{}, fmt.Errorf("BIT: want up to 8 bytes, got %T", v)
		}
		var u uint64
		for _, x := range b {
			u = u<<8 | uint64(x)
		}
		s = strconv.FormatUint(u, 10)
	case kindText, kindBytes, kindJSON:
		switch x := v.(type) {
		case string:
			s = x
		case []byte:
			s = string(x)
		default:
			return cell{}, fmt.Errorf("want text or bytes, got %T", v)
		}
		if c.kind == kindJSON {
			s = canonJSON(s)
		}
	case kindTimestamp:
		text, ok := v.(string)
		if !ok {
			return cell{}, fmt.Errorf("TIMESTAMP: want text, got %T", v)
		}
		s, err = timestampText(text, tz)
	}
	if err != nil {
		return cell{}, err
	}
	return cell{s: s}, nil
}

func avroInt(v any) (string, error) {
	switch x := v.(type) {
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	}
	return "", fmt.Errorf("integer: got %T", v)
}

// avroUint reads unsigned integers: BIGINT UNSIGNED in long mode carries
// the uint64 bits in a signed long (values ≥ 2^63 arrive negative), in
// string mode decimal digits.
func avroUint(v any) (string, error) {
	switch x := v.(type) {
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case int64:
		return strconv.FormatUint(uint64(x), 10), nil
	case string:
		u, err := strconv.ParseUint(x, 10, 64)
		if err != nil {
			return "", fmt.Errorf("unsigned integer text %q: %w", x, err)
		}
		return strconv.FormatUint(u, 10), nil
	}
	return "", fmt.Errorf("unsigned integer: got %T", v)
}

func (c *column) avroFloat(v any) (string, error) {
	var f float64
	switch x := v.(type) {
	case float32:
		f = float64(x)
	case float64:
		f = x
	case int32, int64:
		i, _ := avroInt(x)
		f, _ = strconv.ParseFloat(i, 64)
	default:
		return "", fmt.Errorf("floating point: got %T", v)
	}
	return c.floatText(f), nil
}

func (c *column) floatText(f float64) string {
	if c.kind == kindFloat {
		return strconv.FormatFloat(float64(float32(f)), 'g', -1, 32)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func avroDecimal(v any) (string, error) {
	switch x := v.(type) {
	case *big.Rat:
		return ratText(x), nil
	case string:
		return decimalText(x)
	}
	return "", fmt.Errorf("decimal: got %T", v)
}

func decimalText(s string) (string, error) {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(s))
	if !ok {
		return "", fmt.Errorf("decimal text %q", s)
	}
	return ratText(r), nil
}

// ratText renders a DECIMAL value without trailing fraction zeros (scale
// is at most 30).
func ratText(r *big.Rat) string {
	s := r.FloatString(30)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// zeroTimestamp is MySQL's zero TIMESTAMP as TiCDC renders it.
const zeroTimestamp = "0000-00-00 00:00:00"

// timestampText turns TIMESTAMP text in tz into microseconds since the
// epoch; the zero timestamp is 0.
func timestampText(text string, tz *time.Location) (string, error) {
	if strings.HasPrefix(text, zeroTimestamp) {
		return "0", nil
	}
	t, err := time.ParseInLocation("2006-01-02 15:04:05.999999", text, tz)
	if err != nil {
		return "", fmt.Errorf("TIMESTAMP text %q: %w", text, err)
	}
	return strconv.FormatInt(t.UnixMicro(), 10), nil
}

// canonJSON re-encodes JSON text so that spacing and key order do not
// matter; text that is not JSON is kept as is.
func canonJSON(s string) string {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return s
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return s
	}
	return strings.TrimSuffix(buf.String(), "\n")
}
