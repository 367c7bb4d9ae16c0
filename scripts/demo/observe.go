package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/verify"
)

// writeCounts prints the table of topics and row changes: every TPC-C
// table, then any other topic in Kafka.
func writeCounts(w io.Writer, tables []tableCount, topics []topicCount) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tTOPIC\tBINLOG ROW CHANGES\tMESSAGES")
	seen := map[string]bool{}
	var msgs, rows int64
	for _, t := range tables {
		topic := t.Topic
		if t.Skipped {
			topic += "(skipped: no key)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%18d\t%8d\n", t.Table, topic, t.BinlogRows, t.Messages)
		seen[t.Topic] = true
		msgs += t.Messages
		if !t.Skipped {
			rows += t.BinlogRows
		}
	}
	for _, t := range topics {
		if !seen[t.Topic] {
			fmt.Fprintf(tw, "(no table)\t%s\t%18s\t%8d\n", t.Topic, "", t.Messages)
			msgs += t.Messages
		}
	}
	fmt.Fprintf(tw, "captured tables\t\t%18d\t%8d\n", rows, msgs)
	return tw.Flush()
}

// tailRecord is one line of `cdcctl tail -o json`.
type tailRecord struct {
	Topic     string          `json:"topic"`
	Partition int32           `json:"partition"`
	Offset    int64           `json:"offset"`
	Op        string          `json:"op"`
	Key       json.RawMessage `json:"key"`
	Value     json.RawMessage `json:"value"`
}

func (d *demo) tail(ctx context.Context) error {
	topic := dispatch.SubstituteTopic(topicRule, tpccDB, "item")
	d.header("Decode the first records of " + topic + " through the Schema Registry")
	args := []string{"tail", "--brokers", d.pg.Ends.Kafka, "--registry", d.pg.Ends.Registry,
		"--topic", topic, "--from-beginning", "--max-messages", strconv.Itoa(d.cfg.Records)}
	if _, err := d.show(ctx, append(args, "-o", "table")...); err != nil {
		return err
	}
	// The same again as JSON lines, to check what was decoded.
	out, err := d.cli.output(ctx, append(args, "-o", "json")...)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		var r tailRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("tail -o json: %w in %q", err, sc.Text())
		}
		d.res.Records = append(d.res.Records, r)
	}
	if len(d.res.Records) != d.cfg.Records {
		return fmt.Errorf("tail decoded %d records of %s, want %d", len(d.res.Records), topic, d.cfg.Records)
	}
	return nil
}

func (d *demo) query(ctx context.Context) error {
	d.header("The changefeed's checkpoint, lag and rows per table")
	_, err := d.show(ctx, "changefeed", "query", "--server", d.pg.Ends.Server, "-c", feedID, "-o", "table")
	d.printf("(the checkpoint is the newest commit Kafka has acknowledged; with the workload stopped,\n" +
		"the lag grows with the time since that commit, not with anything left to send)\n")
	return err
}

func (d *demo) snowflake(ctx context.Context) error {
	d.header("Snowflake replica SQL for tpcc.item: table, stream, MERGE task and purge task")
	_, err := d.show(ctx, "snowflake", "gen-all", "--from", d.pg.Ends.MySQL, "--table", tpccDB+".item", "--warehouse", "CDC_WH")
	return err
}

// verify rebuilds every captured table from its topic and compares it with
// the upstream table, row by row and column by column, and checks each
// key's messages against commit order.
func (d *demo) verify(ctx context.Context) error {
	d.header("Verify: rebuild each captured table from Kafka and compare it with MariaDB")
	var names []string
	for _, t := range d.res.Tables {
		if !t.Skipped {
			names = append(names, t.Table)
		}
	}
	rep, err := verify.Check(ctx, verify.Config{Brokers: []string{d.pg.Ends.Kafka}, RegistryURL: d.pg.Ends.Registry,
		TopicRule: topicRule, DB: d.db, Tables: verify.Tables(names...)})
	if err != nil {
		return err
	}
	d.res.Verify = rep
	if !rep.OK() || !rep.OrderChecked {
		_ = rep.WriteText(d.cfg.Out)
		return fmt.Errorf("verify found differences (order checked: %t)", rep.OrderChecked)
	}
	d.printf("verified %d rows of %d tables in %d messages, %d differences; "+
		"every key's changes in commit order (%d duplicates)\n",
		rep.RowsCompared, rep.Tables, rep.Messages, rep.Mismatches(), rep.Duplicates)
	return nil
}
