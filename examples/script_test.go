package examples

import (
	"fmt"
	"strings"
)

// command is one line of the README's generation script: environment
// settings (export NAME=VALUE) or a cdcctl command whose stdout goes to
// Redirect, or which writes into its --out-dir.
type command struct {
	Env      [2]string // NAME, VALUE for an export
	Args     []string  // cdcctl's arguments
	Redirect string    // "> file"
	OutDir   string    // the value of --out-dir
	Line     string
}

// parseScript reads the commands of every ```sh block of a Markdown file:
// lines joined at a trailing backslash, comments and blank lines skipped.
// It knows only what the README uses: export, cdcctl, single quotes and
// "> file".
func parseScript(md string) ([]command, error) {
	var cmds []command
	in, cont := false, ""
	for _, line := range strings.Split(md, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			in = !in && trimmed == "```sh"
			continue
		case !in:
			continue
		}
		if s, ok := strings.CutSuffix(trimmed, `\`); ok {
			cont += strings.TrimSpace(s) + " "
			continue
		}
		full := strings.TrimSpace(cont + trimmed)
		cont = ""
		if full == "" || strings.HasPrefix(full, "#") {
			continue
		}
		c, err := parseLine(full)
		if err != nil {
			return nil, err
		}
		cmds = append(cmds, c)
	}
	if in || cont != "" {
		return nil, fmt.Errorf("unterminated ```sh block or continuation")
	}
	return cmds, nil
}

func parseLine(line string) (command, error) {
	words, err := splitWords(line)
	if err != nil {
		return command{}, fmt.Errorf("%q: %w", line, err)
	}
	c := command{Line: line}
	switch words[0] {
	case "export":
		name, value, ok := strings.Cut(strings.Join(words[1:], " "), "=")
		if len(words) != 2 || !ok {
			return c, fmt.Errorf("%q: want export NAME=VALUE", line)
		}
		c.Env = [2]string{name, value}
		return c, nil
	case "cdcctl":
	default:
		return c, fmt.Errorf("%q: only export and cdcctl lines are understood", line)
	}
	for i := 1; i < len(words); i++ {
		switch w := words[i]; {
		case w == ">" && i == len(words)-2:
			c.Redirect = words[i+1]
			return c, nil
		case w == ">":
			return c, fmt.Errorf("%q: > must come last, before one file", line)
		case w == "--out-dir" && i+1 < len(words):
			c.OutDir = words[i+1]
		}
		c.Args = append(c.Args, words[i])
	}
	if c.OutDir == "" {
		return c, fmt.Errorf("%q: writes neither to a file (> file) nor to --out-dir", line)
	}
	return c, nil
}

// splitWords splits a shell line at blanks, honouring single quotes.
func splitWords(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range line {
		switch {
		case quoted && r == '\'':
			quoted = false
		case quoted:
			cur.WriteRune(r)
		case r == '\'':
			quoted, inWord = true, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case strings.ContainsRune(`"$`+"`"+`;|&<*?`, r):
			return nil, fmt.Errorf("unsupported shell syntax %q", r)
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("unterminated quote")
	}
	if inWord {
		words = append(words, cur.String())
	}
	if len(words) == 0 {
		return nil, fmt.Errorf("empty command")
	}
	return words, nil
}
