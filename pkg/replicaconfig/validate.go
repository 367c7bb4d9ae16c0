package replicaconfig

import (
	"errors"
	"fmt"

	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/filter"
)

// Validate checks the configuration for a Kafka sink with TiCDC's rules
// (call ApplySinkURI first, so URI values count). When it passes, TiCDC's
// adjustments are applied: a rule's old "dispatcher" key becomes its
// partition, a zero memory-quota or advance-timeout-in-sec takes the
// default, an empty large-message-handle option becomes "none". When it
// fails, c is left unchanged. The error is one line naming the setting,
// e.g. `sink.dispatchers[0]: invalid topic expression "t_{table}": topic
// rule for Avro must contain {schema} and {table}, in that order`.
func (c *ReplicaConfig) Validate() error {
	n := c.Clone()
	n.adjust()
	if err := n.check(); err != nil {
		return err
	}
	*c = *n
	return nil
}

func (c *ReplicaConfig) adjust() {
	for i := range c.Sink.DispatchRules {
		r := &c.Sink.DispatchRules[i]
		if r.Partition == "" && r.Dispatcher != "" {
			r.Partition, r.Dispatcher = r.Dispatcher, ""
		}
	}
	if c.MemoryQuota == 0 {
		c.MemoryQuota = DefaultMemoryQuota
	}
	if c.Sink.AdvanceTimeoutInSec == nil || *c.Sink.AdvanceTimeoutInSec == 0 {
		c.Sink.AdvanceTimeoutInSec = ptr(uint(DefaultAdvanceTimeoutInSec))
	}
	if c.Sink.Terminator == nil {
		c.Sink.Terminator = ptr("\r\n")
	}
	if k := c.Sink.KafkaConfig; k != nil && k.LargeMessageHandle != nil {
		if k.LargeMessageHandle.LargeMessageHandleOption == "" {
			k.LargeMessageHandle.LargeMessageHandleOption = "none"
		}
		if k.LargeMessageHandle.LargeMessageHandleCompression == "" {
			k.LargeMessageHandle.LargeMessageHandleCompression = "none"
		}
	}
}

// check runs every rule; the first failure is returned.
func (c *ReplicaConfig) check() error {
	for _, step := range []func() error{
		c.checkSink, c.checkDispatch, c.checkFilter, c.checkKafka, c.checkCodec,
		c.checkLargeMessage, c.checkAvro, c.checkIntegrity, c.checkTiming, c.checkConsistent, c.checkScheduler,
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// checkDispatch compiles the dispatchers and column selectors exactly as
// the changefeed will.
func (c *ReplicaConfig) checkDispatch() error {
	for i, r := range c.Sink.DispatchRules {
		if r.Dispatcher != "" && r.Partition != "" && r.Dispatcher != r.Partition {
			return fmt.Errorf("sink.dispatchers[%d]: dispatcher and partition cannot be configured both (dispatcher %q, partition %q)", i, r.Dispatcher, r.Partition)
		}
	}
	_, err := dispatch.New(c.DispatchConfig(nil), "default-topic")
	return err
}

func (c *ReplicaConfig) checkFilter() error {
	_, err := filter.New(c.FilterConfig(nil))
	return err
}

func (c *ReplicaConfig) checkIntegrity() error {
	in := c.Integrity
	if in.IntegrityCheckLevel != "none" && in.IntegrityCheckLevel != "correctness" {
		return fmt.Errorf(`integrity: parameter "integrity-check-level": want "none" or "correctness", got %q`, in.IntegrityCheckLevel)
	}
	if in.CorruptionHandleLevel != "warn" && in.CorruptionHandleLevel != "error" {
		return fmt.Errorf(`integrity: parameter "corruption-handle-level": want "warn" or "error", got %q`, in.CorruptionHandleLevel)
	}
	if in.Enabled() && len(c.Sink.ColumnSelectors) > 0 {
		return errors.New("integrity: integrity check enabled and column selector set, not allowed")
	}
	return nil
}

func (c *ReplicaConfig) checkTiming() error {
	if boolOf(c.EnableSyncPoint) {
		if d := c.SyncPointInterval; d != nil && d.D() < minSyncPointInterval {
			return fmt.Errorf(`parameter "sync-point-interval": must be at least %s, got %s`, minSyncPointInterval, d)
		}
		if d := c.SyncPointRetention; d != nil && d.D() < minSyncPointRetention {
			return fmt.Errorf(`parameter "sync-point-retention": must be at least %s, got %s`, minSyncPointRetention, d)
		}
	}
	if d := c.ChangefeedErrorStuckDuration; d != nil && d.D() < minErrorStuckDuration {
		return fmt.Errorf(`parameter "changefeed-error-stuck-duration": must be at least %s, got %s`, minErrorStuckDuration, d)
	}
	return nil
}

func (c *ReplicaConfig) checkConsistent() error {
	cs := c.Consistent
	switch cs.Level {
	case "none", "":
		return nil
	case "eventual":
	default:
		return fmt.Errorf(`consistent: parameter "level": want "none" or "eventual", got %q`, cs.Level)
	}
	if cs.FlushIntervalInMs != 0 && cs.FlushIntervalInMs < 50 {
		return fmt.Errorf(`consistent: parameter "flush-interval": must be at least 50 (ms), got %d`, cs.FlushIntervalInMs)
	}
	if cs.MetaFlushIntervalInMs != 0 && cs.MetaFlushIntervalInMs < 50 {
		return fmt.Errorf(`consistent: parameter "meta-flush-interval": must be at least 50 (ms), got %d`, cs.MetaFlushIntervalInMs)
	}
	if cs.Compression != "" && cs.Compression != "none" && cs.Compression != "lz4" {
		return fmt.Errorf(`consistent: parameter "compression": want "none" or "lz4", got %q`, cs.Compression)
	}
	if cs.Storage == "" {
		return errors.New(`consistent: parameter "storage": required when level is "eventual"`)
	}
	return nil
}

func (c *ReplicaConfig) checkScheduler() error {
	s := c.Scheduler
	if !s.EnableTableAcrossNodes {
		return nil
	}
	if s.RegionThreshold < 0 {
		return fmt.Errorf(`scheduler: parameter "region-threshold": must be >= 0, got %d`, s.RegionThreshold)
	}
	if s.WriteKeyThreshold < 0 {
		return fmt.Errorf(`scheduler: parameter "write-key-threshold": must be >= 0, got %d`, s.WriteKeyThreshold)
	}
	return nil
}
