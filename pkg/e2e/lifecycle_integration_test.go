//go:build integration

package e2e

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cdcctl/cdcctl/pkg/api"
)

// positionRE is a binlog position as cdcctl shows checkpoints: file:pos.
var positionRE = regexp.MustCompile(`^[A-Za-z0-9._-]+\.[0-9]+:[0-9]+$`)

// ticdcSummary is one element of TiCDC's `changefeed list` output.
type ticdcSummary struct {
	ID        string `json:"id"`
	Namespace string `json:"namespace"`
	Summary   struct {
		State      string          `json:"state"`
		TSO        uint64          `json:"tso"`
		Checkpoint string          `json:"checkpoint"`
		Error      json.RawMessage `json:"error"`
	} `json:"summary"`
}

// simple is TiCDC's `changefeed query -s` output (the list API's entry).
type simple struct {
	ID                 string          `json:"id"`
	State              string          `json:"state"`
	CheckpointTSO      uint64          `json:"checkpoint_tso"`
	CheckpointTime     string          `json:"checkpoint_time"`
	Error              json.RawMessage `json:"error"`
	CheckpointPosition string          `json:"checkpoint_position"`
}

func decode(t *testing.T, r result, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.stdout), v); err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
}

// checkpointText is how TiCDC shows a checkpoint TSO: its physical time
// in the server's zone (the test's), to the millisecond.
func checkpointText(tso uint64) string {
	return api.TSOTime(tso).In(time.Local).Format(api.JSONTimeLayout)
}

// querySimple returns `changefeed query -s`, checked for TiCDC's shape.
func (f *flow) querySimple(t *testing.T) simple {
	t.Helper()
	var q simple
	decode(t, f.s.mustCLI(t, "changefeed", "query", "-c", feedID, "-s"), &q)
	if q.ID != feedID || q.CheckpointTSO == 0 || q.CheckpointTime != checkpointText(q.CheckpointTSO) ||
		string(q.Error) != "null" || !positionRE.MatchString(q.CheckpointPosition) {
		t.Errorf("query -s = %+v", q)
	}
	return q
}

func (f *flow) listAndQuery(t *testing.T) {
	s := f.s
	var list []ticdcSummary
	decode(t, s.mustCLI(t, "changefeed", "list"), &list)
	if len(list) != 1 || list[0].ID != feedID || list[0].Namespace != "default" || list[0].Summary.State != "normal" ||
		list[0].Summary.TSO == 0 || list[0].Summary.Checkpoint != checkpointText(list[0].Summary.TSO) || string(list[0].Summary.Error) != "null" {
		t.Errorf("TiCDC list output = %+v", list)
	}

	var view struct {
		Changefeeds []struct {
			ID                 string  `json:"id"`
			State              string  `json:"state"`
			CheckpointTSO      uint64  `json:"checkpoint_tso"`
			CheckpointTime     string  `json:"checkpoint_time"`
			CheckpointPosition string  `json:"checkpoint_position"`
			LagSeconds         float64 `json:"lag_seconds"`
		} `json:"changefeeds"`
	}
	decode(t, s.mustCLI(t, "changefeed", "list", "-o", "json"), &view)
	if len(view.Changefeeds) != 1 {
		t.Fatalf("list -o json = %+v", view)
	}
	c := view.Changefeeds[0]
	if cp, err := time.Parse(time.RFC3339Nano, c.CheckpointTime); err != nil || c.ID != feedID || c.State != "normal" ||
		!cp.Equal(api.TSOTime(c.CheckpointTSO)) || !positionRE.MatchString(c.CheckpointPosition) || c.LagSeconds < 0 || c.LagSeconds > 60 {
		t.Errorf("list -o json = %+v (time parse: %v)", c, err)
	}

	// TiCDC's full query: its keys, the masked registry, the guide's rule.
	var detail map[string]json.RawMessage
	decode(t, s.mustCLI(t, "changefeed", "query", "-c", feedID), &detail)
	var keys []string
	for k := range detail {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	wantKeys := []string{"checkpoint_time", "checkpoint_tso", "config", "create_time", "creator_version", "id", "namespace",
		"resolved_ts", "sink_uri", "start_ts", "state", "target_ts", "upstream_id"}
	if diff := cmp.Diff(wantKeys, keys); diff != "" {
		t.Errorf("query keys differ from TiCDC's (-want +got):\n%s", diff)
	}
	var cfg api.ChangeFeedInfo // decode the config with the API's types
	if err := json.Unmarshal([]byte(`{"config":`+string(detail["config"])+`}`), &cfg); err != nil || cfg.Config == nil {
		t.Fatalf("query config: %v", err)
	}
	if d := cfg.Config.Sink.DispatchRules; len(d) != 1 || d[0].Topic != "tidb_{schema}_{table}" || d[0].Partition != "index-value" {
		t.Errorf("query config dispatchers = %+v", d)
	}
	if string(detail["state"]) != `"normal"` || string(detail["sink_uri"]) != `"`+strings.ReplaceAll(f.sinkURI(), "&", `\u0026`)+`"` {
		t.Errorf("query state %s sink_uri %s", detail["state"], detail["sink_uri"])
	}

	q := f.querySimple(t)
	if q.State != "normal" {
		t.Errorf("query -s state = %q", q.State)
	}

	// cdcctl's view: masked upstream, position and per-table counts.
	var cv struct {
		State              string `json:"state"`
		Upstream           string `json:"upstream"`
		CheckpointPosition string `json:"checkpoint_position"`
		Tables             []struct {
			Table                     string `json:"table"`
			Inserts, Updates, Deletes uint64
			SnapshotRows              uint64 `json:"snapshot_rows"`
		} `json:"tables"`
	}
	decode(t, s.mustCLI(t, "changefeed", "query", "-c", feedID, "-o", "json"), &cv)
	counts := map[string][4]uint64{}
	for _, tb := range cv.Tables {
		counts[tb.Table] = [4]uint64{tb.Inserts, tb.Updates, tb.Deletes, tb.SnapshotRows}
	}
	// 3 copied items and 1 inserted; the name change and the key change
	// are updates; one delete. One copied customer, one update.
	want := map[string][4]uint64{"shop.item": {1, 2, 1, 3}, "shop.customer": {0, 1, 0, 1}}
	if cv.State != "normal" || !strings.Contains(cv.Upstream, ":xxxxx@") || !positionRE.MatchString(cv.CheckpointPosition) || !cmp.Equal(want, counts) {
		t.Errorf("query -o json: state %q upstream %q position %q tables %v, want tables %v", cv.State, cv.Upstream, cv.CheckpointPosition, counts, want)
	}

	f.engineFilled(t)

	// A running changefeed cannot be updated; nothing is sent.
	if r := s.cli(t, "changefeed", "update", "-c", feedID, "--target-ts", "1", "--no-confirm"); r.code != 2 ||
		!strings.Contains(r.stderr, "can only update changefeed config when it is stopped or failed") {
		t.Errorf("update of a running changefeed: want exit 2 and TiCDC's refusal\n%s", r)
	}
}

// engineFilled checks the extensions the engine computes: the finished
// copy (2 tables, 4 rows) in query, and the live rate in query, list -o
// json and list's table (ROWS/S, tab-separated off a terminal).
func (f *flow) engineFilled(t *testing.T) {
	s := f.s
	var q struct {
		RowsPerSecond    *float64 `json:"rows_per_second"`
		SnapshotProgress *struct {
			State        string `json:"state"`
			TablesTotal  int    `json:"tables_total"`
			TablesDone   int    `json:"tables_done"`
			RowsCopied   uint64 `json:"rows_copied"`
			CurrentTable string `json:"current_table"`
		} `json:"snapshot_progress"`
	}
	// The rate is measured at the engine's first watch tick (500ms into
	// the run); until then it is absent.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		decode(t, s.mustCLI(t, "changefeed", "query", "-c", feedID, "-o", "json"), &q)
		if q.RowsPerSecond != nil || time.Now().After(deadline) {
			break
		}
	}
	if p := q.SnapshotProgress; p == nil || p.State != "done" || p.TablesTotal != 2 || p.TablesDone != 2 || p.RowsCopied != 4 || p.CurrentTable != "" {
		t.Errorf("query -o json: snapshot_progress = %+v, want done, 2/2 tables, 4 rows", p)
	}
	if q.RowsPerSecond == nil || *q.RowsPerSecond < 0 {
		t.Errorf("query -o json: rows_per_second = %v, want a rate", q.RowsPerSecond)
	}
	var l struct {
		Changefeeds []struct {
			RowsPerSecond *float64 `json:"rows_per_second"`
		} `json:"changefeeds"`
	}
	decode(t, s.mustCLI(t, "changefeed", "list", "-o", "json"), &l)
	if len(l.Changefeeds) != 1 || l.Changefeeds[0].RowsPerSecond == nil {
		t.Errorf("list -o json: want rows_per_second, got %+v", l)
	}
	table := s.mustCLI(t, "changefeed", "list", "-o", "table")
	if cols := strings.Split(strings.TrimSpace(table.stdout), "\t"); len(cols) != 6 || !regexp.MustCompile(`^[0-9]+\.[0-9]$`).MatchString(cols[4]) {
		t.Errorf("list -o table: want a rate in the ROWS/S column, got %q", table.stdout)
	}
}
