package verify

import "fmt"

// histEntry is one distinct message in a key's history: a value (commit
// ts and a hash of the framed value bytes) or a tombstone.
type histEntry struct {
	ts   uint64
	h    uint64
	tomb bool
}

// keyOrder is the state of the delivery-run parser (see the package
// documentation) for one key.
type keyOrder struct {
	hist []histEntry
	// next is the history index the current run delivers next if it
	// continues; len(hist) at the frontier.
	next int
	// pending is a tombstone not yet known to be new or re-delivered;
	// the next value of the key (or the end of the log) decides.
	pending   bool
	pendingAt position
	maxTs     uint64
}

type histID struct {
	k     *keyState
	ts, h uint64
}

type partID struct {
	topic     string
	partition int32
}

// partRun tracks the current run of consecutive duplicates in a partition.
type partRun struct {
	inRun bool
	n     int64
}

// orderChecker parses every key's log into delivery runs, counting
// duplicates and reporting violations.
type orderChecker struct {
	c     *checker
	index map[histID]int // valued history entries by identity
	parts map[partID]*partRun
}

func newOrderChecker(c *checker) *orderChecker {
	return &orderChecker{c: c, index: map[histID]int{}, parts: map[partID]*partRun{}}
}

// valued takes the next value message of key k.
func (o *orderChecker) valued(t *table, k *keyState, ts, h uint64, op string, at position) {
	ko := &k.order
	if !ko.pending && ko.next < len(ko.hist) {
		if e := ko.hist[ko.next]; !e.tomb && e.ts == ts && e.h == h {
			ko.next++ // the run goes on re-delivering
			o.dup(at, 1)
			return
		}
	}
	if q, ok := o.index[histID{k, ts, h}]; ok {
		if ko.pending && q >= 1 && ko.hist[q-1].tomb {
			// The pending tombstone was a run restarting just before q.
			o.restart(t, k, q-1, ko.pendingAt)
			ko.pending = false
			ko.next = q + 1
			o.dup(at, 2)
			return
		}
		if ko.pending {
			o.settleTombstone(t, k)
		}
		o.restart(t, k, q, at)
		ko.next = q + 1
		o.dup(at, 1)
		return
	}
	if ko.pending {
		o.settleTombstone(t, k)
	}
	o.fresh(at)
	o.c.checkFresh(t, k, ts, at)
	if ko.next < len(ko.hist) {
		o.violation(KindReplayGap, t, k, at, fmt.Sprintf(
			"a new change arrived while %d message(s) of the key sent before a restart were not sent again", len(ko.hist)-ko.next))
	}
	if ts < ko.maxTs {
		o.violation(KindOrder, t, k, at, fmt.Sprintf("commit ts %d is older than commit ts %d already seen for the key", ts, ko.maxTs))
	}
	o.lifecycle(t, k, op, ts, at)
	ko.hist = append(ko.hist, histEntry{ts: ts, h: h})
	o.index[histID{k, ts, h}] = len(ko.hist) - 1
	ko.next = len(ko.hist)
	ko.maxTs = max(ko.maxTs, ts)
}

// tombstone takes the next tombstone of key k.
func (o *orderChecker) tombstone(t *table, k *keyState, at position) {
	ko := &k.order
	switch {
	case ko.pending:
		// Two tombstones in a row: the second cannot be a new delete.
		o.dup(at, 1)
	case ko.next < len(ko.hist) && ko.hist[ko.next].tomb:
		ko.next++
		o.dup(at, 1)
	case ko.next == len(ko.hist) && len(ko.hist) > 0 && ko.hist[len(ko.hist)-1].tomb:
		// The key is already absent, so this re-delivers a tombstone.
		o.dup(at, 1)
	default:
		ko.pending, ko.pendingAt = true, at
	}
}

// restart checks a run that (re)starts at history index q: it may begin
// anywhere up to the message the previous run would have sent next.
func (o *orderChecker) restart(t *table, k *keyState, q int, at position) {
	if q > k.order.next {
		o.violation(KindReplayGap, t, k, at, fmt.Sprintf(
			"a re-delivery skipped %d message(s) of the key", q-k.order.next))
	}
}

// settleTombstone makes the pending tombstone a new message.
func (o *orderChecker) settleTombstone(t *table, k *keyState) {
	ko := &k.order
	ko.pending = false
	at := ko.pendingAt
	if ko.next < len(ko.hist) {
		o.violation(KindReplayGap, t, k, at, fmt.Sprintf(
			"a new delete arrived while %d message(s) of the key sent before a restart were not sent again", len(ko.hist)-ko.next))
	}
	if n := len(ko.hist); n > 0 && ko.hist[n-1].tomb {
		o.violation(KindLifecycle, t, k, at, "delete of a key whose row was already deleted")
	}
	ko.hist = append(ko.hist, histEntry{tomb: true})
	ko.next = len(ko.hist)
}

// lifecycle checks a new value against the row's state: TiDB's _tidb_op
// says "c" only for an absent key, "u" only for a present one.
func (o *orderChecker) lifecycle(t *table, k *keyState, op string, ts uint64, at position) {
	ko := &k.order
	n := len(ko.hist)
	if n == 0 {
		return // the key's first message: its earlier life predates the log
	}
	last := ko.hist[n-1]
	present := !last.tomb
	if present && t.truncTs != 0 && last.ts < t.truncTs && ts >= t.truncTs {
		present = false // removed by the TRUNCATE
	}
	switch {
	case op == "c" && present:
		o.violation(KindLifecycle, t, k, at, fmt.Sprintf("insert of a key whose row is present (changed at commit ts %d)", last.ts))
	case op == "u" && !present:
		o.violation(KindLifecycle, t, k, at, "update of a key whose row was deleted")
	}
}

// finish settles what the end of the log decides.
func (o *orderChecker) finish(t *table) {
	for _, k := range t.keys {
		ko := &k.order
		if ko.pending {
			o.settleTombstone(t, k)
		}
		if ko.next < len(ko.hist) {
			o.violation(KindReplayGap, t, k, k.last, fmt.Sprintf(
				"the log ends inside a re-delivery: %d later message(s) of the key were not sent again", len(ko.hist)-ko.next))
		}
	}
}

func (o *orderChecker) part(at position) *partRun {
	id := partID{at.topic, at.partition}
	pr := o.parts[id]
	if pr == nil {
		pr = &partRun{}
		o.parts[id] = pr
	}
	return pr
}

// dup counts n duplicates ending at at; they extend the partition's
// current run of duplicates or start one. (A re-delivered tombstone that
// was pending is counted with the value after it.)
func (o *orderChecker) dup(at position, n int64) {
	rep := o.c.rep
	rep.Duplicates += n
	pr := o.part(at)
	if !pr.inRun {
		rep.Replays++
		pr.inRun, pr.n = true, 0
	}
	pr.n += n
	rep.LargestReplay = max(rep.LargestReplay, pr.n)
}

func (o *orderChecker) fresh(at position) { o.part(at).inRun = false }

func (o *orderChecker) violation(kind string, t *table, k *keyState, at position, detail string) {
	o.c.rep.OrderViolations++
	o.c.rep.add(Finding{Kind: kind, Table: t.cfg.Name, Key: t.keyText(k.key),
		Topic: at.topic, Partition: at.partition, Offset: at.offset, Detail: detail}, o.c.cfg.MaxSamples)
}
