package faultproxy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Mode is the state of the path through the proxy.
type Mode int32

// Modes. Open forwards; Refuse and Blackhole are the two cuts (see the
// package documentation).
const (
	Open Mode = iota
	Refuse
	Blackhole
)

// String returns "open", "refuse" or "blackhole".
func (m Mode) String() string {
	switch m {
	case Open:
		return "open"
	case Refuse:
		return "refuse"
	case Blackhole:
		return "blackhole"
	}
	return fmt.Sprintf("Mode(%d)", int32(m))
}

// DialTimeout bounds a connection attempt to the target.
const DialTimeout = 5 * time.Second

// Stats count what the proxy has done since Start.
type Stats struct {
	Accepted  int64 // connections accepted from clients
	Refused   int64 // connections reset at once because of a Refuse cut
	Reset     int64 // established connections reset by a Refuse cut
	DialFails int64 // connections closed because the target did not answer
	Active    int64 // connections open now
	BytesUp   int64 // client → target
	BytesDown int64 // target → client
}

// Proxy forwards TCP connections from its listen address to a target.
type Proxy struct {
	ln     net.Listener
	ctx    context.Context // cancelled by Close; bounds dials
	cancel context.CancelFunc
	wg     sync.WaitGroup // every goroutine the proxy started

	mode atomic.Int32

	mu       sync.Mutex
	target   string
	restored chan struct{} // closed by Restore; replaced by the next Cut
	pairs    map[*pair]struct{}
	closed   bool

	accepted, refused, reset, dialFails, bytesUp, bytesDown atomic.Int64
}

// Start listens on listen ("127.0.0.1:0" picks a free port) and forwards
// every connection to target. target may be "" when ListenBehind will set
// it; connections made before then are closed.
func Start(listen, target string) (*Proxy, error) {
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, fmt.Errorf("fault proxy: listen on %s: %w", listen, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &Proxy{ln: ln, ctx: ctx, cancel: cancel, target: target, pairs: make(map[*pair]struct{})}
	p.wg.Add(1)
	go p.serve()
	return p, nil
}

// Addr is the address clients connect to.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// Target is the address connections are forwarded to.
func (p *Proxy) Target() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.target
}

// SetTarget changes where new connections are forwarded (existing ones
// stay where they are), e.g. after the server restarted on another port.
func (p *Proxy) SetTarget(addr string) {
	p.mu.Lock()
	p.target = addr
	p.mu.Unlock()
}

// Mode returns the current state of the path.
func (p *Proxy) Mode() Mode { return Mode(p.mode.Load()) }

// Cut breaks the path in mode m (Refuse or Blackhole) until Restore. A
// Refuse cut resets every established connection at once.
func (p *Proxy) Cut(m Mode) {
	if m != Refuse && m != Blackhole {
		return
	}
	p.mu.Lock()
	if Mode(p.mode.Load()) == Open {
		p.restored = make(chan struct{})
	}
	p.mode.Store(int32(m))
	var victims []*pair
	if m == Refuse {
		for c := range p.pairs {
			victims = append(victims, c)
		}
	}
	p.mu.Unlock()
	for _, c := range victims {
		if c.kill() {
			p.reset.Add(1)
		}
	}
}

// Restore ends a cut: new connections are forwarded again and connections
// held by a Blackhole cut resume with the bytes they had in flight.
func (p *Proxy) Restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if Mode(p.mode.Load()) == Open {
		return
	}
	p.mode.Store(int32(Open))
	close(p.restored)
}

// Stats returns the counters.
func (p *Proxy) Stats() Stats {
	p.mu.Lock()
	active := int64(len(p.pairs))
	p.mu.Unlock()
	return Stats{
		Accepted: p.accepted.Load(), Refused: p.refused.Load(), Reset: p.reset.Load(),
		DialFails: p.dialFails.Load(), Active: active,
		BytesUp: p.bytesUp.Load(), BytesDown: p.bytesDown.Load(),
	}
}

// Close stops listening, closes every connection and waits for every
// goroutine of the proxy to end.
func (p *Proxy) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	var all []*pair
	for c := range p.pairs {
		all = append(all, c)
	}
	p.mu.Unlock()
	p.cancel()
	err := p.ln.Close()
	for _, c := range all {
		c.kill()
	}
	p.wg.Wait()
	if err != nil && !errors.Is(err, net.ErrClosed) {
		return fmt.Errorf("fault proxy %s: close: %w", p.Addr(), err)
	}
	return nil
}

// gate blocks while the path is blackholed; it returns false when the
// path is refused or the connection or the proxy ends in the meantime.
func (p *Proxy) gate(c *pair) bool {
	for {
		switch Mode(p.mode.Load()) {
		case Open:
			return true
		case Refuse:
			return false
		}
		p.mu.Lock()
		ch := p.restored
		blackholed := Mode(p.mode.Load()) == Blackhole
		p.mu.Unlock()
		if !blackholed {
			continue
		}
		select {
		case <-ch:
		case <-c.done:
			return false
		case <-p.ctx.Done():
			return false
		}
	}
}
