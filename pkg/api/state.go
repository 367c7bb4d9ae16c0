package api

// State is a changefeed's state as the API reports it (spec §5.1).
type State string

// Changefeed states.
const (
	StateNormal   State = "normal"
	StatePending  State = "pending"
	StateWarning  State = "warning"
	StateStopped  State = "stopped"
	StateFailed   State = "failed"
	StateFinished State = "finished"
	StateRemoved  State = "removed"
)

// StateFilterAll is the list filter that matches every state.
const StateFilterAll = "all"

// MatchesFilter applies TiCDC's list filter (GET /changefeeds?state=):
// "" matches normal, stopped, failed, warning and pending (and the
// uninitialised ""), "all" matches everything, anything else matches
// exactly.
func (s State) MatchesFilter(filter string) bool {
	switch filter {
	case StateFilterAll:
		return true
	case "":
		switch s {
		case "", StateNormal, StateStopped, StateFailed, StateWarning, StatePending:
			return true
		}
		return false
	}
	return string(s) == filter
}

// Listed is the state the list API shows: uninitialised is normal and
// pending is warning, as in TiCDC.
func (s State) Listed() State {
	switch s {
	case "":
		return StateNormal
	case StatePending:
		return StateWarning
	}
	return s
}

// ShowsError reports whether the API shows a changefeed's error in this
// state: not when normal, stopped, finished or removed.
func (s State) ShowsError() bool {
	switch s {
	case "", StateNormal, StateStopped, StateFinished, StateRemoved:
		return false
	}
	return true
}

// Updatable reports whether PUT /changefeeds/{id} may change a changefeed
// in this state: only stopped or failed ones.
func (s State) Updatable() bool { return s == StateStopped || s == StateFailed }
