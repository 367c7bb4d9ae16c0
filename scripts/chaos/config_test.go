package main

import (
	"strings"
	"testing"
	"time"
)

func TestConfig(t *testing.T) {
	tests := []struct {
		name    string
		cfg     func() Config
		wantErr string
	}{
		{name: "short", cfg: func() Config { return Short(1) }},
		{name: "full", cfg: func() Config { return Full(1) }},
		{name: "full stretched", cfg: func() Config { c := Full(1); c.Scale(10 * time.Minute); return c }},
		{name: "short shrunk too far", cfg: func() Config { c := Short(1); c.Scale(30 * time.Second); return c },
			wantErr: "too short to show the engine's warning"},
		{name: "unknown known issue", cfg: func() Config { c := Short(1); c.KnownIssues = []string{"nope"}; return c },
			wantErr: `unknown known issue "nope"`},
		{name: "cut longer than the stuck duration", cfg: func() Config { c := Short(1); c.StuckDuration = 9 * time.Second; return c },
			wantErr: "would outlast the stuck duration"},
		{name: "bad cut mode", cfg: func() Config { c := Short(1); c.RegistryCut.Mode = "drop"; return c }, wantErr: `cut mode "drop"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg()
			err := cfg.validate()
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestScale(t *testing.T) {
	c := Full(1)
	c.Scale(2 * c.nominal())
	if c.BrokerCuts[0].Duration != time.Minute || c.StuckDuration != 2*time.Minute || c.Kills != 24 || c.KillGap != [2]time.Duration{2 * time.Second, 16 * time.Second} {
		t.Errorf("scaled ×2: cut %s, stuck %s, kills %d, gap %v", c.BrokerCuts[0].Duration, c.StuckDuration, c.Kills, c.KillGap)
	}
	c = Short(1)
	c.Scale(c.nominal() / 4)
	if c.Kills != 5 {
		t.Errorf("kills = %d, want at least 5", c.Kills)
	}
}

func TestCodeOf(t *testing.T) {
	for in, want := range map[string]string{
		"CDC:ErrKafkaSendMessage: Kafka has not acknowledged a write for 5s; retrying": "CDC:ErrKafkaSendMessage",
		"CDC:ErrReaderFailed: read: binlog source: EOF":                                "CDC:ErrReaderFailed",
		"plain: message": "plain",
	} {
		if got := codeOf(in); got != want {
			t.Errorf("codeOf(%q) = %q, want %q", in, got, want)
		}
	}
}
