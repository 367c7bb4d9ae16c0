package shared

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
)

// ChangefeedView is cdcctl's view of one changefeed (-o table|json|yaml of
// create, query and update). Every secret is masked.
type ChangefeedView struct {
	ID                 string           `json:"id" yaml:"id"`
	Namespace          string           `json:"namespace" yaml:"namespace"`
	State              string           `json:"state" yaml:"state"`
	SinkURI            string           `json:"sink_uri" yaml:"sink_uri"`
	Upstream           string           `json:"upstream,omitempty" yaml:"upstream,omitempty"`
	CreateTime         time.Time        `json:"create_time" yaml:"create_time"`
	StartTs            uint64           `json:"start_ts" yaml:"start_ts"`
	StartPosition      string           `json:"start_position,omitempty" yaml:"start_position,omitempty"`
	TargetTs           uint64           `json:"target_ts,omitempty" yaml:"target_ts,omitempty"`
	Snapshot           string           `json:"snapshot,omitempty" yaml:"snapshot,omitempty"`
	CheckpointTs       uint64           `json:"checkpoint_ts" yaml:"checkpoint_ts"`
	CheckpointTime     time.Time        `json:"checkpoint_time" yaml:"checkpoint_time"`
	CheckpointPosition string           `json:"checkpoint_position,omitempty" yaml:"checkpoint_position,omitempty"`
	LagSeconds         float64          `json:"lag_seconds" yaml:"lag_seconds"`
	RowsPerSecond      *float64         `json:"rows_per_second,omitempty" yaml:"rows_per_second,omitempty"`
	SnapshotProgress   *SnapshotView    `json:"snapshot_progress,omitempty" yaml:"snapshot_progress,omitempty"`
	Error              *ErrorView       `json:"error,omitempty" yaml:"error,omitempty"`
	Tables             []TableCountView `json:"tables,omitempty" yaml:"tables,omitempty"`
	display            Display
}

// SnapshotView is the progress of the initial copy.
type SnapshotView struct {
	State        string `json:"state" yaml:"state"`
	TablesDone   int    `json:"tables_done" yaml:"tables_done"`
	TablesTotal  int    `json:"tables_total" yaml:"tables_total"`
	RowsCopied   uint64 `json:"rows_copied" yaml:"rows_copied"`
	CurrentTable string `json:"current_table,omitempty" yaml:"current_table,omitempty"`
}

// ErrorView is a changefeed's error or warning.
type ErrorView struct {
	Code    string `json:"code" yaml:"code"`
	Message string `json:"message" yaml:"message"`
}

// TableCountView counts the rows of one table written to Kafka.
type TableCountView struct {
	Table        string `json:"table" yaml:"table"`
	Inserts      uint64 `json:"inserts" yaml:"inserts"`
	Updates      uint64 `json:"updates" yaml:"updates"`
	Deletes      uint64 `json:"deletes" yaml:"deletes"`
	SnapshotRows uint64 `json:"snapshot_rows" yaml:"snapshot_rows"`
}

// NewChangefeedView builds the view of info, masking its secrets.
func NewChangefeedView(info *api.ChangeFeedInfo, d Display) ChangefeedView {
	m := info.Masked()
	v := ChangefeedView{
		ID: m.ID, Namespace: m.Namespace, State: string(m.State.Listed()), SinkURI: m.SinkURI, Upstream: m.Upstream,
		CreateTime: m.CreateTime, StartTs: m.StartTs, StartPosition: m.StartPosition, TargetTs: m.TargetTs,
		Snapshot: string(m.Snapshot), CheckpointTs: m.CheckpointTs, CheckpointPosition: m.CheckpointPosition,
		LagSeconds: lag(d.Now, m.CheckpointTs).Seconds(), RowsPerSecond: m.RowsPerSecond, display: d,
	}
	if m.CheckpointTs != 0 {
		v.CheckpointTime = api.TSOTime(m.CheckpointTs).UTC()
	}
	if p := m.SnapshotProgress; p != nil {
		v.SnapshotProgress = &SnapshotView{State: p.State, TablesDone: p.TablesDone, TablesTotal: p.TablesTotal,
			RowsCopied: p.RowsCopied, CurrentTable: p.CurrentTable}
	}
	if e := m.Error; e != nil {
		v.Error = &ErrorView{Code: e.Code, Message: e.Message}
	}
	for _, t := range m.Tables {
		v.Tables = append(v.Tables, TableCountView{Table: t.Schema + "." + t.Table,
			Inserts: t.Inserts, Updates: t.Updates, Deletes: t.Deletes, SnapshotRows: t.SnapshotRows})
	}
	return v
}

// WriteText prints the changefeed as "key: value" lines, then its tables.
func (v ChangefeedView) WriteText(w io.Writer) error {
	d := v.display
	state := v.State
	if d.Color {
		state = d.renderer().NewStyle().Foreground(stateColor(api.State(v.State))).Render(state)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	line := func(k, val string) {
		if val != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", k, val)
		}
	}
	line("ID", v.ID)
	line("Namespace", v.Namespace)
	line("State", state)
	line("Sink URI", v.SinkURI)
	line("Upstream", v.Upstream)
	cp := "-"
	if v.CheckpointTs != 0 {
		cp = fmt.Sprintf("%s (ts %d, lag %s)", v.CheckpointTime.In(d.Loc).Format(time.DateTime),
			v.CheckpointTs, humanLag(time.Duration(v.LagSeconds*float64(time.Second))))
	}
	line("Checkpoint", cp)
	line("Position", v.CheckpointPosition)
	start := "ts " + strconv.FormatUint(v.StartTs, 10)
	if v.StartPosition != "" {
		start += ", position " + v.StartPosition
	}
	if v.Snapshot != "" {
		start += ", snapshot " + v.Snapshot
	}
	line("Start", start)
	if v.TargetTs != 0 {
		line("Target", "ts "+strconv.FormatUint(v.TargetTs, 10))
	}
	if p := v.SnapshotProgress; p != nil {
		s := fmt.Sprintf("%s, %d/%d tables, %d rows copied", p.State, p.TablesDone, p.TablesTotal, p.RowsCopied)
		if p.CurrentTable != "" {
			s += " (copying " + p.CurrentTable + ")"
		}
		line("Snapshot", s)
	}
	if v.RowsPerSecond != nil {
		line("Throughput", strconv.FormatFloat(*v.RowsPerSecond, 'f', 1, 64)+" rows/s")
	}
	if v.Error != nil {
		line("Error", strings.TrimSpace(v.Error.Code+" "+v.Error.Message))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(v.Tables) == 0 {
		return nil
	}
	fmt.Fprintln(w, "Tables:")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  TABLE\tINSERTS\tUPDATES\tDELETES\tSNAPSHOT")
	for _, t := range v.Tables {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%d\n", t.Table, t.Inserts, t.Updates, t.Deletes, t.SnapshotRows)
	}
	return tw.Flush()
}
