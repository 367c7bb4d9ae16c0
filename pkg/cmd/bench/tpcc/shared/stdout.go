package shared

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// CaptureStdout keeps go-tpc's own printing off stdout. go-tpc's TPC-C
// package reports progress with fmt.Printf ("creating table stock", "load
// to stock in warehouse 1", "DROP TABLE IF EXISTS item", "exec statement
// error: …, may try again later..."), which would mix with the command's
// data on stdout (`-o json`). While fn runs, os.Stdout is a pipe whose
// lines go to line; it is restored afterwards. The command's own output is
// unaffected: it writes to the *os.File its IOStreams took at start. Only
// a command may call it (os.Stdout is process state), one at a time.
func CaptureStdout(line func(string), fn func() error) error {
	r, w, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("capture go-tpc output: %w", err)
	}
	read := make(chan struct{})
	go func() {
		defer close(read)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if l := strings.TrimSpace(sc.Text()); l != "" && line != nil {
				line(l)
			}
		}
		_, _ = io.Copy(io.Discard, r)
	}()
	saved := os.Stdout
	os.Stdout = w
	defer func() {
		os.Stdout = saved
		_ = w.Close()
		<-read
		_ = r.Close()
	}()
	return fn()
}
