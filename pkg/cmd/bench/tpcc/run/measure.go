package run

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/pingcap/go-tpc/pkg/measurement"
	"github.com/pingcap/go-tpc/pkg/workload"
)

// measurementOf returns the response-time measurement that go-tpc's TPC-C
// workload records every transaction in (per type: "new_order", and
// "new_order_ERR" for failures). go-tpc keeps it in the unexported field
// rtMeasurement of *tpcc.Workloader and only ever prints it
// (OutputStats writes to stdout with fmt.Printf), so this reads the field.
// go-tpc is pinned at v1.0.7 in go.mod; TestMeasurementOf fails if an
// upgrade renames or retypes the field, and this returns an error rather
// than guessing.
func measurementOf(w workload.Workloader) (*measurement.Measurement, error) {
	v := reflect.ValueOf(w)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("go-tpc workload %T: not a pointer to a struct", w)
	}
	f := v.Elem().FieldByName("rtMeasurement")
	if !f.IsValid() || f.Type() != reflect.TypeFor[*measurement.Measurement]() {
		return nil, fmt.Errorf("go-tpc workload %T has no rtMeasurement *measurement.Measurement field (go-tpc v1.0.7 has); was go-tpc upgraded?", w)
	}
	m := *(**measurement.Measurement)(unsafe.Pointer(f.UnsafeAddr()))
	if m == nil {
		return nil, fmt.Errorf("go-tpc workload %T: no response-time measurement", w)
	}
	return m, nil
}
