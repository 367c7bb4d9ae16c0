// Command gendocs regenerates docs/cli/*.md from the cdcctl command tree
// (`make docs`).
package main

import (
	"fmt"
	"os"

	"github.com/cdcctl/cdcctl/pkg/cmd/root"
)

func main() {
	dir := "docs/cli"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := root.GenMarkdownDocs(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
