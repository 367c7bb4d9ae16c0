package faultproxy

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/cdcctl/cdcctl/pkg/registry"
	"github.com/cdcctl/cdcctl/pkg/testenv"
)

// TestKafkaBehindProxy puts a kfake broker behind the proxy and cuts the
// path under kafka-go, the production client, in both modes.
func TestKafkaBehindProxy(t *testing.T) {
	for _, mode := range []Mode{Refuse, Blackhole} {
		t.Run(mode.String(), func(t *testing.T) {
			p := startProxy(t, "")
			cluster := testenv.Kafka(t, kfake.ListenFn(p.ListenBehind), kfake.SeedTopics(1, "t"))
			if got := cluster.ListenAddrs(); len(got) != 1 || got[0] != p.Addr() {
				t.Fatalf("cluster listen addrs = %v, want the proxy %s", got, p.Addr())
			}
			if p.Target() == p.Addr() || p.Target() == "" {
				t.Fatalf("target = %q", p.Target())
			}
			checkAdvertised(t, p)

			w := &kafka.Writer{
				Addr: kafka.TCP(p.Addr()), Topic: "t", Balancer: &kafka.Hash{},
				BatchTimeout: time.Millisecond, RequiredAcks: kafka.RequireAll, MaxAttempts: 1,
			}
			t.Cleanup(func() { _ = w.Close() })
			write := func(wait time.Duration, v string) error {
				ctx, cancel := context.WithTimeout(context.Background(), wait)
				defer cancel()
				return w.WriteMessages(ctx, kafka.Message{Key: []byte("k"), Value: []byte(v)})
			}
			if err := write(10*time.Second, "before"); err != nil {
				t.Fatalf("produce through the proxy: %v", err)
			}

			p.Cut(mode)
			if err := write(time.Second, "during"); err == nil {
				t.Fatalf("produce succeeded during a %s cut", mode)
			}
			p.Restore()
			var err error
			for i := 0; i < 50; i++ {
				if err = write(2*time.Second, "after"); err == nil {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			if err != nil {
				t.Fatalf("produce after Restore: %v", err)
			}
			if st := p.Stats(); st.BytesUp == 0 || st.BytesDown == 0 {
				t.Errorf("no traffic went through the proxy: %+v", st)
			}
		})
	}
}

// checkAdvertised asks the cluster, through the proxy, which broker
// addresses it advertises.
func checkAdvertised(t *testing.T, p *Proxy) {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(p.Addr()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := kmsg.NewPtrMetadataRequest().RequestWith(ctx, cl)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range resp.Brokers {
		if got := net.JoinHostPort(b.Host, strconv.Itoa(int(b.Port))); got != p.Addr() {
			t.Errorf("broker %d advertised as %s, want the proxy %s", b.NodeID, got, p.Addr())
		}
	}
}

// TestRegistryBehindProxy cuts the path to the schema registry under the
// registry client.
func TestRegistryBehindProxy(t *testing.T) {
	reg := testenv.Registry(t)
	host := reg.URL()[len("http://"):]
	p := startProxy(t, host)
	cl, err := registry.New(fmt.Sprintf("http://%s", p.Addr()))
	if err != nil {
		t.Fatal(err)
	}
	probe := func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		return cl.Probe(ctx)
	}
	if err := probe(); err != nil {
		t.Fatalf("probe through the proxy: %v", err)
	}
	for _, mode := range []Mode{Refuse, Blackhole} {
		p.Cut(mode)
		if err := probe(); err == nil {
			t.Fatalf("probe succeeded during a %s cut", mode)
		}
		p.Restore()
		if err := probe(); err != nil {
			t.Fatalf("probe after Restore from %s: %v", mode, err)
		}
	}
}

// TestKafkaRestartBehindProxy restarts the broker on its on-disk log behind
// the proxy: clients keep the one address they know and find every record.
func TestKafkaRestartBehindProxy(t *testing.T) {
	p := startProxy(t, "")
	dir := t.TempDir()
	first := testenv.Kafka(t, kfake.ListenFn(p.ListenBehind), kfake.DataDir(dir), kfake.SeedTopics(1, "t"))
	firstTarget := p.Target()
	cl, err := kgo.NewClient(kgo.SeedBrokers(p.Addr()), kgo.DefaultProduceTopic("t"),
		kgo.RecordPartitioner(kgo.ManualPartitioner()), kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{"t": {0: kgo.NewOffset().At(0)}}))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := cl.ProduceSync(ctx, &kgo.Record{Value: []byte("one")}).FirstErr(); err != nil {
		t.Fatal(err)
	}
	first.Close()
	testenv.Kafka(t, kfake.ListenFn(p.ListenBehind), kfake.DataDir(dir))
	if p.Target() == firstTarget {
		t.Logf("restarted broker reused port %s", firstTarget)
	}
	if err := cl.ProduceSync(ctx, &kgo.Record{Value: []byte("two")}).FirstErr(); err != nil {
		t.Fatalf("produce after the restart: %v", err)
	}
	var got []string
	for len(got) < 2 {
		fs := cl.PollFetches(ctx)
		if err := ctx.Err(); err != nil {
			t.Fatalf("consumed %v: %v", got, err)
		}
		fs.EachRecord(func(r *kgo.Record) { got = append(got, string(r.Value)) })
	}
	if len(got) != 2 || got[0] != "one" || got[1] != "two" {
		t.Fatalf("records = %v, want [one two]", got)
	}
}
