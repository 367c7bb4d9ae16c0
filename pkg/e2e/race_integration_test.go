//go:build integration && race

package e2e

// raceEnabled builds the binary with -race when the tests run with it.
const raceEnabled = true
