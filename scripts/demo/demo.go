package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	_ "github.com/go-sql-driver/mysql" // the upstream driver

	"github.com/cdcctl/cdcctl/pkg/upstream"
	"github.com/cdcctl/cdcctl/pkg/verify"
)

// The seed guide's names: the changefeed's topic rule (examples/changefeed.conf)
// and the TPC-C database.
const (
	feedID    = "tpcc-feed"
	topicRule = "tidb_{schema}_{table}"
	tpccDB    = "tpcc"
)

// Config is one run of the demo.
type Config struct {
	Bin            string // the cdcctl binary
	ChangefeedConf string // the seed's changefeed.conf
	Warehouses     int
	// RunTime or RunCount bound `bench tpcc run` (--time, --count).
	RunTime  time.Duration
	RunCount int
	// Records is how many decoded records `cdcctl tail` shows.
	Records int
	// Out receives what the user reads: each command and its output.
	Out io.Writer
	// Log receives the commands' progress (their stderr).
	Log io.Writer
	// StartTimeout bounds the playground's start; CatchUpTimeout the wait
	// for the changefeed's checkpoint.
	StartTimeout, CatchUpTimeout time.Duration
}

// Result is what the demo observed.
type Result struct {
	Endpoints  Endpoints
	Skipped    []string // no usable key
	Tables     []tableCount
	Topics     []topicCount
	Records    []tailRecord
	Checkpoint string
	Verify     *verify.Report
	Steps      []stepTime
}

// stepTime is how long one step took.
type stepTime struct {
	Step    string
	Seconds float64
}

func (r *Result) stepTimes() string {
	parts := make([]string, len(r.Steps))
	for i, s := range r.Steps {
		parts[i] = fmt.Sprintf("%s %.1fs", s.Step, s.Seconds)
	}
	return strings.Join(parts, ", ")
}

// tableCount compares one TPC-C table's row changes upstream (its binlog)
// with the messages of its topic.
type tableCount struct {
	Table      string
	Topic      string // "" when Kafka has none
	BinlogRows int64
	Messages   int64
	Skipped    bool
}

// demo is one run in progress.
type demo struct {
	cfg  Config
	cli  *cli
	step int
	res  Result
	pg   *playground
	db   *sql.DB
}

// Run runs the whole flow on a fresh playground and stops it again, also
// when ctx ends or a step fails. It fails when anything the demo checks
// is wrong: a table without its topic, a message count that differs from
// the binlog's row changes, a record that does not decode, a difference
// found by pkg/verify.
func Run(ctx context.Context, cfg Config) (res *Result, err error) {
	d := &demo{cfg: cfg, cli: &cli{bin: cfg.Bin, log: cfg.Log}}
	start := time.Now()
	defer func() {
		if d.db != nil {
			d.db.Close()
		}
		if d.pg != nil {
			d.header("Stop the playground")
			stopErr := d.pg.stop()
			if stopErr == nil {
				d.printf("stopped; removed %s\n", d.pg.dir)
			}
			err = errors.Join(err, stopErr)
		}
		if err == nil {
			d.printf("\ndemo finished in %s (%s)\n", time.Since(start).Round(100*time.Millisecond), d.res.stepTimes())
		}
	}()
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{{"playground", d.startPlayground}, {"changefeed", d.createChangefeed}, {"prepare", d.prepare},
		{"check", d.skipped}, {"run", d.runWorkload}, {"catch-up", d.catchUp}, {"counts", d.counts},
		{"tail", d.tail}, {"query", d.query}, {"snowflake", d.snowflake}, {"verify", d.verify}}
	for _, s := range steps {
		t := time.Now()
		err := s.fn(ctx)
		d.res.Steps = append(d.res.Steps, stepTime{Step: s.name, Seconds: time.Since(t).Seconds()})
		if err != nil {
			return &d.res, fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return &d.res, nil
}

func (d *demo) header(title string) {
	d.step++
	d.printf("\n== %d. %s\n", d.step, title)
}

func (d *demo) printf(format string, args ...any) { fmt.Fprintf(d.cfg.Out, format, args...) }

// show runs a cdcctl command, printing it and its stdout.
func (d *demo) show(ctx context.Context, args ...string) ([]byte, error) {
	d.printf("$ %s\n", commandLine(args))
	out, err := d.cli.output(ctx, args...)
	d.cfg.Out.Write(out)
	return out, err
}

func (d *demo) startPlayground(ctx context.Context) error {
	d.header("Start the playground: MariaDB with the binlog on, Kafka, Schema Registry, cdcctl server")
	t := time.Now()
	pg, err := startPlayground(ctx, d.cli, d.cfg.StartTimeout)
	if err != nil {
		return err
	}
	d.pg, d.res.Endpoints = pg, pg.Ends
	e := pg.Ends
	d.printf("$ %s\n", commandLine(pg.cmd.Args[1:]))
	d.printf("MariaDB          %s\nKafka            %s\nSchema Registry  %s\ncdcctl server    %s\n(ready in %s)\n",
		e.MySQL, e.Kafka, e.Registry, e.Server, time.Since(t).Round(100*time.Millisecond))
	u, err := upstream.Parse(e.MySQL)
	if err != nil {
		return err
	}
	d.db, err = sql.Open("mysql", u.DriverDSN())
	return err
}

func (d *demo) createChangefeed(ctx context.Context) error {
	d.header("Create the changefeed: one topic per table (" + topicRule + "), partitioned by key (index-value)")
	e := d.pg.Ends
	args := []string{"changefeed", "create", "--server", e.Server, "-c", feedID,
		"--sink-uri", "kafka://" + e.Kafka + "/ticdc-meta?protocol=avro&enable-tidb-extension=true",
		"--schema-registry", e.Registry, "--config", d.cfg.ChangefeedConf}
	d.printf("$ %s\n", commandLine(args))
	out, err := d.cli.output(ctx, args...)
	for _, line := range strings.SplitAfter(string(out), "\n") {
		if strings.HasPrefix(line, "Info: ") && len(line) > 100 {
			line = line[:96] + "… (" + strconv.Itoa(len(line)) + " bytes)\n"
		}
		d.printf("%s", line)
	}
	if err != nil {
		return err
	}
	s, err := waitFeed(ctx, d.cli, e.Server, feedID, time.Minute, "streaming", func(s feedStatus) bool {
		return s.State == "normal" && s.CheckpointPosition != ""
	})
	if err != nil {
		return err
	}
	d.printf("(enable-tidb-extension adds _tidb_op and _tidb_commit_ts to each value; the last step checks order with them)\n")
	d.printf("changefeed %s is %s, streaming from %s\n", feedID, s.State, s.CheckpointPosition)
	return nil
}
