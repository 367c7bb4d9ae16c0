package meta

import (
	"context"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// CreateChangefeed stores a new definition, failing with ErrExists when
// the key is taken.
func (b *Bolt) CreateChangefeed(ctx context.Context, key Key, info []byte) error {
	return b.putInfo(ctx, key, info, true)
}

// PutChangefeed creates or replaces a definition.
func (b *Bolt) PutChangefeed(ctx context.Context, key Key, info []byte) error {
	return b.putInfo(ctx, key, info, false)
}

func (b *Bolt) putInfo(ctx context.Context, key Key, info []byte, create bool) error {
	if err := key.validate(); err != nil {
		return err
	}
	err := b.update(ctx, func(tx *bolt.Tx) error {
		ns, err := tx.Bucket([]byte(bucketChangefeeds)).CreateBucketIfNotExists([]byte(key.Namespace))
		if err != nil {
			return err
		}
		if create && ns.Bucket([]byte(key.ID)) != nil {
			return ErrExists
		}
		feed, err := ns.CreateBucketIfNotExists([]byte(key.ID))
		if err != nil {
			return err
		}
		return feed.Put([]byte(keyInfo), nonNil(info))
	})
	if err != nil {
		return fmt.Errorf("store changefeed %s: %w", key, err)
	}
	return nil
}

// GetChangefeed returns the definition and status of key, or ErrNotFound.
func (b *Bolt) GetChangefeed(ctx context.Context, key Key) (Changefeed, error) {
	var cf Changefeed
	err := b.view(ctx, func(tx *bolt.Tx) error {
		feed := feedBucket(tx, key)
		if feed == nil {
			return ErrNotFound
		}
		cf = readFeed(key, feed)
		return nil
	})
	if err != nil {
		return Changefeed{}, fmt.Errorf("read changefeed %s: %w", key, err)
	}
	return cf, nil
}

// ListChangefeeds returns the changefeeds of namespace ("" for all),
// sorted by namespace then ID.
func (b *Bolt) ListChangefeeds(ctx context.Context, namespace string) ([]Changefeed, error) {
	var out []Changefeed
	err := b.view(ctx, func(tx *bolt.Tx) error {
		root := tx.Bucket([]byte(bucketChangefeeds))
		return root.ForEachBucket(func(ns []byte) error {
			if namespace != "" && string(ns) != namespace {
				return nil
			}
			nsb := root.Bucket(ns)
			return nsb.ForEachBucket(func(id []byte) error {
				key := Key{Namespace: string(ns), ID: string(id)}
				out = append(out, readFeed(key, nsb.Bucket(id)))
				return nil
			})
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list changefeeds: %w", err)
	}
	return out, nil
}

func readFeed(key Key, feed *bolt.Bucket) Changefeed {
	return Changefeed{Key: key, Info: clone(feed.Get([]byte(keyInfo))), Status: clone(feed.Get([]byte(keyStatus)))}
}

// DeleteChangefeed removes the definition, status and checkpoint of key.
func (b *Bolt) DeleteChangefeed(ctx context.Context, key Key) error {
	err := b.update(ctx, func(tx *bolt.Tx) error {
		ns := tx.Bucket([]byte(bucketChangefeeds)).Bucket([]byte(key.Namespace))
		if ns == nil || ns.Bucket([]byte(key.ID)) == nil {
			return ErrNotFound
		}
		if err := ns.DeleteBucket([]byte(key.ID)); err != nil {
			return err
		}
		if k, _ := ns.Cursor().First(); k == nil {
			return tx.Bucket([]byte(bucketChangefeeds)).DeleteBucket([]byte(key.Namespace))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete changefeed %s: %w", key, err)
	}
	return nil
}

// PutStatus replaces the state/status blob of an existing changefeed.
func (b *Bolt) PutStatus(ctx context.Context, key Key, status []byte) error {
	err := b.update(ctx, func(tx *bolt.Tx) error {
		feed := feedBucket(tx, key)
		if feed == nil {
			return ErrNotFound
		}
		return feed.Put([]byte(keyStatus), nonNil(status))
	})
	if err != nil {
		return fmt.Errorf("store status of changefeed %s: %w", key, err)
	}
	return nil
}

// PutCheckpoint replaces the checkpoint of an existing changefeed, all
// three fields in one transaction.
func (b *Bolt) PutCheckpoint(ctx context.Context, key Key, cp Checkpoint) error {
	err := b.update(ctx, func(tx *bolt.Tx) error {
		feed := feedBucket(tx, key)
		if feed == nil {
			return ErrNotFound
		}
		c, err := feed.CreateBucketIfNotExists([]byte(bucketCheckpoint))
		if err != nil {
			return err
		}
		var ts [8]byte
		binary.BigEndian.PutUint64(ts[:], cp.CommitTs)
		if err := c.Put([]byte(keyPosition), nonNil(cp.Position)); err != nil {
			return err
		}
		if err := c.Put([]byte(keyCommitTs), ts[:]); err != nil {
			return err
		}
		return c.Put([]byte(keySchemaHistory), nonNil(cp.SchemaHistory))
	})
	if err != nil {
		return fmt.Errorf("store checkpoint of changefeed %s: %w", key, err)
	}
	return nil
}

// GetCheckpoint returns the checkpoint of key, or ErrNotFound when the
// changefeed or its checkpoint does not exist.
func (b *Bolt) GetCheckpoint(ctx context.Context, key Key) (Checkpoint, error) {
	var cp Checkpoint
	err := b.view(ctx, func(tx *bolt.Tx) error {
		feed := feedBucket(tx, key)
		if feed == nil {
			return ErrNotFound
		}
		c := feed.Bucket([]byte(bucketCheckpoint))
		if c == nil {
			return ErrNotFound
		}
		ts := c.Get([]byte(keyCommitTs))
		if len(ts) != 8 {
			return fmt.Errorf("corrupt commit ts (%d bytes)", len(ts))
		}
		cp = Checkpoint{
			Position:      clone(c.Get([]byte(keyPosition))),
			CommitTs:      binary.BigEndian.Uint64(ts),
			SchemaHistory: clone(c.Get([]byte(keySchemaHistory))),
		}
		return nil
	})
	if err != nil {
		return Checkpoint{}, fmt.Errorf("read checkpoint of changefeed %s: %w", key, err)
	}
	return cp, nil
}

// nonNil turns nil into an empty value: bbolt refuses nil values.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
