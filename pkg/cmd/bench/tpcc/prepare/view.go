package prepare

import (
	"math"
	"strconv"
	"time"

	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc/shared"
)

// view is what prepare prints.
type view struct {
	Target         string      `json:"target" yaml:"target"`
	Warehouses     int         `json:"warehouses" yaml:"warehouses"`
	Threads        int         `json:"threads" yaml:"threads"`
	ElapsedSeconds float64     `json:"elapsed_seconds" yaml:"elapsed_seconds"`
	Checked        bool        `json:"consistency_checked" yaml:"consistency_checked"`
	HistoryKey     bool        `json:"history_key" yaml:"history_key"`
	Tables         []tableView `json:"tables" yaml:"tables"`
}

type tableView struct {
	Table string `json:"table" yaml:"table"`
	Rows  int64  `json:"rows" yaml:"rows"`
}

func newView(o *Options, rows []int64, elapsed time.Duration) view {
	v := view{Target: o.Target.String(), Warehouses: o.Warehouses, Threads: o.Threads,
		ElapsedSeconds: math.Round(elapsed.Seconds()*1000) / 1000, Checked: o.Check, HistoryKey: o.HistoryKey}
	for i, t := range shared.Tables() {
		v.Tables = append(v.Tables, tableView{Table: t.Name, Rows: rows[i]})
	}
	return v
}

// TableHeader implements output.TableView.
func (v view) TableHeader() []string { return []string{"table", "rows"} }

// TableRows implements output.TableView.
func (v view) TableRows() [][]string {
	rows := make([][]string, 0, len(v.Tables))
	for _, t := range v.Tables {
		rows = append(rows, []string{t.Table, strconv.FormatInt(t.Rows, 10)})
	}
	return rows
}
