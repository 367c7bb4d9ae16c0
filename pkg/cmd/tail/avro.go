package tail

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"time"

	"github.com/hamba/avro/v2"
)

// maxDepth bounds the nesting of decoded values (recursive schemas).
const maxDepth = 64

var errTruncated = errors.New("message ends early")

// avroReader decodes Avro binary data against a parsed schema (hamba/avro
// parses the schema; the values are read here so that records keep their
// field order and union branches and logical types are known).
type avroReader struct {
	b   []byte
	off int
}

func (r *avroReader) remaining() int { return len(r.b) - r.off }

func (r *avroReader) long() (int64, error) {
	v, n := binary.Varint(r.b[r.off:]) // Avro's zig-zag varint is Go's Varint
	if n <= 0 {
		return 0, errTruncated
	}
	r.off += n
	return v, nil
}

func (r *avroReader) fixed(n int) ([]byte, error) {
	if n < 0 || n > r.remaining() {
		return nil, errTruncated
	}
	b := r.b[r.off : r.off+n]
	r.off += n
	return b, nil
}

func (r *avroReader) bytes() ([]byte, error) {
	n, err := r.long()
	if err != nil {
		return nil, err
	}
	if n < 0 || n > int64(r.remaining()) {
		return nil, fmt.Errorf("length %d exceeds the %d bytes left", n, r.remaining())
	}
	return r.fixed(int(n))
}

// value decodes one value of schema s.
func (r *avroReader) value(s avro.Schema, depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("values nested deeper than %d", maxDepth)
	}
	switch s.Type() {
	case avro.Ref:
		return r.value(s.(*avro.RefSchema).Schema(), depth)
	case avro.Null:
		return nil, nil
	case avro.Boolean:
		b, err := r.fixed(1)
		if err != nil {
			return nil, err
		}
		return b[0] != 0, nil
	case avro.Int, avro.Long:
		return r.integer(s)
	case avro.Float:
		b, err := r.fixed(4)
		if err != nil {
			return nil, err
		}
		f := math.Float32frombits(binary.LittleEndian.Uint32(b))
		return finite(float64(f), f), nil
	case avro.Double:
		b, err := r.fixed(8)
		if err != nil {
			return nil, err
		}
		f := math.Float64frombits(binary.LittleEndian.Uint64(b))
		return finite(f, f), nil
	case avro.String:
		b, err := r.bytes()
		return string(b), err
	case avro.Bytes:
		b, err := r.bytes()
		if err != nil {
			return nil, err
		}
		return decimalOr(logical(s), b), nil
	case avro.Fixed:
		fs := s.(*avro.FixedSchema)
		b, err := r.fixed(fs.Size())
		if err != nil {
			return nil, err
		}
		return decimalOr(fs.Logical(), b), nil
	case avro.Enum:
		es := s.(*avro.EnumSchema)
		i, err := r.long()
		if err != nil {
			return nil, err
		}
		if sym, ok := es.Symbol(int(i)); ok && i >= 0 && i <= math.MaxInt32 {
			return sym, nil
		}
		return nil, fmt.Errorf("enum %s: no symbol %d", es.FullName(), i)
	case avro.Union:
		return r.union(s.(*avro.UnionSchema), depth)
	case avro.Record, avro.Error:
		return r.record(s.(*avro.RecordSchema), depth)
	case avro.Array:
		return r.array(s.(*avro.ArraySchema), depth)
	case avro.Map:
		return r.mapValue(s.(*avro.MapSchema), depth)
	}
	return nil, fmt.Errorf("unsupported Avro type %q", s.Type())
}

func (r *avroReader) record(rs *avro.RecordSchema, depth int) (*Record, error) {
	rec := &Record{Name: rs.FullName(), Fields: make([]Field, len(rs.Fields()))}
	for i, f := range rs.Fields() {
		v, err := r.value(f.Type(), depth+1)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", f.Name(), err)
		}
		rec.Fields[i] = Field{Name: f.Name(), Value: v}
	}
	return rec, nil
}

func (r *avroReader) union(us *avro.UnionSchema, depth int) (any, error) {
	i, err := r.long()
	if err != nil {
		return nil, err
	}
	types := us.Types()
	if i < 0 || i >= int64(len(types)) {
		return nil, fmt.Errorf("union branch %d of %d", i, len(types))
	}
	return r.value(types[i], depth+1)
}

// blocks reads the block-encoded items of an array or map, calling item
// for each.
func (r *avroReader) blocks(itemSchema avro.Schema, item func() error) error {
	for {
		n, err := r.long()
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		if n < 0 { // a negative count is followed by the block's size in bytes
			n = -n
			if _, err := r.long(); err != nil {
				return err
			}
		}
		limit := int64(r.remaining())
		if itemSchema.Type() == avro.Null {
			limit = 1 << 16
		}
		if n > limit {
			return fmt.Errorf("block of %d items exceeds the %d bytes left", n, r.remaining())
		}
		for ; n > 0; n-- {
			if err := item(); err != nil {
				return err
			}
		}
	}
}

func (r *avroReader) array(as *avro.ArraySchema, depth int) ([]any, error) {
	out := []any{}
	err := r.blocks(as.Items(), func() error {
		v, err := r.value(as.Items(), depth+1)
		out = append(out, v)
		return err
	})
	return out, err
}

func (r *avroReader) mapValue(ms *avro.MapSchema, depth int) (map[string]any, error) {
	out := map[string]any{}
	err := r.blocks(ms.Values(), func() error {
		k, err := r.bytes()
		if err != nil {
			return err
		}
		v, err := r.value(ms.Values(), depth+1)
		out[string(k)] = v
		return err
	})
	return out, err
}

// integer reads an int or long, rendering date and time logical types as
// text (UTC).
func (r *avroReader) integer(s avro.Schema) (any, error) {
	v, err := r.long()
	if err != nil {
		return nil, err
	}
	ls := logical(s)
	if s.Type() == avro.Int && (v < math.MinInt32 || v > math.MaxInt32) {
		return nil, fmt.Errorf("int %d out of range", v)
	}
	if ls == nil {
		if s.Type() == avro.Int {
			return int32(v), nil
		}
		return v, nil
	}
	switch ls.Type() {
	case avro.Date:
		return time.Unix(v*86400, 0).UTC().Format(time.DateOnly), nil
	case avro.TimeMillis:
		return clock(time.Duration(v) * time.Millisecond), nil
	case avro.TimeMicros:
		return clock(time.Duration(v) * time.Microsecond), nil
	case avro.TimestampMillis:
		return time.UnixMilli(v).UTC().Format(time.RFC3339Nano), nil
	case avro.TimestampMicros:
		return time.UnixMicro(v).UTC().Format(time.RFC3339Nano), nil
	case avro.LocalTimestampMillis:
		return time.UnixMilli(v).UTC().Format("2006-01-02T15:04:05.999999999"), nil
	case avro.LocalTimestampMicros:
		return time.UnixMicro(v).UTC().Format("2006-01-02T15:04:05.999999999"), nil
	}
	if s.Type() == avro.Int {
		return int32(v), nil
	}
	return v, nil
}

func logical(s avro.Schema) avro.LogicalSchema {
	if ls, ok := s.(avro.LogicalTypeSchema); ok {
		return ls.Logical()
	}
	return nil
}

// decimalOr returns b as a Decimal when ls is the decimal logical type
// (big-endian two's complement), else b itself.
func decimalOr(ls avro.LogicalSchema, b []byte) any {
	dls, ok := ls.(*avro.DecimalLogicalSchema)
	if !ok {
		return append([]byte(nil), b...)
	}
	n := new(big.Int).SetBytes(b)
	if len(b) > 0 && b[0]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(len(b))*8))
	}
	return Decimal{Unscaled: n, Scale: dls.Scale()}
}

// finite returns v, or for NaN and infinities their names (JSON has no
// such numbers).
func finite(f float64, v any) any {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return v
}

// clock renders a time of day.
func clock(d time.Duration) string {
	neg := ""
	if d < 0 {
		neg, d = "-", -d
	}
	h, m := d/time.Hour, d%time.Hour/time.Minute
	s := float64(d%time.Minute) / float64(time.Second)
	return neg + fmt.Sprintf("%02d:%02d:", h, m) + pad2(strconv.FormatFloat(s, 'f', -1, 64))
}

func pad2(s string) string {
	if len(s) == 1 || len(s) > 1 && s[1] == '.' {
		return "0" + s
	}
	return s
}
