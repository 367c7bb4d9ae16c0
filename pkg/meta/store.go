package meta

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Key names a changefeed: its namespace (TiCDC's "default" unless set) and
// its ID.
type Key struct {
	Namespace string
	ID        string
}

// String renders k as "namespace/id".
func (k Key) String() string { return k.Namespace + "/" + k.ID }

// validate rejects keys a store cannot encode unambiguously.
func (k Key) validate() error {
	switch {
	case k.Namespace == "":
		return fmt.Errorf("changefeed key %q: empty namespace", k)
	case k.ID == "":
		return fmt.Errorf("changefeed key %q: empty ID", k)
	case strings.ContainsRune(k.Namespace, 0) || strings.ContainsRune(k.ID, 0):
		return fmt.Errorf("changefeed key %q: NUL byte in name", k)
	}
	return nil
}

// Changefeed is one stored changefeed: its definition and its latest
// state/status blob (nil when none was written yet).
type Changefeed struct {
	Key    Key
	Info   []byte
	Status []byte
}

// Checkpoint is the durable resume point of a changefeed. Position is the
// binlog position as JSON (an event.Position), CommitTs the TSO of the
// transaction that ends there, and SchemaHistory the schema tracker's blob
// that decodes every row after Position.
type Checkpoint struct {
	Position      []byte
	CommitTs      uint64
	SchemaHistory []byte
}

// Errors reported by every Store.
var (
	// ErrNotFound means the changefeed (or its checkpoint) does not exist.
	ErrNotFound = errors.New("not found")
	// ErrExists means CreateChangefeed found the key already taken.
	ErrExists = errors.New("already exists")
	// ErrLocked means another process holds the store, typically another
	// cdcctl server running on the same data directory.
	ErrLocked = errors.New("another cdcctl server holds the data dir")
	// ErrClosed means the store was used after Close.
	ErrClosed = errors.New("metadata store is closed")
)

// Store keeps changefeed metadata. All methods are safe for concurrent use;
// readers never block each other. Blobs passed in are copied; blobs
// returned belong to the caller.
type Store interface {
	// CreateChangefeed stores a new definition, failing with ErrExists
	// when the key is taken.
	CreateChangefeed(ctx context.Context, key Key, info []byte) error
	// PutChangefeed creates or replaces a definition.
	PutChangefeed(ctx context.Context, key Key, info []byte) error
	// GetChangefeed returns the definition and status, or ErrNotFound.
	GetChangefeed(ctx context.Context, key Key) (Changefeed, error)
	// ListChangefeeds returns the changefeeds of namespace ("" for all
	// namespaces), sorted by namespace then ID.
	ListChangefeeds(ctx context.Context, namespace string) ([]Changefeed, error)
	// DeleteChangefeed removes the definition, status and checkpoint;
	// ErrNotFound when there was no definition.
	DeleteChangefeed(ctx context.Context, key Key) error
	// PutStatus replaces the state/status blob of an existing changefeed
	// (ErrNotFound otherwise).
	PutStatus(ctx context.Context, key Key, status []byte) error
	// PutCheckpoint replaces the checkpoint of an existing changefeed
	// (ErrNotFound otherwise), all fields in one transaction.
	PutCheckpoint(ctx context.Context, key Key, cp Checkpoint) error
	// GetCheckpoint returns the checkpoint, or ErrNotFound when the
	// changefeed has none yet.
	GetCheckpoint(ctx context.Context, key Key) (Checkpoint, error)
	// Close releases the store; later calls fail with ErrClosed.
	Close() error
}
