package filter

import (
	"fmt"
	"regexp"
	"strings"
)

// ruleHead reads what table and column rules start with: blank lines and
// #-comments are skipped, a leading '!' negates the rule, and '@file'
// imports are refused. line is the rest of the rule.
func ruleHead(raw string) (line string, positive, skip bool, err error) {
	line = strings.Trim(raw, " \t")
	switch {
	case line == "" || line[0] == '#':
		return "", false, true, nil
	case line[0] == '!':
		return line[1:], false, false, nil
	case line[0] == '@':
		return "", false, false, fmt.Errorf("importing filter files (@file) is not supported; list the rules instead")
	}
	return line, true, false, nil
}

// matcher matches one name (schema, table or column) against one pattern.
type matcher struct {
	all     bool           // the `*` pattern
	literal string         // used when re == nil and !all
	re      *regexp.Regexp // wildcard or /regex/ patterns
}

func (m matcher) match(name string) bool {
	switch {
	case m.all:
		return true
	case m.re != nil:
		return m.re.MatchString(name)
	}
	return m.literal == name
}

// lower returns the case-insensitive form of m (the input must then be
// lower-cased too), as TiDB's table filter does.
func (m matcher) lower() (matcher, error) {
	switch {
	case m.all:
		return m, nil
	case m.re != nil:
		re, err := regexp.Compile("(?i)" + m.re.String())
		if err != nil {
			return m, err
		}
		return matcher{re: re}, nil
	}
	return matcher{literal: strings.ToLower(m.literal)}, nil
}

// patternParser reads patterns of TiDB's table-filter syntax. It reports
// errors without position; callers add the rule.
type patternParser struct{}

// parse reads one pattern from the front of line. With dotSeparated, an
// unescaped '.' ends the pattern (the schema part of "db.tbl").
func (patternParser) parse(line string, dotSeparated bool) (matcher, string, error) {
	if line == "" {
		return matcher{}, "", fmt.Errorf("missing pattern")
	}
	switch line[0] {
	case '/':
		return parseRegexPattern(line)
	case '"', '`':
		return parseQuoted(line, line[0])
	}
	return parseWildcard(line, dotSeparated)
}

// parseRegexPattern reads /regex/ (Go RE2, unanchored: it matches a
// substring). Inside, `\/` does not end the pattern.
func parseRegexPattern(line string) (matcher, string, error) {
	end := -1
	for i := 1; i < len(line); i++ {
		if line[i] == '\\' && i+1 < len(line) {
			i++
			continue
		}
		if line[i] == '/' {
			end = i
			break
		}
	}
	if end <= 1 {
		return matcher{}, "", fmt.Errorf("syntax error: incomplete regexp")
	}
	re, err := regexp.Compile(line[1:end])
	if err != nil {
		return matcher{}, "", fmt.Errorf("invalid pattern: %v", err)
	}
	return matcher{re: re}, line[end+1:], nil
}

// parseQuoted reads "name" or `name`; a doubled quote stands for itself.
func parseQuoted(line string, q byte) (matcher, string, error) {
	var b strings.Builder
	for i := 1; i < len(line); i++ {
		if line[i] != q {
			b.WriteByte(line[i])
			continue
		}
		if i+1 < len(line) && line[i+1] == q {
			b.WriteByte(q)
			i++
			continue
		}
		if b.Len() == 0 {
			break // an empty quoted name is not allowed
		}
		return matcher{literal: b.String()}, line[i+1:], nil
	}
	return matcher{}, "", fmt.Errorf("syntax error: incomplete quoted identifier")
}

// parseWildcard reads a glob: * (any run), ? (one character), [a-z] and
// [!a-z] classes, \x escapes of non-alphanumerics; other characters must be
// letters, digits, _, $ or non-ASCII. Without wildcards it is a literal.
func parseWildcard(line string, dotSeparated bool) (matcher, string, error) {
	var lit, re strings.Builder
	re.WriteString("(?s)^")
	literal := true
	i := 0
loop:
	for i < len(line) {
		c := line[i]
		switch {
		case c == '\\':
			if i == len(line)-1 {
				return matcher{}, "", fmt.Errorf(`syntax error: cannot place \ at end of line`)
			}
			esc := line[i+1]
			if isAlnum(esc) {
				return matcher{}, "", fmt.Errorf(`cannot escape a letter or number (\%c), it is reserved for future extension`, esc)
			}
			lit.WriteByte(esc)
			if esc < 0x80 {
				re.WriteByte('\\')
			}
			re.WriteByte(esc)
			i += 2
		case c == '.' && dotSeparated:
			break loop
		case c == '*':
			literal = false
			re.WriteString(".*")
			i++
		case c == '?':
			literal = false
			re.WriteByte('.')
			i++
		case c == '[':
			end := classEnd(line[i:])
			if end < 0 {
				return matcher{}, "", fmt.Errorf("syntax error: failed to parse character class")
			}
			literal = false
			writeClass(&re, line[i:i+end])
			i += end
		case c == '$' || c == '_' || isAlnum(c) || c >= 0x80:
			lit.WriteByte(c)
			re.WriteByte(c)
			i++
		default:
			return matcher{}, "", fmt.Errorf("unexpected special character '%c'", c)
		}
	}
	if literal {
		return matcher{literal: lit.String()}, line[i:], nil
	}
	if re.String() == "(?s)^.*" {
		return matcher{all: true}, line[i:], nil
	}
	re.WriteByte('$')
	compiled, err := regexp.Compile(re.String())
	if err != nil {
		return matcher{}, "", fmt.Errorf("invalid pattern: %v", err)
	}
	return matcher{re: compiled}, line[i:], nil
}

// classEnd returns the length of the character class at the start of s
// ("[!a-z]" → 6), or -1. The class must hold at least one item; a \ may
// escape any non-alphanumeric character, and ] needs escaping.
func classEnd(s string) int {
	i := 1
	if i < len(s) && s[i] == '!' {
		i++
	}
	start := i
	for i < len(s) {
		switch c := s[i]; {
		case c == '\\':
			if i+1 >= len(s) || isAlnum(s[i+1]) {
				return -1
			}
			i += 2
		case c == ']':
			if i == start {
				return -1
			}
			return i + 1
		default:
			i++
		}
	}
	return -1
}

// writeClass writes a glob class as a regexp class: [!…] negates, and a
// leading ^ is literal in a glob.
func writeClass(re *strings.Builder, class string) {
	switch class[1] {
	case '!':
		re.WriteString("[^")
		re.WriteString(class[2:])
	case '^':
		re.WriteString(`[\^`)
		re.WriteString(class[2:])
	default:
		re.WriteString(class)
	}
}

func isAlnum(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}
