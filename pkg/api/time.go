package api

import (
	"fmt"
	"time"
)

// JSONTimeLayout is how TiCDC writes checkpoint times: the server's local
// wall clock to the millisecond, without a zone.
const JSONTimeLayout = "2006-01-02 15:04:05.000"

// JSONTime is a time in JSONTimeLayout ("2024-12-05 15:05:46.679").
type JSONTime time.Time

// MarshalJSON writes the time as a JSONTimeLayout string.
func (t JSONTime) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Time(t).Format(JSONTimeLayout) + `"`), nil
}

// UnmarshalJSON reads a JSONTimeLayout string as a wall-clock time in the
// local zone (the zone is not on the wire); null leaves t unchanged.
func (t *JSONTime) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		return nil
	}
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return fmt.Errorf("checkpoint time: want a quoted %q time, got %s", JSONTimeLayout, s)
	}
	tm, err := time.ParseInLocation(JSONTimeLayout, s[1:len(s)-1], time.Local)
	if err != nil {
		return fmt.Errorf("checkpoint time: %w", err)
	}
	*t = JSONTime(tm)
	return nil
}

// Time returns t as a time.Time.
func (t JSONTime) Time() time.Time { return time.Time(t) }

// String formats t in JSONTimeLayout.
func (t JSONTime) String() string { return time.Time(t).Format(JSONTimeLayout) }

// tsoLogicalBits is the width of a TSO's logical counter.
const tsoLogicalBits = 18

// TSOTime returns the physical time of a TiCDC/TiDB timestamp (TSO):
// its upper bits are milliseconds since the Unix epoch.
func TSOTime(ts uint64) time.Time { return time.UnixMilli(int64(ts >> tsoLogicalBits)) }

// CheckpointTime returns the JSONTime TiCDC shows for a checkpoint TSO, in
// loc (the server's zone); a zero TSO gives the zero time.
func CheckpointTime(ts uint64, loc *time.Location) JSONTime {
	if ts == 0 {
		return JSONTime{}
	}
	if loc == nil {
		loc = time.Local
	}
	return JSONTime(TSOTime(ts).In(loc))
}
