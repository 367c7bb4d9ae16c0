package prepare

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/cdcctl/cdcctl/pkg/cmd/bench/tpcc/shared"
)

const barWidth = 30

// progress renders the load's status line from the row counts.
type progress struct {
	tables     []shared.Table
	warehouses int
	tty        bool
	filled     lipgloss.Style
	empty      lipgloss.Style
	bold       lipgloss.Style
}

func newProgress(r *lipgloss.Renderer, tty bool, warehouses int) *progress {
	return &progress{
		tables:     shared.Tables(),
		warehouses: warehouses,
		tty:        tty,
		filled:     r.NewStyle().Foreground(lipgloss.Color("2")),
		empty:      r.NewStyle().Foreground(lipgloss.Color("8")),
		bold:       r.NewStyle().Bold(true),
	}
}

// line renders rows (in shared.Tables order) after elapsed; failed marks
// the final line of a load that did not finish.
func (p *progress) line(rows []int64, elapsed time.Duration, final, failed bool) string {
	var total, done, loaded int64
	current, currentRows, currentWant := "", int64(0), int64(0)
	for i, t := range p.tables {
		want := t.Rows(p.warehouses)
		total += want
		done += min(rows[i], want)
		loaded += rows[i]
		if current == "" && rows[i] < want && !t.Approx {
			current, currentRows, currentWant = t.Name, rows[i], want
		}
	}
	if current == "" {
		current = "order_line"
		currentRows, currentWant = rows[len(rows)-1], p.tables[len(p.tables)-1].Rows(p.warehouses)
	}
	frac := float64(done) / float64(total)
	secs := elapsed.Round(100 * time.Millisecond)
	if final && !failed {
		frac = 1
	}
	if !p.tty {
		if final && failed {
			return fmt.Sprintf("prepare: stopped after loading %d rows in %s", loaded, secs)
		}
		if final {
			return fmt.Sprintf("prepare: loaded %d rows in %s", loaded, secs)
		}
		return fmt.Sprintf("prepare: %.0f%% of ~%d rows loaded, now %s (%d/%d), %s",
			100*frac, total, current, currentRows, currentWant, secs)
	}
	fill := int(frac * barWidth)
	bar := p.filled.Render(strings.Repeat("█", fill)) + p.empty.Render(strings.Repeat("░", barWidth-fill))
	pct := p.bold.Render(fmt.Sprintf("%3.0f%%", 100*frac))
	if final && failed {
		return fmt.Sprintf("stopped %s %s  %s rows  %s", bar, pct, group(loaded), secs)
	}
	if final {
		return fmt.Sprintf("loaded  %s %s  %s rows  %s", bar, pct, group(loaded), secs)
	}
	return fmt.Sprintf("loading %s %s  %s %s/%s  %s/~%s rows  %s",
		bar, pct, current, group(currentRows), group(currentWant), group(loaded), group(total), secs)
}

// group writes n with thousands separators.
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	lead := len(s) % 3
	if lead > 0 {
		b.WriteString(s[:lead])
	}
	for i := lead; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
