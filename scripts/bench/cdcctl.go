package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"runtime/trace"
	"strings"
	"time"

	"github.com/cdcctl/cdcctl/pkg/engine"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/meta"
)

// engineSpec is the engine child's job: one changefeed, and where its
// checkpoint must get to (zero End: run until stdin closes).
type engineSpec struct {
	Def         engine.Definition `json:"def"`
	End         event.Position    `json:"end"`
	CPUProfile  string            `json:"cpu_profile,omitempty"`
	HeapProfile string            `json:"heap_profile,omitempty"`
	Trace       string            `json:"trace,omitempty"`
	MemoryLimit int64             `json:"memory_limit,omitempty"` // engine.Options.MemoryLimit; 0 = its default
}

// feedID is the bench changefeed's ID.
const feedID = "bench"

// changefeed returns the definition the bench runs: the Confluent guide's
// changefeed (topic per table, index-value dispatch, Avro with the
// registry), 3 partitions, replication factor 1 (one broker).
func changefeed(up *upstream, b *broker, start event.Position, tables []string) engine.Definition {
	rules, _ := json.Marshal(tables)
	cfg := fmt.Sprintf(`{"filter":{"rules":%s},"sink":{"schema_registry":%q,"dispatchers":[{"matcher":["*.*"],"topic":"tidb_{schema}_{table}","partition":"index-value"}]}}`, rules, b.registry)
	return engine.Definition{
		ID:            feedID,
		SinkURI:       fmt.Sprintf("kafka://%s/ticdc-meta?protocol=avro&partition-num=%d&replication-factor=1&auto-create-topic=true", b.addr, partitions),
		Config:        json.RawMessage(cfg),
		Upstream:      up.url,
		Snapshot:      engine.SnapshotNever,
		StartPosition: start,
		TimeZone:      "UTC",
		ServerID:      up.nextServerID(),
	}
}

// runEngineChild runs pkg/engine in this process: it creates the
// changefeed on "go" and reports when the checkpoint reaches spec.End.
func runEngineChild(ctx context.Context, specJSON string) error {
	var spec engineSpec
	if err := json.Unmarshal([]byte(specJSON), &spec); err != nil {
		return fmt.Errorf("engine spec: %w", err)
	}
	dir, err := os.MkdirTemp("", "cdcctl-bench-engine-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	store, err := meta.OpenBolt(filepath.Join(dir, "meta.db"))
	if err != nil {
		return err
	}
	defer store.Close()
	e, err := engine.New(ctx, engine.Options{Store: store, TimeZone: "UTC", MemoryLimit: spec.MemoryLimit})
	if err != nil {
		return err
	}
	defer e.Close(context.Background())
	in := bufio.NewScanner(os.Stdin)
	emit(childEvent{Event: "ready"})
	if err := waitGo(ctx, in); err != nil {
		return err
	}
	if spec.CPUProfile != "" {
		if err := startCPUProfile(spec.CPUProfile); err != nil {
			return err
		}
	}
	if spec.Trace != "" {
		f, err := os.Create(spec.Trace)
		if err != nil {
			return err
		}
		if err := trace.Start(f); err != nil {
			return err
		}
		defer f.Close()
	}
	if spec.HeapProfile != "" {
		stopPeak := keepPeakHeap(strings.Replace(spec.HeapProfile, ".allocs.", ".peak-heap.", 1))
		defer stopPeak()
	}
	start := time.Now()
	if _, err := e.Create(ctx, spec.Def); err != nil {
		return fmt.Errorf("create changefeed: %w", err)
	}
	if spec.End.IsZero() {
		emit(childEvent{Event: "running", ElapsedNs: int64(time.Since(start))})
	} else {
		st, err := waitCheckpoint(ctx, e, spec.End)
		if err != nil {
			return err
		}
		elapsed := time.Since(start)
		pprof.StopCPUProfile()
		trace.Stop()
		if err := writeHeapProfile(spec.HeapProfile); err != nil {
			return err
		}
		emit(childEvent{Event: "caught_up", ElapsedNs: int64(elapsed), Rows: st.RowsWritten, RowsRead: st.RowsRead})
	}
	waitEOF(ctx, in)
	pprof.StopCPUProfile()
	st, _ := e.Get("default", feedID)
	emit(childEvent{Event: "stopped", Rows: st.RowsWritten, RowsRead: st.RowsRead})
	return nil
}

// waitCheckpoint polls the changefeed every millisecond until its
// checkpoint reaches end; an error state fails it.
func waitCheckpoint(ctx context.Context, e *engine.Engine, end event.Position) (engine.Status, error) {
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		st, err := e.Get("default", feedID)
		if err != nil {
			return st, err
		}
		if reached(st.Checkpoint.Pos, end) {
			return st, nil
		}
		if st.LastError != nil || st.State == engine.StateFailed {
			return st, fmt.Errorf("changefeed %s: %+v", st.State, st.LastError)
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return st, ctx.Err()
		}
	}
}

// catchUp is one cdcctl catch-up measurement.
type catchUp struct {
	Rows        int64
	Elapsed     time.Duration
	CPU         float64 // engine child CPU seconds during the catch-up
	PeakRSS     int64   // engine child VmHWM, bytes
	BrokerCPU   float64
	UpstreamCPU float64
}

func (c catchUp) rate() float64 { return float64(c.Rows) / c.Elapsed.Seconds() }

// measureCatchUp runs a changefeed over rng in an engine child against b
// and measures it from creation to the checkpoint reaching rng.End.
func measureCatchUp(ctx context.Context, o *options, up *upstream, b *broker, rng binlogRange, label string) (catchUp, error) {
	spec := engineSpec{Def: changefeed(up, b, rng.Start, rng.Tables), End: rng.End, MemoryLimit: o.engineMemory}
	if o.profileDir != "" {
		spec.CPUProfile = filepath.Join(o.profileDir, label+".cpu.pprof")
		spec.HeapProfile = filepath.Join(o.profileDir, label+".allocs.pprof")
		if o.trace {
			spec.Trace = filepath.Join(o.profileDir, label+".trace")
		}
	}
	var env []string
	if o.engineEnv != "" {
		env = strings.Split(o.engineEnv, ",")
	}
	c, err := startChild("engine", spec, env, o.verbose)
	if err != nil {
		return catchUp{}, err
	}
	defer c.stop()
	if _, err := c.expect(ctx, "ready", time.Minute); err != nil {
		return catchUp{}, err
	}
	meter := newCPUMeter(map[string]int{"engine": c.pid(), "broker": b.pid(), "upstream": pidFromFile(up.pidFile)})
	if err := c.send("go"); err != nil {
		return catchUp{}, err
	}
	ev, err := c.expect(ctx, "caught_up", time.Hour)
	if err != nil {
		return catchUp{}, err
	}
	cpu := meter.since()
	ps, err := readProc(c.pid())
	if err != nil {
		return catchUp{}, err
	}
	return catchUp{Rows: ev.Rows, Elapsed: time.Duration(ev.ElapsedNs), CPU: cpu["engine"], PeakRSS: ps.PeakRSS,
		BrokerCPU: cpu["broker"], UpstreamCPU: cpu["upstream"]}, nil
}
