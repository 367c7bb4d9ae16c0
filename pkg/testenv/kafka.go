package testenv

import (
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
)

// Kafka starts an in-process Kafka cluster that speaks the wire protocol on
// loopback and returns it; its seed addresses are c.ListenAddrs(). Topics
// are auto-created with 3 partitions unless opts say otherwise. The cluster
// is closed when the test ends.
func Kafka(t testing.TB, opts ...kfake.Opt) *kfake.Cluster {
	t.Helper()
	base := []kfake.Opt{
		kfake.NumBrokers(1),
		kfake.AllowAutoTopicCreation(),
		kfake.DefaultNumPartitions(3),
	}
	c, err := kfake.NewCluster(append(base, opts...)...)
	if err != nil {
		t.Fatalf("testenv: start Kafka: %v", err)
	}
	t.Cleanup(c.Close)
	return c
}
