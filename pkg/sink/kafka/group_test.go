package kafka

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGrouperSplit(t *testing.T) {
	type tp struct {
		topic string
		part  int32
	}
	tests := []struct {
		name string
		in   []tp
	}{
		{"one partition", []tp{{"a", 0}, {"a", 0}, {"a", 0}}},
		{"interleaved partitions", []tp{{"a", 0}, {"a", 1}, {"a", 0}, {"a", 2}, {"a", 1}}},
		{"same partition number, other topic", []tp{{"a", 0}, {"b", 0}, {"a", 0}, {"b", 0}}},
		{"more partitions than the linear scan", func() []tp {
			var in []tp
			for i := range 40 {
				in = append(in, tp{fmt.Sprint("t", i%4), int32(i % 7)})
			}
			return in
		}()},
	}
	g := &grouper{lookup: map[partitionKey]int32{}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := make([]Message, len(tt.in))
			for i, x := range tt.in {
				msgs[i] = Message{Topic: x.topic, Partition: x.part}
			}
			// Expected: groups in order of first use, indexes in call order.
			var order []tp
			want := map[tp][]int32{}
			for i, x := range tt.in {
				if _, ok := want[x]; !ok {
					order = append(order, x)
				}
				want[x] = append(want[x], int32(i))
			}
			for round := range 2 { // the second round reuses the grouper's memory
				groups := g.split(msgs)
				if len(groups) != len(order) {
					t.Fatalf("round %d: %d groups, want %d", round, len(groups), len(order))
				}
				for i, grp := range groups {
					key := tp{grp.topic, grp.partition}
					if key != order[i] {
						t.Errorf("round %d: group %d is %v, want %v", round, i, key, order[i])
					}
					if diff := cmp.Diff(want[key], grp.idx); diff != "" {
						t.Errorf("round %d: %v indexes (-want +got):\n%s", round, key, diff)
					}
				}
				g.reset()
			}
		})
	}
}

func TestGrouperSplitDoesNotAllocate(t *testing.T) {
	msgs := make([]Message, 1000)
	for i := range msgs {
		msgs[i] = Message{Topic: "t", Partition: int32(i % 3)}
	}
	g := &grouper{lookup: map[partitionKey]int32{}}
	g.split(msgs)
	g.reset()
	if n := testing.AllocsPerRun(100, func() { g.split(msgs); g.reset() }); n != 0 {
		t.Errorf("split allocates %.0f times per call in the steady state", n)
	}
}
