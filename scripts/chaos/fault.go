package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// fault is one injected fault and what was seen of changefeed A while it
// lasted and until A recovered.
type fault struct {
	Kind   string `json:"kind"`
	Detail string `json:"detail,omitempty"`
	// Start and End bound the fault (End: when it was lifted);
	// Recovered is when A was normal again with its checkpoint past End.
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Recovered time.Time `json:"recovered,omitzero"`
	// States are A's states seen from Start to Recovered, in order of
	// first sight; Causes the error or warning codes shown meanwhile.
	States []string `json:"states"`
	Causes []string `json:"causes,omitempty"`
	// Expect says which state and cause the fault must show.
	Expect  string `json:"expect"`
	Problem string `json:"problem,omitempty"`

	cause *regexp.Regexp // the cause the retrying state must show; nil: no state expected
	// known names the known issue that explains a missing retrying
	// state, when one does (Config.KnownIssues).
	known string
}

// Fault kinds.
const (
	kindKill           = "kill"
	kindBrokerCut      = "broker-cut"
	kindRegistryCut    = "registry-cut"
	kindUpstream       = "upstream-restart"
	kindBrokerRestart  = "broker-restart"
	kindDDL            = "ddl"
	kindStuck          = "stuck"
	retryingStates     = "warning or pending"
	causeKafka         = `CDC:ErrKafkaSendMessage|(?i)kafka`
	causeRegistry      = `CDC:ErrAvroSchemaAPIError|CDC:ErrAvroEncodeFailed|(?i)registry`
	causeUpstream      = `CDC:ErrReaderFailed|CDC:ErrUpstreamNotReady|CDC:ErrMySQL`
	freezeGrace        = 1500 * time.Millisecond // acks in flight when a broker cut starts
	stallWarningWindow = 5 * time.Second         // the engine's StallWarning
)

func newFault(kind, detail, cause string) *fault {
	f := &fault{Kind: kind, Detail: detail, Start: time.Now(), Expect: "normal after"}
	if cause != "" {
		f.cause = regexp.MustCompile(cause)
		f.Expect = retryingStates + " (" + cause + ") during, normal after"
	}
	return f
}

// judge fills States and Causes from A's observations and says what is
// wrong, if anything.
func (f *fault) judge(obs []observation) {
	retrying := false
	for _, o := range obs {
		if !slices.Contains(f.States, o.State) {
			f.States = append(f.States, o.State)
		}
		c := o.cause()
		if o.State != "normal" && c != "" {
			if code := codeOf(c); !slices.Contains(f.Causes, code) {
				f.Causes = append(f.Causes, codeOf(c))
			}
			if (o.State == "warning" || o.State == "pending") && f.cause != nil && f.cause.MatchString(c) {
				retrying = true
			}
		}
	}
	switch {
	case slices.Contains(f.States, "failed"):
		f.addProblem("changefeed A failed")
	case f.Recovered.IsZero():
		f.addProblem("changefeed A did not recover (normal, checkpoint past the fault's end)")
	case f.cause != nil && !retrying:
		f.addProblem(fmt.Sprintf("no %s state with cause %s was seen while the fault lasted", retryingStates, f.cause))
	}
}

func (f *fault) addProblem(p string) {
	if f.Problem != "" {
		f.Problem += "; "
	}
	f.Problem += p
}

// codeOf returns the code of a "CDC:ErrX: message" cause.
func codeOf(cause string) string {
	rest, ok := strings.CutPrefix(cause, "CDC:")
	if !ok {
		code, _, _ := strings.Cut(cause, ":")
		return code
	}
	code, _, _ := strings.Cut(rest, ":")
	return "CDC:" + code
}

// seconds formats a duration for the tables.
func seconds(d time.Duration) string { return fmt.Sprintf("%.1fs", d.Seconds()) }
