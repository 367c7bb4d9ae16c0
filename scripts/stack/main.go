// Command stack is the current `make demo`: it starts the local stack that
// cdcctl runs against — a throwaway MariaDB with the binlog on, an
// in-process Kafka broker and Schema Registry — proves each one answers
// with the production clients, prints the endpoints and stops everything.
// (The playground and the full seed-guide flow replace it later.)
package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	_ "github.com/go-sql-driver/mysql"
	"github.com/riferrei/srclient"
	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/sr/srfake"

	"github.com/cdcctl/cdcctl/pkg/mariadb"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	db, err := mariadb.Start(ctx, mariadb.Options{})
	if err != nil {
		return err
	}
	defer db.Remove(context.Background())
	var version, binlogFormat string
	conn, err := sql.Open("mysql", db.DSN(""))
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.QueryRowContext(ctx, "SELECT VERSION(), @@binlog_format").Scan(&version, &binlogFormat); err != nil {
		return fmt.Errorf("query MariaDB: %w", err)
	}

	cluster, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.AllowAutoTopicCreation())
	if err != nil {
		return fmt.Errorf("start Kafka: %w", err)
	}
	defer cluster.Close()
	kconn, err := kafka.DialContext(ctx, "tcp", cluster.ListenAddrs()[0])
	if err != nil {
		return fmt.Errorf("dial Kafka: %w", err)
	}
	brokers, err := kconn.Brokers()
	kconn.Close()
	if err != nil {
		return fmt.Errorf("Kafka metadata: %w", err)
	}

	reg := srfake.New()
	defer reg.Close()
	subjects, err := srclient.NewSchemaRegistryClient(reg.URL()).GetSubjects()
	if err != nil {
		return fmt.Errorf("Schema Registry: %w", err)
	}

	fmt.Printf("MariaDB          %s  (%s, binlog_format=%s)\n", db.URL(), version, binlogFormat)
	fmt.Printf("Kafka            %s  (%d broker(s) answered metadata)\n", cluster.ListenAddrs()[0], len(brokers))
	fmt.Printf("Schema Registry  %s  (%d subjects)\n", reg.URL(), len(subjects))
	fmt.Println("All three answered; stopping the stack.")
	return nil
}
