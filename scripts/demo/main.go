// Command demo is `make demo`: it runs the flow of the TiDB guide
// "integrate with Confluent Cloud and Snowflake" on one machine by driving
// the cdcctl binary as a user would, one command at a time — playground,
// changefeed, TPC-C, tail, changefeed query, Snowflake SQL — then verifies
// that Kafka holds exactly what the upstream committed, and stops and
// removes everything it started. It exits 0 when every check passed, 1
// when one failed and 4 when interrupted (after cleaning up).
//
//	go run ./scripts/demo -bin bin/cdcctl [-time 20s | -count N] [-warehouses 1]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	os.Exit(mainExit())
}

func mainExit() int {
	cfg := Config{Out: os.Stdout, Log: os.Stderr, Records: 3, StartTimeout: 2 * time.Minute, CatchUpTimeout: 3 * time.Minute}
	flag.StringVar(&cfg.Bin, "bin", "bin/cdcctl", "the cdcctl binary to drive")
	flag.StringVar(&cfg.ChangefeedConf, "config", "examples/changefeed.conf", "the changefeed configuration (the seed guide's)")
	flag.IntVar(&cfg.Warehouses, "warehouses", 1, "TPC-C warehouses to load")
	flag.DurationVar(&cfg.RunTime, "time", 20*time.Second, "how long to run the TPC-C transactions")
	flag.IntVar(&cfg.RunCount, "count", 0, "stop the TPC-C run after this many transactions instead (with -time 0)")
	timeout := flag.Duration("timeout", 10*time.Minute, "give up after this long")
	flag.Parse()
	if err := checkConfig(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		return 2
	}

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() { // ends with the process
		<-sigs
		fmt.Fprintln(os.Stderr, "\ndemo: interrupted; stopping the playground (again to force)…")
		cancel()
		signal.Stop(sigs)
	}()

	_, err := Run(ctx, cfg)
	switch {
	case err == nil:
		return 0
	case errors.Is(ctx.Err(), context.Canceled): // a signal; a timeout is a failure
		fmt.Fprintln(os.Stderr, "demo: interrupted; everything it started is stopped and removed")
		return 4
	default:
		fmt.Fprintln(os.Stderr, "demo: FAILED:", err)
		return 1
	}
}

func checkConfig(cfg Config) error {
	if _, err := os.Stat(cfg.Bin); err != nil {
		return fmt.Errorf("-bin: %w (build it with `make build`)", err)
	}
	if _, err := os.Stat(cfg.ChangefeedConf); err != nil {
		return fmt.Errorf("-config: %w", err)
	}
	if cfg.Warehouses < 1 {
		return fmt.Errorf("-warehouses: want at least 1, got %d", cfg.Warehouses)
	}
	if (cfg.RunTime > 0) == (cfg.RunCount > 0) {
		return errors.New("give one of -time and -count (the other 0)")
	}
	return nil
}
