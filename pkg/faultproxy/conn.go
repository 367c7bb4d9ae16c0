package faultproxy

import (
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
)

// pair is one proxied connection: the client side and, once dialled, the
// target side.
type pair struct {
	client net.Conn
	done   chan struct{} // closed by kill

	mu       sync.Mutex
	upstream net.Conn
	killed   bool
}

// kill resets both sides (RST rather than FIN) and wakes anything waiting
// on the pair. It reports whether this call did it.
func (c *pair) kill() bool { return c.end(resetConn) }

// finish closes both sides in an orderly way after forwarding ended.
func (c *pair) finish() { c.end(func(conn net.Conn) { _ = conn.Close() }) }

func (c *pair) end(closeFn func(net.Conn)) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.killed {
		return false
	}
	c.killed = true
	close(c.done)
	closeFn(c.client)
	if c.upstream != nil {
		closeFn(c.upstream)
	}
	return true
}

// setUpstream records the dialled target connection; it reports false (and
// closes up) when the pair was killed while dialling.
func (c *pair) setUpstream(up net.Conn) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.killed {
		resetConn(up)
		return false
	}
	c.upstream = up
	return true
}

// resetConn closes a TCP connection with SO_LINGER 0, so the peer gets a
// reset instead of an orderly end of stream.
func resetConn(conn net.Conn) {
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

func (p *Proxy) serve() {
	defer p.wg.Done()
	for {
		conn, err := p.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue // a transient accept error (e.g. too many files)
		}
		p.accepted.Add(1)
		c := &pair{client: conn, done: make(chan struct{})}
		switch p.register(c) {
		case errClosed:
			resetConn(conn)
			return
		case errRefused:
			p.refused.Add(1)
			resetConn(conn)
			continue
		}
		p.wg.Add(1)
		go p.handle(c)
	}
}

var (
	errClosed  = errors.New("proxy closed")
	errRefused = errors.New("path refused")
)

// register adds c to the live connections unless the proxy is closed or a
// Refuse cut is on (checked under the lock Cut takes, so no connection
// slips past a cut).
func (p *Proxy) register(c *pair) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return errClosed
	}
	if Mode(p.mode.Load()) == Refuse {
		return errRefused
	}
	p.pairs[c] = struct{}{}
	return nil
}

func (p *Proxy) unregister(c *pair) {
	p.mu.Lock()
	delete(p.pairs, c)
	p.mu.Unlock()
}

// handle forwards one connection until either side ends or a cut or Close
// kills it. Under a Blackhole cut the target is dialled only on Restore.
func (p *Proxy) handle(c *pair) {
	defer p.wg.Done()
	defer p.unregister(c)
	defer c.finish()
	if !p.gate(c) {
		return
	}
	target := p.Target()
	if target == "" {
		p.dialFails.Add(1)
		return
	}
	d := net.Dialer{Timeout: DialTimeout}
	up, err := d.DialContext(p.ctx, "tcp", target)
	if err != nil {
		p.dialFails.Add(1)
		return
	}
	if !c.setUpstream(up) {
		return
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); p.pipe(c, up, c.client, &p.bytesDown) }()
	go func() { defer wg.Done(); p.pipe(c, c.client, up, &p.bytesUp) }()
	wg.Wait()
}

// pipe copies src to dst, holding each chunk at the gate while the path is
// blackholed. At the end of src it half-closes dst so the other direction
// can finish; on an error it kills the pair.
func (p *Proxy) pipe(c *pair, dst, src net.Conn, counter *atomic.Int64) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if !p.gate(c) {
				return
			}
			if _, werr := dst.Write(buf[:n]); werr != nil {
				c.kill()
				return
			}
			counter.Add(int64(n))
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				if tc, ok := dst.(*net.TCPConn); ok {
					_ = tc.CloseWrite()
					return
				}
			}
			c.kill()
			return
		}
	}
}
