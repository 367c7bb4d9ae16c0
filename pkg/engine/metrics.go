package engine

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/cdcctl/cdcctl/pkg/event"
)

// runTotals are a feed's counters summed over finished runs, so that the
// exported counters never go backwards when a changefeed restarts.
type runTotals struct {
	rowsRead, rowsWritten, messages, bytes, batches int64
	tables                                          map[string][4]int64 // insert, update, delete, snapshot
	restarts                                        int64
}

func (t *runTotals) add(s *Stats) {
	t.rowsRead += s.RowsRead.Load()
	t.rowsWritten += s.RowsWritten.Load()
	t.messages += s.Messages.Load()
	t.bytes += s.Bytes.Load()
	t.batches += s.Batches.Load()
	if t.tables == nil {
		t.tables = map[string][4]int64{}
	}
	for k, v := range s.TableRows() {
		cur := t.tables[k]
		for i := range v {
			cur[i] += v[i]
		}
		t.tables[k] = cur
	}
}

// Metrics exports the engine's changefeeds in Prometheus' format. Counters
// and gauges are read from the changefeeds when scraped; the latency
// histograms are observed by the runs.
type Metrics struct {
	e         *Engine
	encodeDur *prometheus.HistogramVec
	writeDur  *prometheus.HistogramVec
	descs     map[string]*prometheus.Desc
}

func newMetrics(e *Engine) *Metrics {
	labels := []string{"namespace", "changefeed"}
	d := func(name, help string, extra ...string) *prometheus.Desc {
		return prometheus.NewDesc("cdcctl_changefeed_"+name, help, append(append([]string(nil), labels...), extra...), nil)
	}
	buckets := prometheus.ExponentialBuckets(0.0001, 2.5, 14) // 100µs … ~15s
	return &Metrics{
		e: e,
		encodeDur: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "cdcctl_changefeed_encode_seconds",
			Help: "Time to filter, route and encode one batch.", Buckets: buckets}, labels),
		writeDur: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "cdcctl_changefeed_produce_seconds",
			Help: "Time from handing messages to Kafka to their acknowledgement, per write.", Buckets: buckets}, labels),
		descs: map[string]*prometheus.Desc{
			"rows_read":      d("rows_read_total", "Row changes read from the upstream."),
			"rows_written":   d("rows_written_total", "Row changes acknowledged by Kafka."),
			"messages":       d("messages_total", "Kafka messages acknowledged."),
			"bytes":          d("bytes_total", "Bytes of encoded messages acknowledged."),
			"batches":        d("batches_total", "Transactions (batches) acknowledged."),
			"table_rows":     d("table_rows_total", "Row changes encoded per table and kind (insert, update, delete; snapshot for rows of the initial copy).", "table", "op"),
			"restarts":       d("restarts_total", "Runs restarted after an error."),
			"checkpoint_ts":  d("checkpoint_ts", "Commit TSO of the checkpoint."),
			"checkpoint_lag": d("checkpoint_lag_seconds", "Wall time minus the checkpoint's commit time."),
			"state":          d("state", "1 for the changefeed's current state.", "state"),
		},
	}
}

// observers returns the histogram hooks for one feed's runs.
func (m *Metrics) observers(ns, id string) (encode, write func(time.Duration)) {
	enc := m.encodeDur.WithLabelValues(ns, id)
	wr := m.writeDur.WithLabelValues(ns, id)
	return func(d time.Duration) { enc.Observe(d.Seconds()) }, func(d time.Duration) { wr.Observe(d.Seconds()) }
}

// Describe implements prometheus.Collector.
func (m *Metrics) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range m.descs {
		ch <- d
	}
	m.encodeDur.Describe(ch)
	m.writeDur.Describe(ch)
}

// Collect implements prometheus.Collector.
func (m *Metrics) Collect(ch chan<- prometheus.Metric) {
	now := m.e.opts.Now()
	m.e.mu.Lock()
	feeds := make([]*feed, 0, len(m.e.feeds))
	for _, f := range m.e.feeds {
		feeds = append(feeds, f)
	}
	m.e.mu.Unlock()
	for _, f := range feeds {
		st := f.status()
		t := f.totalsNow()
		ns, id := f.key.Namespace, f.key.ID
		counter := func(name string, v int64, extra ...string) {
			ch <- prometheus.MustNewConstMetric(m.descs[name], prometheus.CounterValue, float64(v), append([]string{ns, id}, extra...)...)
		}
		counter("rows_read", t.rowsRead)
		counter("rows_written", t.rowsWritten)
		counter("messages", t.messages)
		counter("bytes", t.bytes)
		counter("batches", t.batches)
		counter("restarts", t.restarts)
		for table, n := range t.tables {
			counter("table_rows", n[0], table, "insert")
			counter("table_rows", n[1], table, "update")
			counter("table_rows", n[2], table, "delete")
			counter("table_rows", n[3], table, "snapshot")
		}
		ch <- prometheus.MustNewConstMetric(m.descs["checkpoint_ts"], prometheus.GaugeValue, float64(st.Checkpoint.CommitTs), ns, id)
		lag := 0.0
		if st.Checkpoint.CommitTs > 0 {
			lag = now.Sub(event.TSOTime(st.Checkpoint.CommitTs)).Seconds()
		}
		ch <- prometheus.MustNewConstMetric(m.descs["checkpoint_lag"], prometheus.GaugeValue, lag, ns, id)
		for _, s := range []State{StateNormal, StatePending, StateWarning, StateStopped, StateFailed, StateFinished} {
			v := 0.0
			if st.State == s {
				v = 1
			}
			ch <- prometheus.MustNewConstMetric(m.descs["state"], prometheus.GaugeValue, v, ns, id, string(s))
		}
	}
	m.encodeDur.Collect(ch)
	m.writeDur.Collect(ch)
}
