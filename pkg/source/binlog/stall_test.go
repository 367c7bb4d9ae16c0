package binlog

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestStallWatch(t *testing.T) {
	tests := []struct {
		name    string
		waiting bool
		events  bool // the reader gets an event between ticks
		want    bool // onStall called
	}{
		{"waiting without events is a stall", true, false, true},
		{"events flowing", true, true, false},
		{"reader held back by the pipeline", false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &stallWatch{}
			w.waiting.Store(tt.waiting)
			var called atomic.Bool
			done, tick, finished := make(chan struct{}), make(chan time.Time), make(chan struct{})
			go func() { defer close(finished); w.run(done, tick, 3, func() { called.Store(true) }) }()
		ticks:
			for range 10 {
				if tt.events {
					w.events.Add(1)
				}
				select {
				case tick <- time.Now():
				case <-finished:
					break ticks
				}
			}
			close(done)
			<-finished
			if called.Load() != tt.want || w.stalled.Load() != tt.want {
				t.Errorf("onStall called %v, stalled %v; want %v", called.Load(), w.stalled.Load(), tt.want)
			}
		})
	}
}
