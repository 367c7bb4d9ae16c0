package avro

import (
	"errors"
	"math/big"
	"testing"

	"github.com/linkedin/goavro/v2"

	"github.com/cdcctl/cdcctl/pkg/event"
)

const fuzzDDL = `CREATE TABLE test.f (
  i INT NOT NULL PRIMARY KEY, ti TINYINT UNSIGNED, bu BIGINT UNSIGNED, fl FLOAT, d DOUBLE,
  dec1 DECIMAL(10,3), dec2 DECIMAL(40,10), s VARCHAR(20), b VARBINARY(20), bt BIT(12),
  e ENUM('a','b','c'), st SET('x','y','z'), dt DATETIME(3), tm TIME(2), ts TIMESTAMP(2), dd DATE, y YEAR, j JSON)`

// FuzzEncodeRow feeds random column values to the encoder. Every outcome
// must be either a ValueError or a datum that goavro decodes completely with
// the generated schema and that this package's decoder reads the same way.
func FuzzEncodeRow(f *testing.F) {
	f.Add(int64(1), uint64(2), 3.5, []byte("12.5"), []byte("2000-01-01 00:00:00"), false)
	f.Add(int64(-1), uint64(1<<63), -0.0, []byte("-0.001"), []byte("-12:00:00.5"), true)
	f.Add(int64(1<<40), uint64(7), 1e39, []byte("\xff\xfe"), []byte("2000-01-01"), false)
	tb := mustTable(f, fuzzDDL, "test.f")
	plans := make([]*Plan, 0, 2)
	codecs := make([]*goavro.Codec, 0, 2)
	for _, o := range []Options{{EnableTiDBExtension: true}, {DecimalMode: DecimalString, BigintUnsignedMode: BigintUnsignedString}} {
		p, err := NewPlan(tb, o)
		if err != nil {
			f.Fatal(err)
		}
		c, err := goavro.NewCodec(p.ValueSchema)
		if err != nil {
			f.Fatal(err)
		}
		plans, codecs = append(plans, p), append(codecs, c)
	}
	f.Fuzz(func(t *testing.T, i int64, u uint64, fl float64, text, temporal []byte, null bool) {
		row := make([]event.Value, len(tb.Columns))
		for c := range tb.Columns {
			col := &tb.Columns[c]
			v := event.Value{Int: i, Float: fl, Bytes: text}
			switch {
			case null && col.Nullable:
				v = event.NullValue()
			case col.Unsigned || col.Type == event.TypeBit || col.Type == event.TypeSet || col.Type == event.TypeEnum:
				v.Int = int64(u)
			case col.Type.IsTemporal() && col.Type != event.TypeTimestamp:
				v.Bytes = temporal
			}
			row[c] = v
		}
		for k, p := range plans {
			datum, err := p.AppendValueDatum(nil, row, event.OpInsert, 42)
			if err != nil {
				var ve *ValueError
				if !errors.As(err, &ve) {
					t.Fatalf("error is not a ValueError: %v", err)
				}
				continue
			}
			native, rest, err := codecs[k].NativeFromBinary(datum)
			if err != nil || len(rest) != 0 {
				t.Fatalf("goavro cannot decode our datum % x: %v (rest %d)", datum, err, len(rest))
			}
			rs, err := parseRecordSchema(p.ValueSchema)
			if err != nil {
				t.Fatal(err)
			}
			rec, rest, err := rs.decode(datum)
			if err != nil || len(rest) != 0 {
				t.Fatalf("own decoder: %v", err)
			}
			if got, want := len(rec.Fields), len(native.(map[string]any)); got != want {
				t.Fatalf("own decoder has %d fields, goavro %d", got, want)
			}
		}
	})
}

// FuzzDecimal checks the allocation-free decimal encoder against big.Rat
// arithmetic, the way goavro encodes TiCDC's decimals.
func FuzzDecimal(f *testing.F) {
	for _, s := range []string{"0", "-1", "1.28", "-1.28", "99999999999999999999.9999999999", "-0.5", "12345678901234567890123456789012345678901234567890123456789012345"} {
		f.Add(s, uint8(65), uint8(10))
	}
	f.Fuzz(func(t *testing.T, s string, precision, scale uint8) {
		p, sc := int(precision%65)+1, int(scale%31)
		if sc > p {
			sc = p
		}
		got, err := appendDecimalUnscaled(nil, []byte(s), p, sc)
		if err != nil {
			return
		}
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("accepted %q, which big.Rat rejects", s)
		}
		n := new(big.Int).Mul(r.Num(), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(sc)), nil))
		n.Quo(n, r.Denom())
		want := appendBytes(nil, twosComplement(n))
		if string(got) != string(want) {
			t.Fatalf("%q (%d,%d): got % x, want % x", s, p, sc, got, want)
		}
		back := decimalFromBytes(got[len(got)-len(twosComplement(n)):], sc)
		if back.Cmp(new(big.Rat).SetFrac(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(sc)), nil))) != 0 {
			t.Fatalf("%q: decoded back as %s", s, back.RatString())
		}
	})
}

// twosComplement is goavro's toSignedBytes.
func twosComplement(n *big.Int) []byte {
	switch n.Sign() {
	case 0:
		return []byte{0}
	case 1:
		b := n.Bytes()
		if b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		return b
	}
	length := uint(n.BitLen()/8+1) * 8
	b := new(big.Int).Add(n, new(big.Int).Lsh(big.NewInt(1), length)).Bytes()
	if len(b) >= 2 && b[0] == 0xff && b[1]&0x80 != 0 {
		b = b[1:]
	}
	return b
}
