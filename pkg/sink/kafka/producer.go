package kafka

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"sync"

	kafkago "github.com/segmentio/kafka-go"
)

// Message is one Kafka record to write to an explicit partition.
type Message struct {
	Topic     string
	Partition int32
	Key       []byte
	Value     []byte // nil is a Kafka null value: the tombstone of a delete
	// Table is "db.table" of the row the message encodes; it names the
	// table in the message-too-large error.
	Table string
}

// Producer writes batches of messages to explicit partitions and returns
// once Kafka acknowledged all of them. It is safe for concurrent use;
// concurrent WriteBatch calls that share a partition are not ordered
// against each other, so a caller that needs their order serialises them.
type Producer struct {
	opts        Options
	log         *slog.Logger
	addr        net.Addr
	transport   *kafkago.Transport
	client      *kafkago.Client
	compression kafkago.Compression
	acks        kafkago.RequiredAcks
	auth        *authWatch // nil without SASL

	topicsMu sync.Mutex
	topics   map[string]topicInfo
	groupers sync.Pool // *grouper

	stateMu  sync.Mutex
	closed   bool
	inflight sync.WaitGroup // WriteBatch and EnsureTopic calls running
	abort    context.Context
	abortFn  context.CancelFunc
}

// New builds a producer from opts. It does not dial: the first EnsureTopic
// or WriteBatch connects, and reports unreachable brokers or bad
// credentials.
func New(opts Options) (*Producer, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	tlsCfg, err := tlsConfig(opts.TLS)
	if err != nil {
		return nil, err
	}
	mech, err := saslMechanism(opts.SASL)
	if err != nil {
		return nil, err
	}
	var auth *authWatch
	if mech != nil {
		auth = &authWatch{Mechanism: mech}
		mech = auth
	}
	abort, abortFn := context.WithCancel(context.Background())
	transport := &kafkago.Transport{
		Dial:        (&net.Dialer{Timeout: opts.DialTimeout}).DialContext,
		DialTimeout: opts.DialTimeout,
		ClientID:    opts.ClientID,
		TLS:         tlsCfg,
		SASL:        mech,
		Context:     abort, // stops the transport's metadata goroutines on Close
	}
	addr := kafkago.TCP(opts.Brokers...)
	p := &Producer{
		opts:      opts,
		log:       opts.Logger,
		addr:      addr,
		transport: transport,
		// Timeout bounds each request: writing it, then reading the ack.
		client:      &kafkago.Client{Addr: addr, Transport: transport, Timeout: opts.WriteTimeout + opts.ReadTimeout},
		compression: compression(opts.Compression, opts.Logger),
		acks:        opts.RequiredAcks.kafkago(),
		auth:        auth,
		topics:      map[string]topicInfo{},
		abort:       abort,
		abortFn:     abortFn,
	}
	p.groupers.New = newGrouper
	return p, nil
}

// begin registers a call, failing once Close started; the returned context
// also ends when Close gives up waiting.
func (p *Producer) begin(ctx context.Context) (context.Context, func(), error) {
	p.stateMu.Lock()
	if p.closed {
		p.stateMu.Unlock()
		return nil, nil, ErrClosed
	}
	p.inflight.Add(1)
	p.stateMu.Unlock()
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(p.abort, cancel)
	return ctx, func() { stop(); cancel(); p.inflight.Done() }, nil
}

// Close stops accepting calls, waits for running ones until ctx ends (then
// aborts them), and closes the connections.
func (p *Producer) Close(ctx context.Context) error {
	p.stateMu.Lock()
	already := p.closed
	p.closed = true
	p.stateMu.Unlock()
	if already {
		return nil
	}
	done := make(chan struct{})
	go func() { p.inflight.Wait(); close(done) }()
	var err error
	select {
	case <-done:
	case <-ctx.Done():
		err = fmt.Errorf("close kafka producer: %w", ctx.Err())
		p.abortFn()
		<-done
	}
	p.abortFn()
	p.transport.CloseIdleConnections()
	return err
}
