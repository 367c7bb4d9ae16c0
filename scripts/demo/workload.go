package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cdcctl/cdcctl/pkg/dispatch"
)

func (d *demo) prepare(ctx context.Context) error {
	d.header("Load TPC-C (go-tpc's loader), as `tiup bench tpcc prepare` does")
	_, err := d.show(ctx, "bench", "tpcc", "prepare", "--upstream", d.pg.Ends.MySQL,
		"--warehouses", strconv.Itoa(d.cfg.Warehouses))
	return err
}

// skipped reports the TPC-C tables the changefeed cannot capture: go-tpc
// creates history without any key, and TiCDC (and cdcctl) skip such
// tables.
func (d *demo) skipped(ctx context.Context) error {
	d.header("Check the upstream: which tables have no usable key")
	if _, err := d.show(ctx, "check", "upstream", "--upstream", d.pg.Ends.MySQL); err != nil {
		return err
	}
	u, err := checkUpstream(ctx, d.cli, d.pg.Ends.MySQL) // the same as JSON
	if err != nil {
		return err
	}
	d.res.Skipped = u.Ineligible
	if len(u.Ineligible) == 0 {
		d.printf("every table has a primary or NOT NULL unique key\n")
		return nil
	}
	d.printf("=> %s: no primary or NOT NULL unique key, so not captured. TiCDC skips it too: in the guide it\n"+
		"   never reaches Confluent either. (`cdcctl bench tpcc prepare --history-key` gives history a key.)\n",
		strings.Join(u.Ineligible, ", "))
	return nil
}

func (d *demo) runWorkload(ctx context.Context) error {
	d.header("Run the TPC-C transactions, as `tiup bench tpcc run` does")
	args := []string{"bench", "tpcc", "run", "--upstream", d.pg.Ends.MySQL}
	if d.cfg.RunCount > 0 {
		args = append(args, "--count", strconv.Itoa(d.cfg.RunCount))
	}
	if d.cfg.RunTime > 0 {
		args = append(args, "--time", d.cfg.RunTime.String())
	}
	_, err := d.show(ctx, args...)
	return err
}

// catchUp waits until the changefeed's checkpoint reaches the upstream's
// binlog position taken after the workload ended: every change committed
// upstream is then acknowledged by Kafka.
func (d *demo) catchUp(ctx context.Context) error {
	d.header("Wait for the changefeed to catch up with the upstream")
	u, err := checkUpstream(ctx, d.cli, d.pg.Ends.MySQL)
	if err != nil {
		return err
	}
	target := u.Server.Position
	d.printf("upstream binlog position (cdcctl check upstream): %s\n", target)
	t := time.Now()
	s, err := waitFeed(ctx, d.cli, d.pg.Ends.Server, feedID, d.cfg.CatchUpTimeout, "caught up", func(s feedStatus) bool {
		p, ok := parsePos(s.CheckpointPosition)
		return ok && p.reached(target)
	})
	if err != nil {
		return err
	}
	d.res.Checkpoint = s.CheckpointPosition
	d.printf("checkpoint %s reached it %s after the workload ended\n", s.CheckpointPosition, time.Since(t).Round(10*time.Millisecond))
	return nil
}

// counts prints the messages of every topic next to the row changes of
// its table in the upstream's binlog, and fails when they differ.
func (d *demo) counts(ctx context.Context) error {
	d.header("Messages per topic, next to the row changes the upstream's binlog holds")
	tables, err := d.tpccTables(ctx)
	if err != nil {
		return err
	}
	binlog, err := binlogRows(ctx, d.db, tpccDB)
	if err != nil {
		return err
	}
	topics, err := countMessages(ctx, d.pg.Ends.Kafka)
	if err != nil {
		return err
	}
	d.res.Topics = topics
	byTopic := map[string]topicCount{}
	for _, t := range topics {
		byTopic[t.Topic] = t
	}
	skipped := map[string]bool{}
	for _, s := range d.res.Skipped {
		skipped[s] = true
	}
	for _, name := range tables {
		tc := tableCount{Table: tpccDB + "." + name, BinlogRows: binlog[name]}
		tc.Skipped = skipped[tc.Table]
		topic := dispatch.SubstituteTopic(topicRule, tpccDB, name)
		if t, ok := byTopic[topic]; ok {
			tc.Topic, tc.Messages = topic, t.Messages
		}
		d.res.Tables = append(d.res.Tables, tc)
	}
	if err := writeCounts(d.cfg.Out, d.res.Tables, topics); err != nil {
		return err
	}
	return checkCounts(d.res.Tables)
}

// checkCounts wants a topic with one message per row change for every
// captured table, and no topic for a skipped one.
func checkCounts(tables []tableCount) error {
	var bad []string
	for _, t := range tables {
		switch {
		case t.Skipped && t.Topic != "":
			bad = append(bad, fmt.Sprintf("%s has no key but has topic %s", t.Table, t.Topic))
		case !t.Skipped && t.Topic == "":
			bad = append(bad, fmt.Sprintf("%s: no topic", t.Table))
		case !t.Skipped && t.Messages != t.BinlogRows:
			bad = append(bad, fmt.Sprintf("%s: %d messages for %d row changes", t.Table, t.Messages, t.BinlogRows))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("message counts: %s", strings.Join(bad, "; "))
	}
	return nil
}

// tpccTables lists the tables of the TPC-C database upstream.
func (d *demo) tpccTables(ctx context.Context) ([]string, error) {
	rows, err := d.db.QueryContext(ctx, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", tpccDB)
	if err != nil {
		return nil, fmt.Errorf("list %s tables: %w", tpccDB, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("list %s tables: %w", tpccDB, err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list %s tables: %w", tpccDB, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no tables in database %s", tpccDB)
	}
	return out, nil
}
