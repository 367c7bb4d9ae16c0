package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-mysql-org/go-mysql/canal"
	gomysql "github.com/go-mysql-org/go-mysql/mysql"
	"github.com/go-mysql-org/go-mysql/replication"
	"github.com/riferrei/srclient"
	kafkago "github.com/segmentio/kafka-go"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// baselineSpec is the baseline child's job.
type baselineSpec struct {
	Addr     string         `json:"addr"`
	User     string         `json:"user"`
	ServerID uint32         `json:"server_id"`
	Start    event.Position `json:"start"`
	End      event.Position `json:"end"`
	Broker   string         `json:"broker"`
	Registry string         `json:"registry"`
	// Tuned applies the fix users find for kafka-go's 1 s wait (#1180,
	// #343): BatchTimeout 10 ms; and acks=all, cdcctl's durability.
	Tuned  bool          `json:"tuned"`
	Cap    time.Duration `json:"cap"`
	Tables []string      `json:"tables"` // filter rules, "db.table" with * wildcards
}

// naiveHandler is the pipeline a user writes with the usual libraries:
// canal calls OnRow per rows event; each row becomes a map, goavro encodes
// it; messages are written with kafka-go's Writer when the transaction
// commits (then the position could be saved: at-least-once).
type naiveHandler struct {
	canal.DummyEventHandler
	ctx     context.Context
	reg     *srclient.SchemaRegistryClient
	writer  *kafkago.Writer
	tables  map[string]*naiveTable
	pending []kafkago.Message
	rows    atomic.Int64 // written (acknowledged, or handed over with acks=none)
	txnRows int64
	end     event.Position
	done    chan struct{}
	once    sync.Once
}

func (h *naiveHandler) OnRow(e *canal.RowsEvent) error {
	nt, ok := h.tables[e.Table.String()]
	if !ok {
		var err error
		if nt, err = newNaiveTable(h.reg, e.Table); err != nil {
			return err
		}
		h.tables[e.Table.String()] = nt
	}
	step, del := 1, e.Action == canal.DeleteAction
	if e.Action == canal.UpdateAction {
		step = 2 // before and after images; the message carries the after image
	}
	for i := 0; i+step <= len(e.Rows); i += step {
		key, value, err := nt.encode(e.Rows[i+step-1], del)
		if err != nil {
			return err
		}
		h.pending = append(h.pending, kafkago.Message{Topic: nt.topic, Key: key, Value: value})
		h.txnRows++
	}
	return nil
}

func (h *naiveHandler) OnTableChanged(_ *replication.EventHeader, schema, table string) error {
	delete(h.tables, schema+"."+table)
	return nil
}

func (h *naiveHandler) OnXID(_ *replication.EventHeader, next gomysql.Position) error {
	if len(h.pending) > 0 {
		if err := h.writer.WriteMessages(h.ctx, h.pending...); err != nil {
			return fmt.Errorf("kafka-go write: %w", err)
		}
		h.pending = h.pending[:0]
	}
	h.rows.Add(h.txnRows)
	h.txnRows = 0
	if reached(event.Position{File: next.Name, Pos: next.Pos}, h.end) {
		h.once.Do(func() { close(h.done) })
	}
	return nil
}

func (h *naiveHandler) String() string { return "naive" }

// runBaselineChild runs the naive pipeline over spec's range on "go".
func runBaselineChild(ctx context.Context, specJSON string) error {
	var spec baselineSpec
	if err := json.Unmarshal([]byte(specJSON), &spec); err != nil {
		return fmt.Errorf("baseline spec: %w", err)
	}
	cfg := canal.NewDefaultConfig()
	cfg.Addr, cfg.User, cfg.Password, cfg.ServerID, cfg.Flavor = spec.Addr, spec.User, "", spec.ServerID, gomysql.MariaDBFlavor
	cfg.Dump.ExecutionPath = "" // binlog only
	for _, rule := range spec.Tables {
		cfg.IncludeTableRegex = append(cfg.IncludeTableRegex, "^"+strings.ReplaceAll(regexp.QuoteMeta(rule), `\*`, ".*")+"$")
	}
	cfg.Logger = slog.New(slog.DiscardHandler)
	c, err := canal.NewCanal(cfg)
	if err != nil {
		return fmt.Errorf("canal: %w", err)
	}
	w := &kafkago.Writer{Addr: kafkago.TCP(spec.Broker), Balancer: &kafkago.Hash{}, AllowAutoTopicCreation: true}
	if spec.Tuned {
		w.BatchTimeout, w.RequiredAcks = 10*time.Millisecond, kafkago.RequireAll
	}
	defer w.Close()
	h := &naiveHandler{ctx: ctx, reg: srclient.CreateSchemaRegistryClient(spec.Registry), writer: w,
		tables: map[string]*naiveTable{}, end: spec.End, done: make(chan struct{})}
	c.SetEventHandler(h)
	in := bufio.NewScanner(os.Stdin)
	emit(childEvent{Event: "ready"})
	if err := waitGo(ctx, in); err != nil {
		return err
	}
	start := time.Now()
	runErr := make(chan error, 1)
	go func() { runErr <- c.RunFrom(gomysql.Position{Name: spec.Start.File, Pos: spec.Start.Pos}) }()
	capped := false
	select {
	case <-h.done:
	case err := <-runErr:
		return fmt.Errorf("canal stopped: %v", err)
	case <-time.After(spec.Cap):
		capped = true
	case <-ctx.Done():
		return ctx.Err()
	}
	elapsed, rows := time.Since(start), h.rows.Load()
	c.Close()
	<-runErr
	emit(childEvent{Event: "done", Rows: rows, ElapsedNs: int64(elapsed), Capped: capped})
	waitEOF(ctx, in)
	return nil
}

// baselineRun is one naive-pipeline measurement.
type baselineRun struct {
	Rows    int64
	Elapsed time.Duration
	CPU     float64
	PeakRSS int64
	Capped  bool
}

func (r baselineRun) rate() float64 { return float64(r.Rows) / r.Elapsed.Seconds() }

// measureBaseline runs the naive pipeline over rng in a child.
func measureBaseline(ctx context.Context, o *options, up *upstream, b *broker, rng binlogRange, tuned bool) (baselineRun, error) {
	spec := baselineSpec{Addr: fmt.Sprintf("%s:%d", up.host, up.port), User: up.user, ServerID: up.nextServerID(),
		Start: rng.Start, End: rng.End, Broker: b.addr, Registry: b.registry, Tuned: tuned, Cap: o.baselineCap, Tables: rng.Tables}
	c, err := startChild("baseline", spec, nil, o.verbose)
	if err != nil {
		return baselineRun{}, err
	}
	defer c.stop()
	if _, err := c.expect(ctx, "ready", time.Minute); err != nil {
		return baselineRun{}, err
	}
	meter := newCPUMeter(map[string]int{"baseline": c.pid()})
	if err := c.send("go"); err != nil {
		return baselineRun{}, err
	}
	ev, err := c.expect(ctx, "done", o.baselineCap+5*time.Minute)
	if err != nil {
		return baselineRun{}, err
	}
	cpu := meter.since()
	ps, _ := readProc(c.pid())
	return baselineRun{Rows: ev.Rows, Elapsed: time.Duration(ev.ElapsedNs), CPU: cpu["baseline"], PeakRSS: ps.PeakRSS, Capped: ev.Capped}, nil
}
