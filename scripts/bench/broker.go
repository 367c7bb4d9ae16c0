package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/sr/srfake"

	"github.com/cdcctl/cdcctl/pkg/playground"
)

// partitions is the partition count of every topic: cdcctl's partition-num
// and the broker's default for auto-created topics (the baseline's).
const partitions = 3

// runBroker is the broker child: an in-memory kfake broker and an srfake
// registry on loopback, until stdin closes.
func runBroker(ctx context.Context) error {
	c, err := kfake.NewCluster(
		kfake.NumBrokers(1),
		kfake.AllowAutoTopicCreation(),
		kfake.DefaultNumPartitions(partitions),
	)
	if err != nil {
		return fmt.Errorf("start kfake: %w", err)
	}
	defer c.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("registry listener: %w", err)
	}
	srv := &http.Server{Handler: playground.RegistryHandler(srfake.NewRegistry()), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(l) }()
	defer srv.Close()
	emit(childEvent{Event: "ready", Broker: c.ListenAddrs()[0], Registry: "http://" + l.Addr().String()})
	waitEOF(ctx, bufio.NewScanner(os.Stdin))
	return nil
}

// broker is the parent's handle on a broker child.
type broker struct {
	*child
	addr     string
	registry string
}

// startBroker starts a fresh broker child and waits for its addresses.
func startBroker(ctx context.Context, verbose bool) (*broker, error) {
	c, err := startChild("broker", struct{}{}, nil, verbose)
	if err != nil {
		return nil, err
	}
	ev, err := c.expect(ctx, "ready", 30*time.Second)
	if err != nil {
		c.stop()
		return nil, err
	}
	return &broker{child: c, addr: ev.Broker, registry: ev.Registry}, nil
}
