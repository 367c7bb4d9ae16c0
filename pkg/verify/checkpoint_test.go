package verify

import (
	"testing"
	"time"
)

// TestCheckpointSamples feeds a key's log "c1:a u2:b u3:c u4:d" at offsets
// 0-3 of partition 0 (with "|" taking an offset, see feed) and judges it
// against sampled checkpoints.
func TestCheckpointSamples(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	wm := func(offsets ...int64) map[string][]int64 { return map[string][]int64{"tidb_db_t": offsets} }
	tests := []struct {
		name    string
		log     string
		samples []CheckpointSample
		want    int64
	}{
		{name: "checkpoint behind what Kafka held", log: "c1:a u2:b u3:c u4:d",
			samples: []CheckpointSample{{CommitTs: 1, Watermarks: wm(1)}, {CommitTs: 3, Watermarks: wm(3)}}},
		{name: "checkpoint equal to the last message held", log: "c1:a u2:b u3:c",
			samples: []CheckpointSample{{CommitTs: 2, Watermarks: wm(2)}}},
		{name: "checkpoint past a message not yet in Kafka", log: "c1:a u2:b u3:c u4:d",
			samples: []CheckpointSample{{CommitTs: 3, Watermarks: wm(2)}}, want: 1},
		{name: "topic not yet written when sampled", log: "c1:a u2:b",
			samples: []CheckpointSample{{CommitTs: 1, Watermarks: map[string][]int64{"tidb_db_t": nil}}}, want: 1},
		{name: "partition not listed when sampled", log: "c1:a u2:b",
			samples: []CheckpointSample{{CommitTs: 1, Watermarks: wm()}}, want: 1},
		{name: "topic of another changefeed", log: "c1:a u2:b",
			samples: []CheckpointSample{{CommitTs: 9, Watermarks: map[string][]int64{"other": {0}}}}},
		{name: "a re-delivery after the checkpoint is no violation", log: "c1:a u2:b u3:c | u2:b u3:c u4:d",
			samples: []CheckpointSample{{CommitTs: 3, Watermarks: wm(3)}}},
		{name: "an older, lower sample does not hide a later one", log: "c1:a u2:b u3:c u4:d",
			samples: []CheckpointSample{{CommitTs: 4, Watermarks: wm(3)}, {CommitTs: 1, Watermarks: wm(1)}}, want: 1},
		{name: "no samples", log: "c1:a u2:b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, tb := newOrderFixture(t)
			for i := range tt.samples {
				tt.samples[i].Time = at.Add(time.Duration(i) * time.Second)
			}
			c.cfg.Checkpoints = tt.samples
			c.cps = newCheckpointIndex(tt.samples)
			feed(t, c, tb, 0, tt.log)
			if c.rep.CheckpointViolations != tt.want {
				t.Errorf("checkpoint violations = %d, want %d (findings %v)", c.rep.CheckpointViolations, tt.want, c.rep.Findings)
			}
			if tt.want > 0 && (len(c.rep.Findings) == 0 || c.rep.Findings[0].Kind != KindCheckpoint) {
				t.Errorf("findings = %v, want a %s finding", c.rep.Findings, KindCheckpoint)
			}
		})
	}
}
