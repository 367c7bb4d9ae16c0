package verify

import (
	"fmt"
	"io"
	"strings"
)

// Finding kinds.
const (
	KindMissing     = "missing"       // upstream row absent downstream
	KindExtra       = "extra"         // downstream row absent upstream
	KindColumn      = "column"        // a column differs
	KindOrder       = "order"         // an older change of a key after a newer one
	KindReplayGap   = "replay-gap"    // a re-delivery skipped earlier messages of its key
	KindLifecycle   = "lifecycle"     // an insert of a present key, an update or delete of an absent one
	KindSplitKey    = "split-key"     // a key in two partitions of one topic
	KindUndecodable = "undecodable"   // a message that could not be decoded or placed
	KindLogStart    = "log-start"     // a partition that no longer starts at offset 0
	KindUnkeyed     = "unkeyed"       // a message without a key
	KindNoTopic     = "missing-topic" // a listed topic that does not exist
	KindCheckpoint  = "checkpoint"    // a message first delivered after a checkpoint covering it
)

// Finding is one sampled problem.
type Finding struct {
	Kind      string `json:"kind"`
	Table     string `json:"table,omitempty"`
	Key       string `json:"key,omitempty"`
	Column    string `json:"column,omitempty"`
	Upstream  string `json:"upstream,omitempty"` // the value upstream
	Kafka     string `json:"kafka,omitempty"`    // the value rebuilt from Kafka
	Topic     string `json:"topic,omitempty"`
	Partition int32  `json:"partition"`
	Offset    int64  `json:"offset"`
	Detail    string `json:"detail,omitempty"`
}

func (f Finding) String() string {
	var sb strings.Builder
	sb.WriteString(f.Kind)
	if f.Table != "" {
		sb.WriteString(" " + f.Table)
	}
	if f.Key != "" {
		sb.WriteString(" [" + f.Key + "]")
	}
	if f.Column != "" {
		fmt.Fprintf(&sb, " column %s: upstream %s, kafka %s", f.Column, f.Upstream, f.Kafka)
	}
	if f.Topic != "" {
		fmt.Fprintf(&sb, " at %s/%d@%d", f.Topic, f.Partition, f.Offset)
	}
	if f.Detail != "" {
		sb.WriteString(": " + f.Detail)
	}
	return sb.String()
}

// TableReport is the comparison of one table.
type TableReport struct {
	Name          string   `json:"name"`
	Topics        []string `json:"topics,omitempty"`
	Messages      int64    `json:"messages"`
	Upstream      int64    `json:"upstream_rows"`
	Rebuilt       int64    `json:"rebuilt_rows"`
	Missing       int64    `json:"missing"`
	Extra         int64    `json:"extra"`
	Differing     int64    `json:"differing_rows"`
	ColumnDiffs   int64    `json:"differing_columns"`
	AbsentColumns int64    `json:"absent_columns"`
}

// Report is the outcome of a check.
type Report struct {
	Topics     int   `json:"topics"`
	Partitions int   `json:"partitions"`
	Messages   int64 `json:"messages"`
	Tombstones int64 `json:"tombstones"`
	// Skipped are messages of tables that were not asked for.
	Skipped int64 `json:"skipped"`

	Tables       int   `json:"tables"`
	RowsCompared int64 `json:"rows_compared"` // upstream rows
	Missing      int64 `json:"missing"`
	Extra        int64 `json:"extra"`
	Differing    int64 `json:"differing_rows"`
	ColumnDiffs  int64 `json:"differing_columns"`
	// AbsentColumns counts upstream columns missing from a row's last
	// message (see Config.StrictColumns).
	AbsentColumns int64 `json:"absent_columns"`

	// OrderChecked is false when values carry no _tidb_commit_ts.
	OrderChecked    bool  `json:"order_checked"`
	OrderViolations int64 `json:"order_violations"`
	Duplicates      int64 `json:"duplicates"`
	// Replays are maximal runs of consecutive duplicates in a partition;
	// LargestReplay is the longest, in messages.
	Replays       int64 `json:"replays"`
	LargestReplay int64 `json:"largest_replay"`

	// CheckpointSamples is the number of Config.Checkpoints judged;
	// CheckpointViolations counts messages first delivered after a
	// sampled checkpoint had already passed them.
	CheckpointSamples    int   `json:"checkpoint_samples"`
	CheckpointViolations int64 `json:"checkpoint_violations"`

	Problems int64 `json:"problems"` // undecodable, unkeyed, log-start, missing-topic

	PerTable []TableReport `json:"per_table"`
	Findings []Finding     `json:"findings,omitempty"`
	// Counts are the findings per kind, sampled or not.
	Counts map[string]int64 `json:"counts,omitempty"`
}

// Mismatches is the number of row-level differences.
func (r *Report) Mismatches() int64 { return r.Missing + r.Extra + r.Differing }

// OK reports whether the check found nothing wrong.
func (r *Report) OK() bool {
	return r.Mismatches() == 0 && r.OrderViolations == 0 && r.CheckpointViolations == 0 && r.Problems == 0
}

// WriteText writes a human summary and the sampled findings.
func (r *Report) WriteText(w io.Writer) error {
	verdict := "OK"
	if !r.OK() {
		verdict = "FAILED"
	}
	order := fmt.Sprintf("%d order violations, %d duplicates in %d replays (largest %d)",
		r.OrderViolations, r.Duplicates, r.Replays, r.LargestReplay)
	if !r.OrderChecked {
		order = "order not checked (no _tidb_commit_ts)"
	} else if r.CheckpointSamples > 0 {
		order += fmt.Sprintf("; %d checkpoint violations in %d samples", r.CheckpointViolations, r.CheckpointSamples)
	}
	_, err := fmt.Fprintf(w, "verify: %s: %d topics, %d partitions, %d messages (%d tombstones, %d skipped); "+
		"%d tables, %d rows compared: %d missing, %d extra, %d differing (%d columns, %d absent); %s; %d problems\n",
		verdict, r.Topics, r.Partitions, r.Messages, r.Tombstones, r.Skipped,
		r.Tables, r.RowsCompared, r.Missing, r.Extra, r.Differing, r.ColumnDiffs, r.AbsentColumns, order, r.Problems)
	if err != nil {
		return err
	}
	for _, f := range r.Findings {
		if _, err := fmt.Fprintf(w, "  %s\n", f); err != nil {
			return err
		}
	}
	return nil
}

// add records a finding, keeping at most max samples of each kind.
func (r *Report) add(f Finding, max int) {
	if r.Counts == nil {
		r.Counts = map[string]int64{}
	}
	r.Counts[f.Kind]++
	if r.Counts[f.Kind] <= int64(max) {
		r.Findings = append(r.Findings, f)
	}
}
