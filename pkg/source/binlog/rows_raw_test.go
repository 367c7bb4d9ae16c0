package binlog

import (
	"testing"

	"github.com/go-mysql-org/go-mysql/replication"
)

func TestRawStash(t *testing.T) {
	events := make([]*replication.RowsEvent, 200)
	for i := range events {
		events[i] = &replication.RowsEvent{}
	}
	tests := []struct {
		name     string
		put      []int // indexes put, in order
		take     []int // indexes taken, in order
		wantPos  []int // pos returned per take; -1: not found
		wantLeft int
	}{
		{"in order", []int{0, 1, 2}, []int{0, 1, 2}, []int{0, 1, 2}, 0},
		{"never taken is dropped by a later take", []int{0, 1, 2}, []int{0, 2}, []int{0, 2}, 0},
		{"unknown event leaves the queue alone", []int{0, 1}, []int{5, 0}, []int{-1, 0}, 1},
		{"grows past the first ring", seq(150), seq(150), seq(150), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r rawStash
			for _, i := range tt.put {
				if !r.put(events[i], nil, i) {
					t.Fatalf("put %d refused", i)
				}
			}
			for k, i := range tt.take {
				raw, ok := r.take(events[i])
				got := raw.pos
				if !ok {
					got = -1
				}
				if got != tt.wantPos[k] {
					t.Errorf("take %d: pos %d, want %d", i, got, tt.wantPos[k])
				}
			}
			if r.n != tt.wantLeft {
				t.Errorf("%d left, want %d", r.n, tt.wantLeft)
			}
		})
	}
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
