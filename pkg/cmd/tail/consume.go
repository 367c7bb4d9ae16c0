package tail

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
	"golang.org/x/sync/errgroup"

	"github.com/cdcctl/cdcctl/pkg/registry"
)

func run(ctx context.Context, o *Options) error {
	if o.Changefeed.ID != "" {
		if err := o.fromChangefeed(ctx); err != nil {
			return err
		}
	}
	reg, err := registry.New(o.Registry, registry.WithLogger(o.Logger))
	if err != nil {
		return err
	}
	bc, err := o.brokerConfig()
	if err != nil {
		return err
	}
	parts, err := o.partitions(ctx, bc.client())
	if err != nil {
		return err
	}
	follow := o.Follow || !o.FromBeginning
	if follow && o.IO.IsStderrTTY() {
		fmt.Fprintf(o.IO.ErrOut, "Waiting for messages on %s (Ctrl-C to stop)...\n", topicList(parts))
	}
	return consume(ctx, o, parts, follow, bc, newDecoder(reg.Lookup))
}

// consume reads the partitions concurrently and prints each message as it
// arrives: order holds within a partition, across partitions it is the
// order of arrival.
func consume(ctx context.Context, o *Options, parts []partition, follow bool, bc brokerConfig, dec *decoder) error {
	readCtx, cancel := context.WithCancel(ctx)
	g, gctx := errgroup.WithContext(readCtx)
	msgs := make(chan kafka.Message, 256)
	for _, p := range parts {
		if !follow && p.start >= p.stop {
			continue // nothing to catch up on
		}
		g.Go(func() error { return readPartition(gctx, bc, p, follow, o.Logger, msgs) })
	}
	var readErr error
	go func() {
		readErr = g.Wait()
		close(msgs)
	}()
	defer func() {
		cancel()
		for range msgs { // wait for the readers to stop
		}
	}()

	pr := newPrinter(o.IO.Out, o.Format, o.IO.ColorEnabled())
	n := 0
	for m := range msgs {
		dm, err := dec.decode(ctx, m)
		if err != nil {
			return err
		}
		if err := pr.print(dm); err != nil {
			return err
		}
		if n++; o.MaxMessages > 0 && n >= o.MaxMessages {
			return pr.close()
		}
	}
	// msgs is closed: every reader stopped (readErr is set before the close).
	if err := pr.close(); err != nil {
		return err
	}
	switch {
	case ctx.Err() != nil && follow:
		return nil // Ctrl-C is how a follow ends
	case ctx.Err() != nil:
		return fmt.Errorf("interrupted after %d messages: %w", n, ctx.Err())
	}
	return readErr
}

// readPartition reads one partition from p.start into out, until ctx ends
// or, unless follow, the end offset seen at start.
func readPartition(ctx context.Context, bc brokerConfig, p partition, follow bool, log *slog.Logger, out chan<- kafka.Message) error {
	debug := kafka.LoggerFunc(func(msg string, args ...any) {
		log.Debug("kafka reader: "+fmt.Sprintf(msg, args...), "topic", p.topic, "partition", p.id)
	})
	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers: bc.addrs, Topic: p.topic, Partition: p.id, Dialer: bc.dialer(),
		MinBytes: 1, MaxBytes: 8 << 20, MaxWait: 250 * time.Millisecond,
		Logger: debug, ErrorLogger: debug,
	})
	defer r.Close()
	if err := r.SetOffset(p.start); err != nil {
		return fmt.Errorf("topic %s partition %d: seek to offset %d: %w", p.topic, p.id, p.start, err)
	}
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("topic %s partition %d: read: %w", p.topic, p.id, err)
		}
		select {
		case out <- m:
		case <-ctx.Done():
			return ctx.Err()
		}
		if !follow && m.Offset+1 >= p.stop {
			return nil
		}
	}
}

func topicList(parts []partition) string {
	var names []string
	for _, p := range parts {
		if len(names) == 0 || names[len(names)-1] != p.topic {
			names = append(names, p.topic)
		}
	}
	return strings.Join(names, ", ")
}
