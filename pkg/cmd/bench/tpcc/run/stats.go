package run

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
	"github.com/pingcap/go-tpc/pkg/measurement"
)

// specWarehouseFactor is the TPC-C ceiling of tpmC per warehouse that
// go-tpc's efficiency figure divides by (tpcc/workload.go).
const specWarehouseFactor = 12.86

// errSuffix marks go-tpc's histogram of failed transactions of a type.
const errSuffix = "_ERR"

// TxnStats are the figures of one transaction type, latencies in
// milliseconds (go-tpc's histograms start at 1 ms, with one significant
// digit).
type TxnStats struct {
	Type   string  `json:"type" yaml:"type"`
	Count  int64   `json:"count" yaml:"count"`
	Errors int64   `json:"errors" yaml:"errors"`
	AvgMs  float64 `json:"avg_ms" yaml:"avg_ms"`
	P50Ms  float64 `json:"p50_ms" yaml:"p50_ms"`
	P95Ms  float64 `json:"p95_ms" yaml:"p95_ms"`
	P99Ms  float64 `json:"p99_ms" yaml:"p99_ms"`
	MaxMs  float64 `json:"max_ms" yaml:"max_ms"`
}

// snapshot is the measurement at one moment.
type snapshot struct {
	types  []TxnStats
	total  TxnStats
	merged bool // total has latencies
}

// take reads m. With merge, the total row gets latencies from the merged
// histograms, which reads them without go-tpc's lock: only once the
// workers have stopped.
func take(m *measurement.Measurement, merge bool) snapshot {
	m.RLock()
	defer m.RUnlock()
	var names []string
	for op := range m.OpSumMeasurement {
		if !strings.HasSuffix(op, errSuffix) {
			names = append(names, op)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		return typeRank(names[i]) < typeRank(names[j]) || typeRank(names[i]) == typeRank(names[j]) && names[i] < names[j]
	})
	s := snapshot{total: TxnStats{Type: "total"}, merged: merge}
	var all *hdrhistogram.Histogram
	for _, name := range names {
		h := m.OpSumMeasurement[name]
		st := TxnStats{Type: name}
		if !h.Empty() {
			info := h.GetInfo()
			st = TxnStats{Type: name, Count: info.Count, AvgMs: round(info.Avg), P50Ms: round(info.P50),
				P95Ms: round(info.P95), P99Ms: round(info.P99), MaxMs: round(info.Max)}
			if merge {
				if all == nil {
					all = hdrhistogram.New(h.LowestTrackableValue(), h.HighestTrackableValue(), int(h.SignificantFigures()))
				}
				all.Merge(h.Histogram)
			}
		}
		if e := m.OpSumMeasurement[name+errSuffix]; e != nil && !e.Empty() {
			st.Errors = e.GetInfo().Count
		}
		s.total.Count += st.Count
		s.total.Errors += st.Errors
		s.types = append(s.types, st)
	}
	if all != nil && all.TotalCount() > 0 {
		ms := func(ns int64) float64 { return round(float64(ns) / 1e6) }
		s.total.AvgMs = round(all.Mean() / 1e6)
		s.total.P50Ms, s.total.P95Ms = ms(all.ValueAtQuantile(50)), ms(all.ValueAtQuantile(95))
		s.total.P99Ms, s.total.MaxMs = ms(all.ValueAtQuantile(99)), ms(all.Max())
	}
	return s
}

// of returns the stats of one type (zero when it never ran).
func (s snapshot) of(name string) TxnStats {
	for _, t := range s.types {
		if t.Type == name {
			return t
		}
	}
	return TxnStats{Type: name}
}

// rates returns tpmC (new orders per minute), tpmTotal and go-tpc's
// efficiency: tpmC against the TPC-C ceiling of 12.86 per warehouse.
func (s snapshot) rates(elapsed time.Duration, warehouses int) (tpmC, tpmTotal, efficiency float64) {
	minutes := elapsed.Minutes()
	if minutes <= 0 {
		return 0, 0, 0
	}
	tpmC = float64(s.of("new_order").Count) / minutes
	tpmTotal = float64(s.total.Count) / minutes
	efficiency = 100 * tpmC / (specWarehouseFactor * float64(warehouses))
	return round(tpmC), round(tpmTotal), round(efficiency)
}

// typeRank orders go-tpc's TPC-C transactions as go-tpc lists them.
func typeRank(name string) int {
	switch name {
	case "new_order":
		return 0
	case "payment":
		return 1
	case "order_status":
		return 2
	case "delivery":
		return 3
	case "stock_level":
		return 4
	}
	return 5
}

func round(v float64) float64 { return math.Round(v*10) / 10 }
