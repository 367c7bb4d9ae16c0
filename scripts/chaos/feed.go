package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/client"
)

// The two changefeeds: A carries the workload through every fault; B
// exists to be stuck (its broker cut off) until it fails.
const (
	feedA = "chaos-a"
	feedB = "chaos-b"

	dbA      = "chaos"       // the steady workload
	dbBurst  = "chaos_burst" // the burst while the broker is stalled
	dbB      = "chaos_b"     // changefeed B's table
	topicFmt = "tidb_{schema}_{table}"
)

// cli runs cdcctl commands against the server, as a user would.
type cli struct {
	bin, server, dir string
	log              *os.File // every command and its output
}

// run runs `cdcctl args...` and returns its stdout; a non-zero exit is an
// error carrying stderr.
func (c *cli) run(ctx context.Context, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	full := append([]string{"--server", "http://" + c.server}, args...)
	cmd := exec.CommandContext(ctx, c.bin, full...)
	cmd.Env = cleanEnv(c.dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	fmt.Fprintf(c.log, "$ cdcctl %s\n%s%s(exit %d)\n", strings.Join(full, " "), stdout.String(), stderr.String(), cmd.ProcessState.ExitCode())
	if err != nil {
		return stdout.String(), fmt.Errorf("cdcctl %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}

// createFeeds creates A over the chaos databases and B over chaos_b, each
// with the guide's one-topic-per-table rule and the TiDB extension (so the
// checker can judge order by commit ts).
func (c *cli) createFeeds(ctx context.Context, s *stack, cfg Config) error {
	t := cfg.SinkTimeout.String()
	sink := func(broker string) string {
		return fmt.Sprintf("kafka://%s/chaos-meta?protocol=avro&enable-tidb-extension=true&partition-num=%d&dial-timeout=%s&read-timeout=%s&write-timeout=%s",
			broker, partitions, t, t, t)
	}
	for _, f := range []struct {
		id, sink, registry string
		rules              []string
	}{
		{feedA, sink(s.brokerAddr()), s.regProxy.Addr(), []string{dbA + ".*", dbBurst + ".*"}},
		{feedB, sink(s.kafkaProxyB.Addr()), s.regAddr, []string{dbB + ".*"}},
	} {
		conf := filepath.Join(c.dir, f.id+".toml")
		body := fmt.Sprintf("[filter]\nrules = ['%s']\n", strings.Join(f.rules, "', '"))
		if err := os.WriteFile(conf, []byte(body), 0o644); err != nil {
			return err
		}
		if _, err := c.run(ctx, "changefeed", "create", "-c", f.id, "--sink-uri", f.sink, "--schema-registry", "http://"+f.registry,
			"--dispatch-preset", "confluent", "--config", conf, "--snapshot", "initial", "--no-confirm"); err != nil {
			return err
		}
	}
	return nil
}

// observation is one look at a changefeed through the API.
type observation struct {
	At         time.Time
	State      string
	Checkpoint uint64
	// Err and Warn are the last error and warning the API shows (code:
	// message), "" when none.
	Err, Warn string
}

// cause is what the observation says is wrong: the error, else the warning.
func (o observation) cause() string {
	if o.Err != "" {
		return o.Err
	}
	return o.Warn
}

// observe asks the API for a changefeed's status.
func observe(ctx context.Context, cl *client.Client, id string) (observation, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	st, err := cl.Changefeeds().Status(ctx, api.ChangefeedID{Namespace: "default", ID: id})
	if err != nil {
		return observation{}, err
	}
	o := observation{At: time.Now(), State: string(st.State), Checkpoint: st.CheckpointTs}
	if e := st.LastError; e != nil {
		o.Err = e.Code + ": " + e.Message
	}
	if e := st.LastWarning; e != nil {
		o.Warn = e.Code + ": " + e.Message
	}
	return o, nil
}
