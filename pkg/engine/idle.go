package engine

import (
	"time"

	"github.com/cdcctl/cdcctl/pkg/checkpoint"
	"github.com/cdcctl/cdcctl/pkg/event"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
)

// idleMargin is taken off a heartbeat's arrival before its time counts
// for the checkpoint: MariaDB's commit times have whole seconds, and the
// rest covers the heartbeat's trip and a small difference between the
// upstream's clock and this host's.
const idleMargin = 2 * time.Second

// idleCheckpoint moves the shown checkpoint cp up to the upstream's last
// idle heartbeat when cp is at that heartbeat's position, i.e. every
// transaction read before it is acknowledged: nothing was committed
// upstream between cp's transaction and the heartbeat, so cp covers that
// time too, as TiCDC's checkpoint keeps advancing while the upstream is
// idle (and the lag stays seconds, not the hours since the last write).
//
// The lifecycle sees it too: a warning clears once the checkpoint moves,
// which on an idle upstream it otherwise never would. The persisted
// checkpoint and the messages' commit timestamps stay those of the
// transactions, so restarts and their replays are exactly as before.
func idleCheckpoint(cp checkpoint.Point, ip binlog.IdlePoint, ok bool) checkpoint.Point {
	if !ok || ip.Pos != cp.Pos || cp.IsZero() {
		return cp
	}
	if ts := event.ComposeTS(ip.At.Add(-idleMargin).UnixMilli(), 0); ts > cp.CommitTs {
		cp.CommitTs = ts
	}
	return cp
}
