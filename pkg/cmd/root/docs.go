package root

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/cdcctl/cdcctl/pkg/cmd/factory"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

// GenMarkdownDocs writes one Markdown page per command of the tree into dir
// (docs/cli), removing pages of commands that no longer exist. Output is
// deterministic: no generation date.
func GenMarkdownDocs(dir string) error {
	ios, _, _, _ := iostreams.Test()
	root := NewCmdRoot(factory.New(ios))
	disableAutoGenTag(root)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("docs: %w", err)
	}
	old, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		return fmt.Errorf("docs: %w", err)
	}
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return fmt.Errorf("docs: %w", err)
		}
	}
	if err := doc.GenMarkdownTree(root, dir); err != nil {
		return fmt.Errorf("docs: generate into %s: %w", dir, err)
	}
	env := "## cdcctl help environment\n\nEnvironment variables that cdcctl reads\n\n### Synopsis\n\n" + EnvironmentHelp() + "\n"
	if err := os.WriteFile(filepath.Join(dir, "cdcctl_help_environment.md"), []byte(env), 0o644); err != nil {
		return fmt.Errorf("docs: %w", err)
	}
	return nil
}

func disableAutoGenTag(c *cobra.Command) {
	c.DisableAutoGenTag = true
	for _, sub := range c.Commands() {
		disableAutoGenTag(sub)
	}
}
