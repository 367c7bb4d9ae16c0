package api

import (
	"encoding/json"
	"testing"
	"time"
)

func TestCheckpointTimeFromTSO(t *testing.T) {
	// spec ticdc.md §1.12 vector E: 417318403368288260 >> 18 = 1591943372224 ms.
	got := CheckpointTime(417318403368288260, time.UTC)
	if s := got.String(); s != "2020-06-12 06:29:32.224" {
		t.Errorf("CheckpointTime = %s", s)
	}
	b, err := json.Marshal(got)
	if err != nil || string(b) != `"2020-06-12 06:29:32.224"` {
		t.Errorf("marshal = %s, %v", b, err)
	}
	if !CheckpointTime(0, time.UTC).Time().IsZero() {
		t.Error("zero TSO should give the zero time")
	}
}

func TestJSONTimeUnmarshal(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr bool
	}{
		{"ticdc format", `"2023-02-27 23:46:52.888"`, "2023-02-27 23:46:52.888", false},
		{"null keeps zero", `null`, "0001-01-01 00:00:00.000", false},
		{"rfc3339 is rejected", `"2023-02-27T23:46:52Z"`, "", true},
		{"unquoted", `12`, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var jt JSONTime
			err := json.Unmarshal([]byte(tt.in), &jt)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if !tt.wantErr && jt.String() != tt.want {
				t.Errorf("got %s, want %s", jt, tt.want)
			}
		})
	}
}
