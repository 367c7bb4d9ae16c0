package replicaconfig

import (
	"slices"

	"github.com/cdcctl/cdcctl/pkg/dispatch"
	"github.com/cdcctl/cdcctl/pkg/sinkuri"
)

// Warnings lists settings TiCDC accepts but overrides, ignores or
// replaces, so that a user sees them before the changefeed runs: URI
// values overriding the file, unknown compression or partition values,
// codec options the protocol ignores.
func (c *ReplicaConfig) Warnings() []string {
	w := append([]string(nil), c.notes...)
	if k := c.Sink.KafkaConfig; k != nil {
		w = append(w, k.Kafka.Warnings()...)
	}
	if rt, err := dispatch.New(c.DispatchConfig(nil), "default-topic"); err == nil {
		w = append(w, rt.Warnings()...)
	}
	p := c.Protocol()
	cc := c.codecConfig()
	ext := boolOf(cc.EnableTiDBExtension)
	if ext && p != "avro" && p != "canal-json" && p != "debezium" && p != "" {
		w = append(w, "enable-tidb-extension is ignored: only canal-json, avro and debezium support it")
	}
	if boolOf(cc.AvroEnableWatermark) && (!ext || p != "avro") {
		w = append(w, "avro-enable-watermark is ignored: it needs the avro protocol and enable-tidb-extension=true")
	}
	if p == "avro" && boolOf(c.Sink.OnlyOutputUpdatedColumns) {
		w = append(w, "only-output-updated-columns is ignored by the avro protocol")
	}
	if boolOf(c.EnableSyncPoint) {
		w = append(w, "enable-sync-point is ignored: sync points are written only to database sinks")
	}
	if c.Consistent.Level == "eventual" {
		w = append(w, `consistent.level "eventual" (redo log) is not implemented by the cdcctl engine; a TiCDC server honours it`)
	}
	return w
}

// WarningsWith lists the sink URI's warnings, then the configuration's,
// each once: the configuration holds the URI's Kafka options merged in,
// so both would report a bad one.
func (c *ReplicaConfig) WarningsWith(u *sinkuri.URI) []string {
	var w []string
	for _, s := range append(u.Warnings(), c.Warnings()...) {
		if !slices.Contains(w, s) {
			w = append(w, s)
		}
	}
	return w
}
