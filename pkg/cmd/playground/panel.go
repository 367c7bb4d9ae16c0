package playground

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/cdcctl/cdcctl/pkg/iostreams"
	pg "github.com/cdcctl/cdcctl/pkg/playground"
)

// nextSteps are the commands of the seed guide, pointed at the playground.
func nextSteps(ep pg.Endpoints) []string {
	var steps []string
	if ep.Server != "" && ep.Kafka != "" && ep.Registry != "" {
		steps = append(steps, fmt.Sprintf("cdcctl changefeed create --server %s -c tpcc-feed \\\n"+
			"    --sink-uri 'kafka://%s/ticdc-meta?protocol=avro&enable-tidb-extension=true' \\\n"+
			"    --schema-registry %s --config examples/changefeed.conf", ep.Server, ep.Kafka, ep.Registry))
	}
	if ep.MySQL != "" {
		steps = append(steps, fmt.Sprintf("cdcctl bench tpcc prepare --upstream %s --warehouses 1", ep.MySQL),
			fmt.Sprintf("cdcctl bench tpcc run --upstream %s --warehouses 1 --time 1m", ep.MySQL))
	}
	if ep.Kafka != "" && ep.Registry != "" {
		steps = append(steps, fmt.Sprintf("cdcctl tail --brokers %s --registry %s --topic tidb_tpcc_item --from-beginning", ep.Kafka, ep.Registry))
	}
	if ep.MySQL != "" {
		steps = append(steps, fmt.Sprintf("cdcctl snowflake gen-all --from %s --table tpcc.item --warehouse CDC_WH", ep.MySQL))
	}
	if ep.Server != "" {
		steps = append(steps, fmt.Sprintf("cdcctl changefeed list --server %s", ep.Server))
	}
	return steps
}

// writePanel prints the endpoints and next commands; boxed and coloured on
// a terminal, plain otherwise. It goes to stdout: it is the command's output.
func writePanel(io *iostreams.IOStreams, ep pg.Endpoints, kept bool) error {
	var b strings.Builder
	rows := [][2]string{{"MariaDB", ep.MySQL}, {"Kafka", ep.Kafka}, {"Schema Registry", ep.Registry}, {"cdcctl server", ep.Server}, {"Data", ep.DataDir}}
	for _, r := range rows {
		if r[1] != "" {
			fmt.Fprintf(&b, "%-16s %s\n", r[0], r[1])
		}
	}
	if kept {
		b.WriteString("(kept on exit; start again with the same --data-dir to resume)\n")
	}
	b.WriteString("\nNext:\n")
	for _, s := range nextSteps(ep) {
		b.WriteString("  " + s + "\n")
	}
	b.WriteString("\nCtrl-C stops everything.")
	text := b.String()
	if io.IsStdoutTTY() {
		r := lipgloss.NewRenderer(io.Out)
		style := r.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1)
		if io.ColorEnabled() {
			style = style.BorderForeground(lipgloss.Color("6"))
		}
		title := r.NewStyle().Bold(true).Render("cdcctl playground")
		text = style.Render(title + "\n\n" + text)
	}
	_, err := fmt.Fprintln(io.Out, text)
	return err
}
