package event

import (
	"testing"
	"time"
)

func TestParseTimestampUTC(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"1970-01-01 00:00:01", 1_000_000, false},
		{"2024-02-29 13:14:15", time.Date(2024, 2, 29, 13, 14, 15, 0, time.UTC).UnixMicro(), false},
		{"2038-01-19 03:14:07.999999", time.Date(2038, 1, 19, 3, 14, 7, 999999000, time.UTC).UnixMicro(), false},
		{"2000-01-01 00:00:00.5", time.Date(2000, 1, 1, 0, 0, 0, 500000000, time.UTC).UnixMicro(), false},
		{"2000-01-01 00:00:00.123", time.Date(2000, 1, 1, 0, 0, 0, 123000000, time.UTC).UnixMicro(), false},
		{"0000-00-00 00:00:00", 0, false},
		{"0000-00-00 00:00:00.000", 0, false},
		{"2000-01-01", 0, true},
		{"2000/01/01 00:00:00", 0, true},
		{"20x0-01-01 00:00:00", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTimestampUTC(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}
