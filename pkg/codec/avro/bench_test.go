package avro

import (
	"bytes"
	"context"
	"encoding/binary"
	"math/big"
	"strconv"
	"testing"

	"github.com/linkedin/goavro/v2"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// benchDDL is TPC-C's order_line: ten columns of ints, a decimal, a
// datetime and a varchar, keyed by a four-column primary key.
const benchDDL = `CREATE TABLE tpcc.order_line (
  ol_o_id INT NOT NULL, ol_d_id TINYINT NOT NULL, ol_w_id INT NOT NULL, ol_number TINYINT NOT NULL,
  ol_i_id INT NOT NULL, ol_supply_w_id INT, ol_delivery_d DATETIME, ol_quantity INT,
  ol_amount DECIMAL(6,2), ol_dist_info VARCHAR(24),
  PRIMARY KEY (ol_w_id, ol_d_id, ol_o_id, ol_number))`

func benchRow() []event.Value {
	return []event.Value{
		event.IntValue(3001), event.IntValue(7), event.IntValue(1), event.IntValue(5),
		event.IntValue(88231), event.IntValue(1), event.StringValue("2024-05-17 10:42:11"), event.IntValue(5),
		event.StringValue("4321.07"), event.StringValue("iIF6dpcWrrL4gLdpc7Vd3zbv"),
	}
}

const benchTs = 417318403368288260

func benchEncoder(tb testing.TB) (*TableEncoder, *event.Table) {
	tb.Helper()
	t := mustTable(tb, benchDDL, "tpcc.order_line")
	reg := &fakeRegistry{ids: map[string]int{"tidb_tpcc_order_line-key": 11, "tidb_tpcc_order_line-value": 12}}
	enc, err := NewEncoder(Options{EnableTiDBExtension: true}, reg)
	if err != nil {
		tb.Fatal(err)
	}
	te, err := enc.For(context.Background(), "tidb_tpcc_order_line", t)
	if err != nil {
		tb.Fatal(err)
	}
	return te, t
}

// ticdcBaseline encodes the way TiCDC's avro.go does: a native map per row
// (goavro.Union for nullable columns, *big.Rat for decimals), goavro's
// BinaryFromNative, and an envelope built with binary.Write.
type ticdcBaseline struct {
	table            *event.Table
	keyCodec, vCodec *goavro.Codec
	keyID, valueID   int32
}

func newTicdcBaseline(tb testing.TB, te *TableEncoder) *ticdcBaseline {
	tb.Helper()
	kc, err := goavro.NewCodec(te.Plan.KeySchema)
	if err != nil {
		tb.Fatal(err)
	}
	vc, err := goavro.NewCodec(te.Plan.ValueSchema)
	if err != nil {
		tb.Fatal(err)
	}
	return &ticdcBaseline{table: te.Plan.Table, keyCodec: kc, vCodec: vc, keyID: int32(te.KeyID), valueID: int32(te.ValueID)}
}

func (b *ticdcBaseline) native(row []event.Value, keyOnly bool) (map[string]any, error) {
	ret := make(map[string]any, len(row)+3)
	for i := range b.table.Columns {
		c := &b.table.Columns[i]
		if keyOnly && !c.HandleKey {
			continue
		}
		v := row[i]
		var data any
		var typ string
		switch {
		case v.Null:
			data, typ = nil, "null"
		case c.Type == event.TypeDecimal:
			r, ok := new(big.Rat).SetString(string(v.Bytes))
			if !ok {
				return nil, strconv.ErrSyntax
			}
			data, typ = r, "bytes.decimal"
		case c.Type == event.TypeDatetime || c.Type == event.TypeVarchar:
			data, typ = string(v.Bytes), "string"
		default:
			data, typ = int32(v.Int), "int"
		}
		if c.Nullable {
			ret[c.Name] = goavro.Union(typ, data)
		} else {
			ret[c.Name] = data
		}
	}
	if !keyOnly {
		ret["_tidb_op"] = "c"
		ret["_tidb_commit_ts"] = int64(benchTs)
		ret["_tidb_commit_physical_time"] = event.PhysicalMs(benchTs)
	}
	return ret, nil
}

func envelope(id int32, data []byte) ([]byte, error) {
	buf := new(bytes.Buffer)
	for _, v := range []any{uint8(0), id, data} {
		if err := binary.Write(buf, binary.BigEndian, v); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

func (b *ticdcBaseline) encode(row []event.Value) (key, value []byte, err error) {
	vn, err := b.native(row, false)
	if err != nil {
		return nil, nil, err
	}
	bin, err := b.vCodec.BinaryFromNative(nil, vn)
	if err != nil {
		return nil, nil, err
	}
	if value, err = envelope(b.valueID, bin); err != nil {
		return nil, nil, err
	}
	kn, err := b.native(row, true)
	if err != nil {
		return nil, nil, err
	}
	if bin, err = b.keyCodec.BinaryFromNative(nil, kn); err != nil {
		return nil, nil, err
	}
	key, err = envelope(b.keyID, bin)
	return key, value, err
}

// TestBaselineMatches checks that the benchmark compares equal work: both
// encoders produce the same bytes.
func TestBaselineMatches(t *testing.T) {
	te, _ := benchEncoder(t)
	base := newTicdcBaseline(t, te)
	row := benchRow()
	wantKey, wantValue, err := base.encode(row)
	if err != nil {
		t.Fatal(err)
	}
	buf, err := te.AppendKey(nil, row)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf, wantKey) {
		t.Errorf("key\n got % x\nwant % x", buf, wantKey)
	}
	buf, err = te.AppendValue(nil, row, event.OpInsert, benchTs)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf, wantValue) {
		t.Errorf("value\n got % x\nwant % x", buf, wantValue)
	}
}

func BenchmarkEncodeRow(b *testing.B) {
	te, _ := benchEncoder(b)
	row := benchRow()
	b.Run("cdcctl", func(b *testing.B) {
		buf := make([]byte, 0, 4096)
		b.ReportAllocs()
		for b.Loop() {
			var err error
			buf, err = te.AppendKey(buf[:0], row)
			if err != nil {
				b.Fatal(err)
			}
			if buf, err = te.AppendValue(buf, row, event.OpInsert, benchTs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("goavro_map", func(b *testing.B) {
		base := newTicdcBaseline(b, te)
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := base.encode(row); err != nil {
				b.Fatal(err)
			}
		}
	})
}
