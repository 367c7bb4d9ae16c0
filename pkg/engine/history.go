package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/schema"
)

// schemaHistory keeps the schema tracker's state after each DDL, so the
// persister can store, with a checkpoint, the definitions that decode every
// row after it.
type schemaHistory struct {
	mu      sync.Mutex
	entries []historyEntry // by commit ts
}

type historyEntry struct {
	ts    uint64
	state []byte
}

func newSchemaHistory(ts uint64, t *schema.Tracker) (*schemaHistory, error) {
	h := &schemaHistory{}
	return h, h.add(ts, t)
}

// add records the tracker's state as of commit ts. The reader calls it,
// the only goroutine that changes the tracker.
func (h *schemaHistory) add(ts uint64, t *schema.Tracker) error {
	b, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("schema history: %w", err)
	}
	h.mu.Lock()
	h.entries = append(h.entries, historyEntry{ts: ts, state: b})
	h.mu.Unlock()
	return nil
}

// at returns the state that holds at checkpoint p and forgets older ones.
func (h *schemaHistory) at(_ context.Context, p checkpoint.Point) ([]byte, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	i := 0
	for j, e := range h.entries {
		if e.ts <= p.CommitTs {
			i = j
		}
	}
	h.entries = h.entries[i:]
	return h.entries[0].state, nil
}
