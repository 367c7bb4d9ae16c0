package faultproxy

import (
	"bufio"
	"errors"
	"io"
	"net"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"
)

// echoServer echoes every line back until the client closes.
type echoServer struct {
	ln net.Listener
	wg sync.WaitGroup
}

func startEcho(t *testing.T) *echoServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e := &echoServer{ln: ln}
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			e.wg.Add(1)
			go func() {
				defer e.wg.Done()
				defer c.Close()
				_, _ = io.Copy(c, c)
			}()
		}
	}()
	t.Cleanup(func() { _ = ln.Close(); e.wg.Wait() })
	return e
}

func startProxy(t *testing.T, target string) *Proxy {
	t.Helper()
	p, err := Start("127.0.0.1:0", target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Error(err)
		}
	})
	return p
}

type client struct {
	conn net.Conn
	r    *bufio.Reader
}

func dial(t *testing.T, addr string) *client {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return &client{conn: c, r: bufio.NewReader(c)}
}

// roundTrip writes a line and reads the echo within wait.
func (c *client) roundTrip(line string, wait time.Duration) (string, error) {
	_ = c.conn.SetDeadline(time.Now().Add(wait))
	if _, err := io.WriteString(c.conn, line+"\n"); err != nil {
		return "", err
	}
	return c.readLine(wait)
}

func (c *client) readLine(wait time.Duration) (string, error) {
	_ = c.conn.SetReadDeadline(time.Now().Add(wait))
	s, err := c.r.ReadString('\n')
	if err != nil {
		return "", err
	}
	return s[:len(s)-1], nil
}

func isTimeout(err error) bool { return errors.Is(err, os.ErrDeadlineExceeded) }

func TestForwardAndRefuse(t *testing.T) {
	echo := startEcho(t)
	p := startProxy(t, echo.ln.Addr().String())
	c := dial(t, p.Addr())
	if got, err := c.roundTrip("hello", 2*time.Second); err != nil || got != "hello" {
		t.Fatalf("open path: got %q, %v", got, err)
	}

	p.Cut(Refuse)
	if p.Mode() != Refuse {
		t.Fatalf("mode = %v", p.Mode())
	}
	if _, err := c.roundTrip("after cut", 2*time.Second); err == nil || isTimeout(err) {
		t.Fatalf("established connection survived a Refuse cut: err = %v", err)
	}
	// The accept succeeds, then the reset comes: it may reach the dial
	// itself or the first round trip.
	if conn, err := net.DialTimeout("tcp", p.Addr(), 2*time.Second); err == nil {
		fresh := &client{conn: conn, r: bufio.NewReader(conn)}
		t.Cleanup(func() { _ = conn.Close() })
		if _, err := fresh.roundTrip("new", 2*time.Second); err == nil || isTimeout(err) {
			t.Fatalf("new connection forwarded during a Refuse cut: err = %v", err)
		}
	}

	p.Restore()
	again := dial(t, p.Addr())
	if got, err := again.roundTrip("back", 2*time.Second); err != nil || got != "back" {
		t.Fatalf("after Restore: got %q, %v", got, err)
	}
	st := p.Stats()
	if st.Reset != 1 || st.Refused != 1 || st.Accepted != 3 {
		t.Errorf("stats = %+v, want 1 reset, 1 refused, 3 accepted", st)
	}
}

func TestBlackholeHoldsBytesUntilRestore(t *testing.T) {
	echo := startEcho(t)
	p := startProxy(t, echo.ln.Addr().String())
	old := dial(t, p.Addr())
	if got, err := old.roundTrip("warm", 2*time.Second); err != nil || got != "warm" {
		t.Fatalf("open path: got %q, %v", got, err)
	}

	p.Cut(Blackhole)
	if _, err := old.roundTrip("held", 300*time.Millisecond); !isTimeout(err) {
		t.Fatalf("established connection: want silence, got err %v", err)
	}
	fresh := dial(t, p.Addr()) // accepted, but nothing reaches the target
	if _, err := fresh.roundTrip("queued", 300*time.Millisecond); !isTimeout(err) {
		t.Fatalf("new connection: want silence, got err %v", err)
	}
	if st := p.Stats(); st.Active != 2 {
		t.Errorf("active = %d during blackhole, want 2 (held, not dropped)", st.Active)
	}

	p.Restore()
	if got, err := old.readLine(2 * time.Second); err != nil || got != "held" {
		t.Fatalf("held bytes after Restore: got %q, %v", got, err)
	}
	if got, err := fresh.readLine(2 * time.Second); err != nil || got != "queued" {
		t.Fatalf("queued connection after Restore: got %q, %v", got, err)
	}
	if got, err := fresh.roundTrip("more", 2*time.Second); err != nil || got != "more" {
		t.Fatalf("after Restore: got %q, %v", got, err)
	}
}

func TestRefuseWhileBlackholed(t *testing.T) {
	echo := startEcho(t)
	p := startProxy(t, echo.ln.Addr().String())
	c := dial(t, p.Addr())
	p.Cut(Blackhole)
	if _, err := c.roundTrip("x", 200*time.Millisecond); !isTimeout(err) {
		t.Fatalf("want silence, got %v", err)
	}
	p.Cut(Refuse) // a held connection is reset too
	if _, err := c.readLine(2 * time.Second); err == nil || isTimeout(err) {
		t.Fatalf("held connection not reset: %v", err)
	}
	p.Restore()
	if got, err := dial(t, p.Addr()).roundTrip("ok", 2*time.Second); err != nil || got != "ok" {
		t.Fatalf("after Restore: %q, %v", got, err)
	}
}

func TestTargetDownAndRetarget(t *testing.T) {
	p := startProxy(t, "")
	if _, err := dial(t, p.Addr()).roundTrip("x", 2*time.Second); err == nil || isTimeout(err) {
		t.Fatalf("no target: want the connection closed, got %v", err)
	}
	echo := startEcho(t)
	p.SetTarget(echo.ln.Addr().String())
	if got, err := dial(t, p.Addr()).roundTrip("y", 2*time.Second); err != nil || got != "y" {
		t.Fatalf("after SetTarget: %q, %v", got, err)
	}
	if st := p.Stats(); st.DialFails != 1 || st.BytesUp != 2 || st.BytesDown != 2 {
		t.Errorf("stats = %+v", st)
	}
}

func TestCloseStopsEverything(t *testing.T) {
	echo := startEcho(t)
	before := runtime.NumGoroutine()
	p, err := Start("127.0.0.1:0", echo.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	var conns []*client
	for i := 0; i < 3; i++ {
		c := dial(t, p.Addr())
		if _, err := c.roundTrip("x", 2*time.Second); err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	p.Cut(Blackhole)
	held := dial(t, p.Addr())
	_, _ = held.roundTrip("held", 100*time.Millisecond)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil { // idempotent
		t.Fatal(err)
	}
	for i, c := range append(conns, held) {
		if _, err := c.readLine(2 * time.Second); err == nil || isTimeout(err) {
			t.Errorf("connection %d still open after Close: %v", i, err)
		}
	}
	if _, err := net.DialTimeout("tcp", p.Addr(), time.Second); err == nil {
		t.Error("proxy still accepts after Close")
	}
	// The echo server's handlers end once the proxy's side is closed; give
	// them a moment, then no goroutine of the proxy may remain.
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after Close, %d before Start", n, before)
	}
}

func TestModeString(t *testing.T) {
	tests := []struct {
		m    Mode
		want string
	}{{Open, "open"}, {Refuse, "refuse"}, {Blackhole, "blackhole"}, {Mode(9), "Mode(9)"}}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.m.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCutsUnderTraffic flips the path while clients talk through it; the
// proxy must stay consistent and usable (run with -race).
func TestCutsUnderTraffic(t *testing.T) {
	echo := startEcho(t)
	p := startProxy(t, echo.ln.Addr().String())
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				c, err := net.DialTimeout("tcp", p.Addr(), time.Second)
				if err != nil {
					continue
				}
				cl := &client{conn: c, r: bufio.NewReader(c)}
				_, _ = cl.roundTrip("ping", 50*time.Millisecond)
				_ = c.Close()
			}
		}()
	}
	for i := 0; i < 30; i++ {
		p.Cut([]Mode{Refuse, Blackhole}[i%2])
		time.Sleep(5 * time.Millisecond)
		p.Restore()
		time.Sleep(5 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if got, err := dial(t, p.Addr()).roundTrip("still", 2*time.Second); err != nil || got != "still" {
		t.Fatalf("after the storm: %q, %v", got, err)
	}
}
