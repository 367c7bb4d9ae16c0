package workload

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// shape is a table layout: its key, its other columns and how to fill
// them. Every shape keys rows by one integer k that the workers own.
type shape struct {
	name    string
	columns string // column definitions after the key columns
	key     string // key definition
	keyCols []string
	cols    []string // non-key columns, in the order gen fills them
	gen     func(r *rand.Rand) []string
	keyVals func(k int64) []string
	owner   string // the key column that holds k (for re-reading owned keys)
	modify  string // a widening MODIFY COLUMN for the DDL step
}

// shapes are the three table layouts, used in turn.
func shapes() []shape {
	return []shape{
		{
			name: "orders",
			columns: `qty INT NOT NULL, amount DECIMAL(12,2) NOT NULL, big BIGINT UNSIGNED NULL, ratio DOUBLE NULL,
  f FLOAT NULL, note VARCHAR(64) NULL, created DATETIME(3) NULL, ts TIMESTAMP(6) NULL,
  status ENUM('new','paid','shipped','cancelled') NULL, flags SET('a','b','c','d') NULL, bits BIT(12) NULL,
  payload VARBINARY(32) NULL, doc JSON NULL`,
			key:     "id BIGINT NOT NULL, PRIMARY KEY (id)",
			keyCols: []string{"id"},
			cols:    []string{"qty", "amount", "big", "ratio", "f", "note", "created", "ts", "status", "flags", "bits", "payload", "doc"},
			gen: func(r *rand.Rand) []string {
				return []string{
					strconv.Itoa(r.IntN(2_000_001) - 1_000_000),
					decimalLit(r.Int64N(200_000_000_000)-100_000_000_000, 2),
					nullable(r, strconv.FormatUint(r.Uint64(), 10)),
					nullable(r, strconv.FormatFloat(r.NormFloat64()*1e9, 'g', -1, 64)),
					nullable(r, strconv.FormatFloat(float64(r.Float32()*2e6-1e6), 'g', -1, 32)),
					nullable(r, textLit(words(r, 64))),
					nullable(r, datetimeLit(r, 3)),
					nullable(r, timestampLit(r, 6)),
					nullable(r, textLit(pick(r, "new", "paid", "shipped", "cancelled"))),
					nullable(r, textLit(setValue(r, "a", "b", "c", "d"))),
					nullable(r, strconv.Itoa(r.IntN(4096))),
					nullable(r, bytesLit(randBytes(r, r.IntN(33)))),
					nullable(r, textLit(jsonDoc(r))),
				}
			},
			keyVals: func(k int64) []string { return []string{strconv.FormatInt(k, 10)} },
			owner:   "id",
			modify:  "MODIFY COLUMN qty BIGINT NOT NULL",
		},
		{
			name: "accounts",
			columns: `name VARCHAR(32) CHARACTER SET utf8mb4 NULL, balance DECIMAL(20,6) NULL, born DATE NULL,
  wake TIME(2) NULL, yr YEAR NULL, tiny TINYINT NULL, active TINYINT(1) NOT NULL`,
			key:     "region VARCHAR(8) NOT NULL, id INT NOT NULL, PRIMARY KEY (region, id)",
			keyCols: []string{"region", "id"},
			cols:    []string{"name", "balance", "born", "wake", "yr", "tiny", "active"},
			gen: func(r *rand.Rand) []string {
				return []string{
					nullable(r, textLit(words(r, 32))),
					nullable(r, decimalLit(r.Int64N(2e14)-1e14, 6)),
					nullable(r, "'"+dateText(r)+"'"),
					nullable(r, timeLit(r)),
					nullable(r, strconv.Itoa(1901+r.IntN(255))),
					nullable(r, strconv.Itoa(r.IntN(256)-128)),
					strconv.Itoa(r.IntN(2)),
				}
			},
			keyVals: func(k int64) []string {
				return []string{textLit([]string{"eu", "us", "ap", "sa"}[k%4]), strconv.FormatInt(k, 10)}
			},
			owner:  "id",
			modify: "MODIFY COLUMN name VARCHAR(64) CHARACTER SET utf8mb4 NULL",
		},
		{
			name:    "events",
			columns: `code CHAR(8) NOT NULL, body TEXT NULL, score MEDIUMINT UNSIGNED NULL, at TIMESTAMP(3) NULL`,
			key:     "seq INT NOT NULL, UNIQUE KEY uk_seq (seq)",
			keyCols: []string{"seq"},
			cols:    []string{"code", "body", "score", "at"},
			gen: func(r *rand.Rand) []string {
				return []string{
					textLit(letters(r, 1+r.IntN(8))),
					nullable(r, textLit(words(r, 200))),
					nullable(r, strconv.Itoa(r.IntN(1<<24))),
					nullable(r, timestampLit(r, 3)),
				}
			},
			keyVals: func(k int64) []string { return []string{strconv.FormatInt(k, 10)} },
			owner:   "seq",
			modify:  "MODIFY COLUMN score INT UNSIGNED NULL",
		},
	}
}

// create returns the CREATE TABLE statement for the table named q.
func (s *shape) create(q string) string {
	return "CREATE TABLE " + q + " (\n  " + s.key + ",\n  " + s.columns + "\n)"
}

// keyCond is the WHERE condition selecting key k.
func (s *shape) keyCond(k int64) string {
	vals := s.keyVals(k)
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = quote(s.keyCols[i]) + " = " + v
	}
	return strings.Join(parts, " AND ")
}

// quote quotes an identifier.
func quote(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }
