package shared

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pingcap/go-tpc/pkg/workload"
	"github.com/pingcap/go-tpc/tpcc"
)

// Grace is how long EachThread waits for go-tpc's threads after the first
// error or a cancel before it gives up on them.
const Grace = 5 * time.Second

// NewWorkload returns go-tpc's TPC-C workload over db. go-tpc panics on a
// bad configuration; the panic becomes an error.
func NewWorkload(db *sql.DB, cfg *tpcc.Config) (w workload.Workloader, err error) {
	defer func() {
		if r := recover(); r != nil {
			w, err = nil, fmt.Errorf("go-tpc: %v", r)
		}
	}()
	return tpcc.NewWorkloader(db, cfg)
}

// EachThread runs fn on go-tpc threads 0..threads-1 at once, the way
// go-tpc's own command does: each thread gets the context InitThread
// returns (it holds the thread's connection) and is cleaned up afterwards.
// A panic in go-tpc (it panics when it cannot get a connection or prepare a
// statement) becomes that thread's error.
//
// The first error cancels the other threads. After the first error, or once
// ctx is done, EachThread waits at most grace for the threads to return and
// then returns without them: go-tpc's loader threads wait for thread 0 to
// create the tables and never return when that fails, and its batch loader
// goes on generating rows after its statements fail.
func EachThread(ctx context.Context, w workload.Workloader, threads int, grace time.Duration,
	fn func(ctx context.Context, thread int) error) error {
	tctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make(chan error, threads)
	for i := range threads {
		go func() { results <- runThread(tctx, w, i, fn) }()
	}
	var first error
	var stall <-chan time.Time
	done := ctx.Done()
	for pending := threads; pending > 0; {
		select {
		case err := <-results:
			pending--
			if err != nil && first == nil {
				first = err
				cancel()
				if stall == nil {
					stall = time.After(grace)
				}
			}
		case <-done:
			done = nil
			if stall == nil {
				stall = time.After(grace)
			}
		case <-stall:
			if first == nil {
				first = ctx.Err()
			}
			return fmt.Errorf("%w (%d go-tpc threads did not stop within %s)", first, pending, grace)
		}
	}
	if first == nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return first
}

func runThread(ctx context.Context, w workload.Workloader, thread int, fn func(context.Context, int) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("go-tpc thread %d: %v", thread, r)
		}
	}()
	tctx := w.InitThread(ctx, thread)
	defer w.CleanupThread(tctx, thread)
	return fn(tctx, thread)
}

// IsCancel reports whether err only says that the work was cancelled.
func IsCancel(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
