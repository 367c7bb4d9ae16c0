package shared

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/lipgloss/table"

	"github.com/cdcctl/cdcctl/pkg/api"
)

// ListView is cdcctl's view of changefeeds (-o of list, and query -s).
type ListView struct {
	Changefeeds []ListItem `json:"changefeeds" yaml:"changefeeds"`
	display     Display
}

// ListItem is one changefeed in a list.
type ListItem struct {
	ID                 string     `json:"id" yaml:"id"`
	Namespace          string     `json:"namespace" yaml:"namespace"`
	State              string     `json:"state" yaml:"state"`
	CheckpointTSO      uint64     `json:"checkpoint_tso" yaml:"checkpoint_tso"`
	CheckpointTime     time.Time  `json:"checkpoint_time" yaml:"checkpoint_time"`
	CheckpointPosition string     `json:"checkpoint_position,omitempty" yaml:"checkpoint_position,omitempty"`
	LagSeconds         float64    `json:"lag_seconds" yaml:"lag_seconds"`
	RowsPerSecond      *float64   `json:"rows_per_second,omitempty" yaml:"rows_per_second,omitempty"`
	Error              *ErrorView `json:"error,omitempty" yaml:"error,omitempty"`
}

// NewListView builds the view of items.
func NewListView(items []api.ChangefeedCommonInfo, d Display) ListView {
	v := ListView{Changefeeds: []ListItem{}, display: d}
	for _, it := range items {
		li := ListItem{ID: it.ID, Namespace: it.Namespace, State: string(it.State.Listed()), CheckpointTSO: it.CheckpointTSO,
			CheckpointPosition: it.CheckpointPosition, LagSeconds: lag(d.Now, it.CheckpointTSO).Seconds(), RowsPerSecond: it.RowsPerSecond}
		if it.CheckpointTSO != 0 {
			li.CheckpointTime = api.TSOTime(it.CheckpointTSO).UTC()
		}
		if e := it.Error; e != nil && it.State.ShowsError() {
			li.Error = &ErrorView{Code: e.Code, Message: e.Message}
		}
		v.Changefeeds = append(v.Changefeeds, li)
	}
	return v
}

// WriteText prints a lipgloss table on a terminal (bold header, coloured
// states, local times, rounded lags) and tab-separated rows without a
// header elsewhere (RFC 3339 times, lag in seconds), for scripts.
func (v ListView) WriteText(w io.Writer) error {
	d := v.display
	rows := make([][]string, 0, len(v.Changefeeds))
	for _, c := range v.Changefeeds {
		rate, code := "-", "-"
		if c.RowsPerSecond != nil {
			rate = strconv.FormatFloat(*c.RowsPerSecond, 'f', 1, 64)
		}
		if c.Error != nil {
			code = c.Error.Code
		}
		if !d.TTY {
			cp := ""
			if !c.CheckpointTime.IsZero() {
				cp = c.CheckpointTime.Format(time.RFC3339Nano)
			}
			rows = append(rows, []string{c.ID, c.State, cp, strconv.FormatFloat(c.LagSeconds, 'f', 3, 64), rate, code})
			continue
		}
		cp, lagText := "-", "-"
		if !c.CheckpointTime.IsZero() {
			cp = c.CheckpointTime.In(d.Loc).Format(time.DateTime)
			lagText = humanLag(time.Duration(c.LagSeconds * float64(time.Second)))
		}
		rows = append(rows, []string{c.ID, c.State, cp, lagText, rate, code})
	}
	if !d.TTY {
		for _, r := range rows {
			if _, err := fmt.Fprintln(w, strings.Join(r, "\t")); err != nil {
				return err
			}
		}
		return nil
	}
	r := d.renderer()
	cell := r.NewStyle().Padding(0, 1)
	t := table.New().Border(lipgloss.RoundedBorder()).BorderStyle(r.NewStyle().Faint(true)).
		Headers("ID", "STATE", "CHECKPOINT", "LAG", "ROWS/S", "ERROR").Rows(rows...).
		StyleFunc(func(row, col int) lipgloss.Style {
			switch {
			case row == table.HeaderRow:
				return cell.Bold(true)
			case col == 1 && row < len(v.Changefeeds):
				return cell.Foreground(stateColor(api.State(v.Changefeeds[row].State)))
			}
			return cell
		})
	_, err := fmt.Fprintln(w, t.Render())
	return err
}
