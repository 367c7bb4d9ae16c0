// Package e2e holds the end-to-end tests of cdcctl (behind the integration
// build tag): they build the cdcctl binary once and drive it as users do,
// `cdcctl playground` for MariaDB, Kafka and the Schema Registry, `cdcctl
// server` as its own process and `cdcctl changefeed …` against it, then
// read what reached Kafka back through the registry. The package has no
// code of its own.
package e2e
