package server

import (
	"strconv"

	"github.com/cdcctl/cdcctl/pkg/api"
)

// presentInfo applies TiCDC's rules to a changefeed in detail: secrets
// masked, checkpoint_time from the checkpoint TSO, the error only in
// states that show it and without its time, task_status only when
// normal.
func (s *server) presentInfo(info *api.ChangeFeedInfo) *api.ChangeFeedInfo {
	out := info.Masked()
	out.CheckpointTime = api.CheckpointTime(out.CheckpointTs, s.opts.Location)
	if out.Error != nil {
		if !out.State.ShowsError() {
			out.Error = nil
		} else {
			e := *out.Error
			e.Time = nil
			out.Error = &e
		}
	}
	if out.State != api.StateNormal {
		out.TaskStatus = nil
	}
	return out
}

// presentCommon applies the list's rules: checkpoint_time from the TSO and
// no error in states that do not show one.
func (s *server) presentCommon(c api.ChangefeedCommonInfo) api.ChangefeedCommonInfo {
	c.CheckpointTime = api.CheckpointTime(c.CheckpointTSO, s.opts.Location)
	if !c.State.ShowsError() {
		c.Error = nil
	}
	return c
}

// presentStatus drops errors and warnings older than the checkpoint: the
// changefeed has moved past them (TiCDC's rule). One without a time is
// kept.
func presentStatus(st *api.ChangefeedStatus) *api.ChangefeedStatus {
	out := *st
	cp := api.TSOTime(st.CheckpointTs)
	stale := func(e *api.RunningError) bool { return e == nil || (e.Time != nil && !cp.Before(*e.Time)) }
	if stale(out.LastError) {
		out.LastError = nil
	}
	if stale(out.LastWarning) {
		out.LastWarning = nil
	}
	return &out
}

func utoa(v uint64) string { return strconv.FormatUint(v, 10) }
