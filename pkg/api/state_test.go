package api

import "testing"

func TestStateMatchesFilter(t *testing.T) {
	all := []State{"", StateNormal, StatePending, StateWarning, StateStopped, StateFailed, StateFinished, StateRemoved}
	tests := []struct {
		filter string
		want   []State
	}{
		{"", []State{"", StateNormal, StatePending, StateWarning, StateStopped, StateFailed}},
		{"all", all},
		{"finished", []State{StateFinished}},
		{"pending", []State{StatePending}},
		{"error", nil},
	}
	for _, tt := range tests {
		t.Run("filter="+tt.filter, func(t *testing.T) {
			var got []State
			for _, s := range all {
				if s.MatchesFilter(tt.filter) {
					got = append(got, s)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestStateListedAndErrors(t *testing.T) {
	tests := []struct {
		s          State
		listed     State
		showsError bool
		updatable  bool
	}{
		{"", StateNormal, false, false},
		{StateNormal, StateNormal, false, false},
		{StatePending, StateWarning, true, false},
		{StateWarning, StateWarning, true, false},
		{StateStopped, StateStopped, false, true},
		{StateFailed, StateFailed, true, true},
		{StateFinished, StateFinished, false, false},
		{StateRemoved, StateRemoved, false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.s), func(t *testing.T) {
			if got := tt.s.Listed(); got != tt.listed {
				t.Errorf("Listed = %q, want %q", got, tt.listed)
			}
			if got := tt.s.ShowsError(); got != tt.showsError {
				t.Errorf("ShowsError = %v, want %v", got, tt.showsError)
			}
			if got := tt.s.Updatable(); got != tt.updatable {
				t.Errorf("Updatable = %v, want %v", got, tt.updatable)
			}
		})
	}
}
