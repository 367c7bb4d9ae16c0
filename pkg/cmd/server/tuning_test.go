package server

import (
	"strings"
	"testing"
	"time"

	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/engine"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

func TestEngineFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    engine.Options
		wantErr string
	}{
		{name: "defaults leave the engine's", args: nil},
		{name: "all set", args: []string{"--checkpoint-interval", "200ms", "--retry-backoff", "500ms", "--stuck-duration", "45s", "--memory-limit", "8MiB"},
			want: engine.Options{CheckpointInterval: 200 * time.Millisecond, StuckDuration: 45 * time.Second, MemoryLimit: 8 << 20,
				Backoff: engine.Backoff{Initial: 500 * time.Millisecond, Max: 10 * time.Minute, Jitter: 0.1}}},
		{name: "backoff and its max", args: []string{"--retry-backoff", "1s", "--retry-backoff-max", "4s"},
			want: engine.Options{Backoff: engine.Backoff{Initial: time.Second, Max: 4 * time.Second, Jitter: 0.1}}},
		{name: "max alone keeps TiCDC's first wait", args: []string{"--retry-backoff-max", "1m"},
			want: engine.Options{Backoff: engine.Backoff{Initial: 10 * time.Second, Max: time.Minute, Jitter: 0.1}}},
		{name: "backoff longer than its max", args: []string{"--retry-backoff", "20m"},
			wantErr: "--retry-backoff-max 10m0s is shorter than --retry-backoff 20m0s"},
		{name: "plain bytes", args: []string{"--memory-limit", "1048576"}, want: engine.Options{MemoryLimit: 1 << 20}},
		{name: "K suffix", args: []string{"--memory-limit", "512k"}, want: engine.Options{MemoryLimit: 512 << 10}},
		{name: "GiB", args: []string{"--memory-limit", "1GiB"}, want: engine.Options{MemoryLimit: 1 << 30}},
		{name: "zero checkpoint interval", args: []string{"--checkpoint-interval", "0s"}, wantErr: "--checkpoint-interval: want a positive duration, got 0s"},
		{name: "negative backoff", args: []string{"--retry-backoff", "-1s"}, wantErr: "--retry-backoff: want a positive duration, got -1s"},
		{name: "zero stuck duration", args: []string{"--stuck-duration", "0"}, wantErr: "--stuck-duration: want a positive duration, got 0s"},
		{name: "size without digits", args: []string{"--memory-limit", "lots"}, wantErr: `--memory-limit: want a size such as 64MiB, got "lots"`},
		{name: "size too small", args: []string{"--memory-limit", "1KiB"}, wantErr: `--memory-limit: want at least 64KiB, got "1KiB"`},
		{name: "negative size", args: []string{"--memory-limit", "-5MiB"}, wantErr: `--memory-limit: want a size such as 64MiB, got "-5MiB"`},
		{name: "unparsable duration", args: []string{"--stuck-duration", "soon"}, wantErr: `invalid argument "soon" for "--stuck-duration"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XDG_CONFIG_HOME", t.TempDir())
			ios, _, _, _ := iostreams.Test()
			var got *Options
			cmd := NewCmdServer(factory.New(ios), func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			g := got.Capture.Engine
			if g.CheckpointInterval != tt.want.CheckpointInterval || g.Backoff != tt.want.Backoff ||
				g.StuckDuration != tt.want.StuckDuration || g.MemoryLimit != tt.want.MemoryLimit {
				t.Errorf("engine options = %+v, want %+v", g, tt.want)
			}
		})
	}
}
