package engine

import (
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
)

func TestIdleCheckpoint(t *testing.T) {
	pos := event.Position{File: "binlog.000001", Pos: 900, GTID: "0-1-7"}
	committed := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	cp := checkpoint.Point{Pos: pos, CommitTs: event.ComposeTS(committed.UnixMilli(), 3)}
	later := committed.Add(time.Minute)
	tests := []struct {
		name string
		cp   checkpoint.Point
		ip   binlog.IdlePoint
		ok   bool
		want uint64
	}{
		{"no heartbeat yet", cp, binlog.IdlePoint{}, false, cp.CommitTs},
		{"idle at the checkpoint", cp, binlog.IdlePoint{Pos: pos, At: later}, true, event.ComposeTS(later.Add(-idleMargin).UnixMilli(), 0)},
		{"transactions read but not acknowledged", cp, binlog.IdlePoint{Pos: event.Position{File: "binlog.000001", Pos: 1200, GTID: "0-1-8"}, At: later}, true, cp.CommitTs},
		{"heartbeat within the margin of the commit", cp, binlog.IdlePoint{Pos: pos, At: committed.Add(idleMargin / 2)}, true, cp.CommitTs},
		{"no checkpoint", checkpoint.Point{}, binlog.IdlePoint{At: later}, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := idleCheckpoint(tt.cp, tt.ip, tt.ok)
			if got.CommitTs != tt.want || got.Pos != tt.cp.Pos {
				t.Errorf("got %v at ts %d, want %v at ts %d", got.Pos, got.CommitTs, tt.cp.Pos, tt.want)
			}
		})
	}
}
