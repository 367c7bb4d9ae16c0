// Command sandbox starts a detached MariaDB sandbox (pkg/mariadb) for
// scripts/mariadb and prints its endpoints; `scripts/mariadb stop DIR`
// stops it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/cdcctl/cdcctl/pkg/mariadb"
)

func main() {
	dir := flag.String("dir", "", "sandbox directory (created if missing)")
	port := flag.Int("port", 0, "TCP port on 127.0.0.1 (0 = a free one)")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "sandbox: -dir is required")
		os.Exit(2)
	}
	abs, err := filepath.Abs(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sandbox:", err)
		os.Exit(1)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := mariadb.Start(ctx, mariadb.Options{Dir: abs, Port: *port, Detach: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("MariaDB sandbox running in %s\n  url:  %s\n  dsn:  %s\n  stop: scripts/mariadb stop %s\n",
		srv.Dir(), srv.URL(), srv.DSN(""), srv.Dir())
}
