package faultproxy

import (
	"fmt"
	"net"
)

// ListenBehind opens the listener of the server the proxy fronts: a real
// listener on address, which becomes the proxy's target, returned wrapped
// so that its Addr reports the proxy's address. A server that advertises
// its listener's address to clients then advertises the proxy. Its
// signature is kfake.ListenFn's:
//
//	p, _ := faultproxy.Start("127.0.0.1:0", "")
//	cluster, _ := kfake.NewCluster(kfake.NumBrokers(1), kfake.ListenFn(p.ListenBehind))
//
// Use it for one listener per proxy (one broker). A restarted server may
// call it again; the proxy then forwards new connections to the new
// listener.
func (p *Proxy) ListenBehind(network, address string) (net.Listener, error) {
	ln, err := net.Listen(network, address)
	if err != nil {
		return nil, fmt.Errorf("fault proxy %s: listen behind on %s: %w", p.Addr(), address, err)
	}
	p.SetTarget(ln.Addr().String())
	return &advertised{Listener: ln, addr: p.ln.Addr()}, nil
}

// advertised is a listener that reports another address as its own.
type advertised struct {
	net.Listener
	addr net.Addr
}

func (a *advertised) Addr() net.Addr { return a.addr }
