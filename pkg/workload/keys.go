package workload

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
)

// keySet is the set of keys a worker owns that have a row, kept in a
// slice so that drawing from it is deterministic.
type keySet struct {
	keys []int64
	pos  map[int64]int
}

func newKeySet() *keySet { return &keySet{pos: map[int64]int{}} }

func (s *keySet) len() int { return len(s.keys) }

func (s *keySet) has(k int64) bool {
	_, ok := s.pos[k]
	return ok
}

func (s *keySet) add(k int64) {
	if s.has(k) {
		return
	}
	s.pos[k] = len(s.keys)
	s.keys = append(s.keys, k)
}

func (s *keySet) remove(k int64) {
	i, ok := s.pos[k]
	if !ok {
		return
	}
	last := len(s.keys) - 1
	s.keys[i] = s.keys[last]
	s.pos[s.keys[i]] = i
	s.keys = s.keys[:last]
	delete(s.pos, k)
}

func (s *keySet) pick(r *rand.Rand) int64 { return s.keys[r.IntN(len(s.keys))] }

// reset replaces the set with keys, in ascending order.
func (s *keySet) reset(keys []int64) {
	slices.Sort(keys)
	s.keys = keys
	s.pos = make(map[int64]int, len(keys))
	for i, k := range keys {
		s.pos[k] = i
	}
}

// resync re-reads the keys the worker owns in every table, after a failure
// left its picture in doubt.
func (wk *worker) resync(ctx context.Context) error {
	if err := wk.w.cfg.DB.PingContext(ctx); err != nil {
		return fmt.Errorf("re-read keys: %w", err)
	}
	for _, t := range wk.w.tables {
		if err := wk.readKeys(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

func (wk *worker) readKeys(ctx context.Context, t *tableState) error {
	t.mu.RLock()
	defer t.mu.RUnlock()
	owner := quote(t.shape.owner)
	q := "SELECT " + owner + " FROM " + wk.w.qualified(t.name) + " WHERE MOD(" + owner + ", " +
		strconv.Itoa(wk.w.cfg.Workers) + ") = " + strconv.Itoa(wk.id)
	rows, err := wk.w.cfg.DB.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("table %s: re-read keys: %w", t.name, err)
	}
	defer rows.Close()
	var keys []int64
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			return fmt.Errorf("table %s: re-read keys: %w", t.name, err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("table %s: re-read keys: %w", t.name, err)
	}
	t.live[wk.id].reset(keys)
	return nil
}
