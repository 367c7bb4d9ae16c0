package kafka

// partitionGroup is the messages of one call bound for one partition, in
// call order.
type partitionGroup struct {
	topic     string
	partition int32
	n         int32   // message count while splitting
	idx       []int32 // indexes into the call's messages
	limit     int     // largest message accepted for topic
}

type partitionKey struct {
	topic     string
	partition int32
}

// linearGroups is how many partitions are matched by a scan before a map
// is worth its hashing.
const linearGroups = 8

// grouper splits a call's messages by partition without allocating in the
// steady state: its slices and map are reused through the producer's
// sync.Pool.
type grouper struct {
	groups []partitionGroup
	lookup map[partitionKey]int32 // used beyond linearGroups partitions
	of     []int32                // group of each message
	order  []int32                // message indexes grouped; backs every group's idx
}

func newGrouper() any { return &grouper{lookup: map[partitionKey]int32{}} }

// split groups msgs by (topic, partition), keeping each group's messages in
// call order (a stable counting sort). Groups appear in order of first use.
// The result is valid until reset.
func (g *grouper) split(msgs []Message) []partitionGroup {
	g.of = grow(g.of, len(msgs))
	last := int32(-1)
	for i := range msgs {
		m := &msgs[i]
		if last < 0 || g.groups[last].partition != m.Partition || g.groups[last].topic != m.Topic {
			last = g.find(m.Topic, m.Partition)
		}
		g.of[i] = last
		g.groups[last].n++
	}
	g.order = grow(g.order, len(msgs))
	start := int32(0)
	for i := range g.groups {
		grp := &g.groups[i]
		grp.idx = g.order[start : start : start+grp.n]
		start += grp.n
	}
	for i, gi := range g.of {
		grp := &g.groups[gi]
		grp.idx = append(grp.idx, int32(i))
	}
	return g.groups
}

// find returns the index of the group of (topic, partition), adding it.
func (g *grouper) find(topic string, partition int32) int32 {
	key := partitionKey{topic, partition}
	if len(g.groups) <= linearGroups {
		for i := range g.groups {
			if g.groups[i].partition == partition && g.groups[i].topic == topic {
				return int32(i)
			}
		}
		if len(g.groups) < linearGroups {
			return g.add(key)
		}
		for i := range g.groups { // one more partition: move to the map
			g.lookup[partitionKey{g.groups[i].topic, g.groups[i].partition}] = int32(i)
		}
	} else if i, ok := g.lookup[key]; ok {
		return i
	}
	i := g.add(key)
	g.lookup[key] = i
	return i
}

func (g *grouper) add(key partitionKey) int32 {
	g.groups = append(g.groups, partitionGroup{topic: key.topic, partition: key.partition})
	return int32(len(g.groups) - 1)
}

// reset empties g and drops its references to the caller's topics.
func (g *grouper) reset() {
	clear(g.groups)
	g.groups = g.groups[:0]
	clear(g.lookup)
}

func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}
