package binlog

import "github.com/cdcctl/cdcctl/pkg/event"

const maxLogical = 1<<18 - 1

// tsoClock hands out strictly increasing TSOs from wall times that may
// repeat or, across a server clock change, go backwards.
type tsoClock struct {
	physical int64 // ms
	logical  uint64
}

// seed makes the clock continue after ts (a checkpoint's commit ts).
func (c *tsoClock) seed(ts uint64) {
	c.physical = event.PhysicalMs(ts)
	c.logical = ts & maxLogical
}

// next returns a TSO for a transaction committed at physicalMs.
func (c *tsoClock) next(physicalMs int64) uint64 {
	if physicalMs > c.physical {
		c.physical, c.logical = physicalMs, 0
	} else {
		c.logical++
		if c.logical > maxLogical {
			c.physical++
			c.logical = 0
		}
	}
	return event.ComposeTS(c.physical, c.logical)
}
