// Package examples holds no code: it is the directory of sample files
// (changefeed.conf, connector JSON, the Snowflake kit for TPC-C), and its
// test regenerates the generated ones with the commands listed in
// README.md and fails when any of them is stale.
package examples
