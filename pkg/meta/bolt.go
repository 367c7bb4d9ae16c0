package meta

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// DefaultLockTimeout is how long OpenBolt waits for the file lock that
// another process may hold.
const DefaultLockTimeout = time.Second

// formatVersion is the layout written by this package; OpenBolt refuses a
// file written by a newer layout.
const formatVersion = "1"

// Bucket and key names of the layout:
//
//	meta/version                         = formatVersion
//	changefeeds/<namespace>/<id>/info    = definition blob
//	changefeeds/<namespace>/<id>/status  = state/status blob
//	changefeeds/<namespace>/<id>/checkpoint/{position,commit-ts,schema-history}
const (
	bucketMeta        = "meta"
	bucketChangefeeds = "changefeeds"
	bucketCheckpoint  = "checkpoint"
	keyVersion        = "version"
	keyInfo           = "info"
	keyStatus         = "status"
	keyPosition       = "position"
	keyCommitTs       = "commit-ts"
	keySchemaHistory  = "schema-history"
)

// BoltOption adjusts OpenBolt.
type BoltOption func(*boltConfig)

type boltConfig struct{ lockTimeout time.Duration }

// WithLockTimeout sets how long OpenBolt waits for the file lock,
// overriding DefaultLockTimeout.
func WithLockTimeout(d time.Duration) BoltOption {
	return func(c *boltConfig) { c.lockTimeout = d }
}

// Bolt is the Store kept in one bbolt file. Any number of readers run at
// once; writes are serialised and fsynced by bbolt.
type Bolt struct {
	db   *bolt.DB
	path string
}

var _ Store = (*Bolt)(nil)

// OpenBolt opens (creating when missing) the store at path, typically
// <data-dir>/meta.db. The file is locked for the life of the store: a
// second server on the same data directory gets an error wrapping
// ErrLocked.
func OpenBolt(path string, opts ...BoltOption) (*Bolt, error) {
	cfg := boltConfig{lockTimeout: DefaultLockTimeout}
	for _, o := range opts {
		o(&cfg)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open metadata store %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: cfg.lockTimeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("open metadata store %s: %w (file lock not acquired within %s)",
			path, ErrLocked, cfg.lockTimeout)
	}
	if err != nil {
		return nil, fmt.Errorf("open metadata store %s: %w", path, err)
	}
	if err := db.Update(initLayout); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open metadata store %s: %w", path, err)
	}
	return &Bolt{db: db, path: path}, nil
}

func initLayout(tx *bolt.Tx) error {
	m, err := tx.CreateBucketIfNotExists([]byte(bucketMeta))
	if err != nil {
		return err
	}
	switch v := m.Get([]byte(keyVersion)); {
	case v == nil:
		if err := m.Put([]byte(keyVersion), []byte(formatVersion)); err != nil {
			return err
		}
	case string(v) != formatVersion:
		return fmt.Errorf("layout version %q, this cdcctl reads %q", v, formatVersion)
	}
	_, err = tx.CreateBucketIfNotExists([]byte(bucketChangefeeds))
	return err
}

// Path returns the file the store lives in.
func (b *Bolt) Path() string { return b.path }

// Close releases the file and its lock.
func (b *Bolt) Close() error {
	if err := b.db.Close(); err != nil {
		return fmt.Errorf("close metadata store %s: %w", b.path, err)
	}
	return nil
}

// view and update run fn in a read or write transaction after checking ctx
// (bbolt transactions themselves cannot be interrupted), and turn bbolt's
// closed-database error into ErrClosed.
func (b *Bolt) view(ctx context.Context, fn func(*bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return closedErr(b.db.View(fn))
}

func (b *Bolt) update(ctx context.Context, fn func(*bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return closedErr(b.db.Update(fn))
}

func closedErr(err error) error {
	if errors.Is(err, bolterrors.ErrDatabaseNotOpen) {
		return ErrClosed
	}
	return err
}

// feedBucket returns the bucket of key, or nil when it does not exist.
func feedBucket(tx *bolt.Tx, key Key) *bolt.Bucket {
	ns := tx.Bucket([]byte(bucketChangefeeds)).Bucket([]byte(key.Namespace))
	if ns == nil {
		return nil
	}
	return ns.Bucket([]byte(key.ID))
}

// clone copies a value out of a transaction (bbolt's slices are valid only
// inside it), keeping nil as nil.
func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append(make([]byte, 0, len(b)), b...)
}
