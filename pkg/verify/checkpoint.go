package verify

import (
	"fmt"
	"sort"
	"time"
)

// CheckpointSample is a changefeed's checkpoint seen at one moment, with
// the high watermark of every topic partition read right after it. A
// checkpoint may only cover messages Kafka acknowledged, and an
// acknowledged message sits below the watermarks read after it; so no
// message at or above a sample's watermark may be a first delivery with a
// commit ts at or before the sample's checkpoint.
type CheckpointSample struct {
	Time     time.Time `json:"time"`
	CommitTs uint64    `json:"checkpoint_ts"`
	// Watermarks are the high watermarks of the changefeed's topics,
	// indexed by partition. A topic the changefeed had not written yet
	// has an empty entry; a topic without an entry is not judged by the
	// sample.
	Watermarks map[string][]int64 `json:"watermarks"`
}

// checkpointIndex answers, for a message at an offset of a partition,
// the highest checkpoint sampled while Kafka held only offsets below it.
type checkpointIndex struct {
	samples []CheckpointSample
	parts   map[partID][]cpPoint // built on first use
}

// cpPoint is one sample as a partition saw it.
type cpPoint struct {
	wm     int64
	maxTs  uint64 // the highest checkpoint among samples with watermark ≤ wm
	sample int    // the index of the sample that set maxTs
}

func newCheckpointIndex(samples []CheckpointSample) *checkpointIndex {
	if len(samples) == 0 {
		return nil
	}
	return &checkpointIndex{samples: samples, parts: map[partID][]cpPoint{}}
}

// points returns a partition's samples by watermark, with the running
// maximum of their checkpoints.
func (ci *checkpointIndex) points(id partID) []cpPoint {
	if pts, ok := ci.parts[id]; ok {
		return pts
	}
	var pts []cpPoint
	for i, s := range ci.samples {
		wms, ok := s.Watermarks[id.topic]
		if !ok {
			continue
		}
		var wm int64 // a partition the sample did not list was empty
		if int(id.partition) < len(wms) {
			wm = wms[id.partition]
		}
		pts = append(pts, cpPoint{wm: wm, maxTs: s.CommitTs, sample: i})
	}
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].wm < pts[j].wm })
	for i := 1; i < len(pts); i++ {
		if pts[i-1].maxTs > pts[i].maxTs {
			pts[i].maxTs, pts[i].sample = pts[i-1].maxTs, pts[i-1].sample
		}
	}
	ci.parts[id] = pts
	return pts
}

// covering returns the highest checkpoint sampled while the partition's
// watermark was at most offset, and that sample's index (-1 when none).
func (ci *checkpointIndex) covering(at position) (uint64, int) {
	pts := ci.points(partID{at.topic, at.partition})
	i := sort.Search(len(pts), func(i int) bool { return pts[i].wm > at.offset })
	if i == 0 {
		return 0, -1
	}
	return pts[i-1].maxTs, pts[i-1].sample
}

// checkFresh judges a first delivery against the checkpoint samples.
func (c *checker) checkFresh(t *table, k *keyState, ts uint64, at position) {
	if c.cps == nil {
		return
	}
	cp, i := c.cps.covering(at)
	if i < 0 || ts > cp {
		return
	}
	s := c.cfg.Checkpoints[i]
	c.rep.CheckpointViolations++
	c.rep.add(Finding{Kind: KindCheckpoint, Table: t.cfg.Name, Key: t.keyText(k.key),
		Topic: at.topic, Partition: at.partition, Offset: at.offset, Detail: fmt.Sprintf(
			"first delivered after the checkpoint had passed it: commit ts %d, checkpoint %d at %s when the partition's watermark was %d",
			ts, s.CommitTs, s.Time.Format(time.RFC3339Nano), watermark(s, at))}, c.cfg.MaxSamples)
}

func watermark(s CheckpointSample, at position) int64 {
	if wms := s.Watermarks[at.topic]; int(at.partition) < len(wms) {
		return wms[at.partition]
	}
	return 0
}
