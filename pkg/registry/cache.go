package registry

import (
	"context"
	"sync"
)

// Registrar registers a schema under a subject and returns its id; *Client
// is one.
type Registrar interface {
	Register(ctx context.Context, subject, schema string) (int, error)
}

// Cache remembers schema ids by (subject, table, table schema version), so
// each table version is registered once per process (TiCDC re-registers
// after a restart too; the registry answers an identical schema with its
// existing id). Entries of older versions of a table are replaced. A Cache
// is safe for concurrent use.
type Cache struct {
	reg Registrar

	mu      sync.Mutex
	entries map[cacheKey]cacheEntry
}

type cacheKey struct{ subject, table string }

type cacheEntry struct {
	version uint64
	schema  string
	id      int
}

// NewCache returns a cache in front of reg.
func NewCache(reg Registrar) *Cache {
	return &Cache{reg: reg, entries: make(map[cacheKey]cacheEntry)}
}

// Register returns the id of schema under subject for this table version,
// registering it on a cache miss. A hit requires the same version and the
// same schema text (options such as the decimal mode change the text).
func (c *Cache) Register(ctx context.Context, subject, table string, version uint64, schema string) (int, error) {
	k := cacheKey{subject, table}
	c.mu.Lock()
	e, ok := c.entries[k]
	c.mu.Unlock()
	if ok && e.version == version && e.schema == schema {
		return e.id, nil
	}
	id, err := c.reg.Register(ctx, subject, schema)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	c.entries[k] = cacheEntry{version: version, schema: schema, id: id}
	c.mu.Unlock()
	return id, nil
}
