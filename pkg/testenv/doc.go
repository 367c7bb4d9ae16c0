// Package testenv starts the real components that integration tests run
// against: a throwaway MariaDB with the binlog on (pkg/mariadb), an
// in-process Kafka broker speaking the wire protocol (franz-go's kfake) and
// an in-process Confluent-compatible Schema Registry (franz-go's srfake).
// Each is stopped and removed by t.Cleanup, also when the test fails. A
// missing mariadbd fails the test with the install command: integration
// tests never skip.
package testenv
