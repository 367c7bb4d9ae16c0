// Command chaos proves cdcctl's delivery promise under faults (see
// docs/reliability.md): it builds the cdcctl binary, runs `cdcctl server`
// as a child process against a MariaDB sandbox, a Kafka broker (kfake, log
// on disk) and a Schema Registry, both behind fault proxies, creates two
// changefeeds with `cdcctl changefeed create`, and while a mixed workload
// with DDL runs it kills the server with SIGKILL at random moments, cuts
// it off from the broker and the registry, restarts MariaDB and the
// broker, and holds one changefeed stuck until it fails. It records the
// changefeeds' states, checkpoints and the server's RSS throughout, then
// checks Kafka against the upstream with pkg/verify and prints the
// results. It exits 1 when anything is wrong.
//
//	go run ./scripts/chaos            # the full run (about 4 minutes)
//	go run ./scripts/chaos -short     # the CI run (about 90 seconds)
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	os.Exit(mainErr(os.Args[1:], os.Stdout, os.Stderr))
}

func mainErr(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("chaos", flag.ContinueOnError)
	fs.SetOutput(stderr)
	short := fs.Bool("short", false, "the CI run: every fault once or more, about 90 seconds")
	seed := fs.Int64("seed", 0, "seed of the workload and the fault moments (default: the time)")
	duration := fs.Duration("duration", 0, "stretch or shrink the run to about this long (default: about 4m, 75s with -short)")
	bin := fs.String("bin", "", "cdcctl binary to test (default: build one)")
	dir := fs.String("dir", "", "directory of the run's state and logs (default: a temporary one, kept on failure)")
	keep := fs.Bool("keep", false, "keep the temporary directory after a passing run")
	output := fs.String("o", "table", "output: table or json")
	quiet := fs.Bool("q", false, "no progress lines on stderr")
	var ids []string
	for id := range KnownIssues() {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	known := fs.String("known", "", "comma-separated ids of known product bugs to report without failing: "+strings.Join(ids, ", "))
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *output != "table" && *output != "json" {
		fmt.Fprintf(stderr, "chaos: -o %q: want table or json\n", *output)
		return 2
	}
	if *seed == 0 {
		*seed = time.Now().UnixNano() % 1_000_000
	}
	cfg := Full(*seed)
	if *short {
		cfg = Short(*seed)
	}
	if *duration > 0 {
		cfg.Scale(*duration)
	}
	cfg.Bin, cfg.Dir, cfg.Keep = *bin, *dir, *keep
	if *known != "" {
		cfg.KnownIssues = strings.Split(*known, ",")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	progress := stderr
	if *quiet {
		progress = io.Discard
	}
	res, err := Run(ctx, cfg, progress)
	if err != nil {
		fmt.Fprintf(stderr, "chaos: %v\n", err)
		return 1
	}
	if *output == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(res)
	} else {
		_ = res.WriteText(stdout)
	}
	if !res.Passed {
		return 1
	}
	return 0
}
