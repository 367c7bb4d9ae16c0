package verify

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/registry"
)

// Extension fields of TiCDC's value records (enable-tidb-extension).
const (
	fieldOp       = "_tidb_op"
	fieldCommitTs = "_tidb_commit_ts"
)

// checker holds one check's state.
type checker struct {
	cfg    Config
	up     upstream
	rep    *Report
	dec    *avro.Decoder
	tables []*table
	byName map[string]*table // by recordName
	order  *orderChecker
	cps    *checkpointIndex // nil without Config.Checkpoints
	seed   maphash.Seed

	lookupMu  sync.Mutex
	lookupErr error // the first registry failure; it ends the check

	withTs, withoutTs int64 // values with and without a commit ts
}

// Check consumes the topics, rebuilds the tables and compares them with
// upstream. It returns an error when the check itself could not be done
// (Kafka, the registry or the database unreachable, a table missing);
// what it finds wrong is in the report (see Report.OK).
func Check(ctx context.Context, cfg Config) (*Report, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if cfg.DB == nil {
		return nil, fmt.Errorf("verify: no upstream database")
	}
	return check(ctx, cfg, sqlUpstream{cfg.DB})
}

func check(ctx context.Context, cfg Config, up upstream) (*Report, error) {
	cfg.withDefaults()
	c := &checker{cfg: cfg, up: up, rep: &Report{}, byName: map[string]*table{}, seed: maphash.MakeSeed()}
	c.order = newOrderChecker(c)
	c.cps = newCheckpointIndex(cfg.Checkpoints)
	if err := c.loadTables(ctx); err != nil {
		return nil, err
	}
	lookup := cfg.Lookup
	if lookup == nil {
		reg, err := registry.New(cfg.RegistryURL)
		if err != nil {
			return nil, fmt.Errorf("verify: %w", err)
		}
		lookup = reg.Lookup
	}
	c.dec = avro.NewDecoder(c.recordLookupErr(lookup))
	if err := c.readKafka(ctx); err != nil {
		return nil, err
	}
	c.rep.OrderChecked = c.withTs > 0 && c.withoutTs == 0
	for _, t := range c.tables {
		if c.rep.OrderChecked {
			c.order.finish(t)
		}
		if err := c.compare(ctx, t); err != nil {
			return nil, err
		}
		c.rep.PerTable = append(c.rep.PerTable, t.rep)
	}
	if c.rep.OrderChecked {
		c.rep.CheckpointSamples = len(cfg.Checkpoints)
	} else {
		// Without commit ts only the split-key check stands.
		c.rep.Duplicates, c.rep.Replays, c.rep.LargestReplay = 0, 0, 0
		c.dropOrderFindings(KindOrder, KindReplayGap, KindLifecycle)
		c.rep.CheckpointViolations = 0
		c.dropFindings(KindCheckpoint)
	}
	return c.rep, nil
}

func (c *checker) recordLookupErr(lookup avro.SchemaLookup) avro.SchemaLookup {
	return func(ctx context.Context, id int) (string, error) {
		s, err := lookup(ctx, id)
		if err != nil {
			c.lookupMu.Lock()
			if c.lookupErr == nil {
				c.lookupErr = err
			}
			c.lookupMu.Unlock()
		}
		return s, err
	}
}

// loadTables reads the upstream definitions of the tables.
func (c *checker) loadTables(ctx context.Context) error {
	for _, tc := range c.cfg.Tables {
		db, name, _ := splitName(tc.Name)
		def, err := c.up.definition(ctx, db, name)
		if err != nil {
			return fmt.Errorf("verify: table %s: %w", tc.Name, err)
		}
		t, err := newTable(tc, def)
		if err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		c.tables = append(c.tables, t)
		for _, rn := range t.recordNames() {
			c.byName[rn] = t
		}
	}
	c.rep.Tables = len(c.tables)
	return nil
}

func (c *checker) readKafka(ctx context.Context) error {
	admin, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(c.cfg.Brokers...)}, c.cfg.KafkaOpts...)...)
	if err != nil {
		return fmt.Errorf("verify: Kafka client: %w", err)
	}
	defer admin.Close()
	names, err := c.topicNames(ctx, admin)
	if err != nil {
		return err
	}
	plans, err := c.plan(ctx, admin, names)
	if err != nil {
		return err
	}
	for _, tp := range plans {
		c.notePlan(tp)
	}
	for _, tp := range plans {
		var failed error
		err := c.consume(ctx, tp, func(r *kgo.Record) {
			if failed == nil {
				failed = c.record(ctx, r)
			}
		})
		if err = errors.Join(failed, err); err != nil {
			return err
		}
		c.cfg.Logger.Debug("verify: topic read", "topic", tp.name, "messages", c.rep.Messages)
	}
	return nil
}

func (c *checker) notePlan(tp *topicPlan) {
	if tp.missing {
		if len(c.cfg.Topics) > 0 {
			c.problem(Finding{Kind: KindNoTopic, Topic: tp.name, Detail: "the topic does not exist"})
		}
		return
	}
	c.rep.Topics++
	c.rep.Partitions += len(tp.partitions)
	for _, p := range tp.partitions {
		if tp.start[p] > 0 {
			c.problem(Finding{Kind: KindLogStart, Topic: tp.name, Partition: p, Offset: tp.start[p],
				Detail: "the log no longer starts at offset 0 (retention removed messages), so the table cannot be rebuilt"})
		}
	}
}

func (c *checker) problem(f Finding) {
	c.rep.Problems++
	c.rep.add(f, c.cfg.MaxSamples)
}

// dropOrderFindings forgets order findings of the given kinds.
func (c *checker) dropOrderFindings(kinds ...string) {
	for _, k := range kinds {
		c.rep.OrderViolations -= c.rep.Counts[k]
	}
	c.dropFindings(kinds...)
}

// dropFindings forgets the findings of the given kinds.
func (c *checker) dropFindings(kinds ...string) {
	drop := map[string]bool{}
	for _, k := range kinds {
		drop[k] = true
		delete(c.rep.Counts, k)
	}
	kept := c.rep.Findings[:0]
	for _, f := range c.rep.Findings {
		if !drop[f.Kind] {
			kept = append(kept, f)
		}
	}
	c.rep.Findings = kept
}
