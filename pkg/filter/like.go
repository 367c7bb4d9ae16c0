package filter

import (
	"unicode"
	"unicode/utf8"
)

// likeToken is one element of a compiled LIKE pattern.
type likeToken struct {
	kind byte // 'l' literal rune, '%' any run, '_' any one rune
	r    rune
}

// compileLike compiles a LIKE pattern with the given escape character.
func compileLike(pattern string, escape rune) []likeToken {
	var toks []likeToken
	for i := 0; i < len(pattern); {
		r, n := utf8.DecodeRuneInString(pattern[i:])
		i += n
		switch {
		case r == escape && i < len(pattern):
			r, n = utf8.DecodeRuneInString(pattern[i:])
			i += n
			toks = append(toks, likeToken{kind: 'l', r: r})
		case r == '%':
			if len(toks) == 0 || toks[len(toks)-1].kind != '%' {
				toks = append(toks, likeToken{kind: '%'})
			}
		case r == '_':
			toks = append(toks, likeToken{kind: '_'})
		default:
			toks = append(toks, likeToken{kind: 'l', r: r})
		}
	}
	return toks
}

// matchLike matches s against a compiled pattern; ci folds case. It
// backtracks only to the last %, so it runs in O(len(s)·len(pattern)).
func matchLike(toks []likeToken, s string, ci bool) bool {
	ti, si := 0, 0
	starT, starS := -1, 0
	for si < len(s) {
		r, n := utf8.DecodeRuneInString(s[si:])
		if ti < len(toks) {
			switch t := toks[ti]; t.kind {
			case '%':
				starT, starS = ti, si
				ti++
				continue
			case '_':
				ti, si = ti+1, si+n
				continue
			default:
				if t.r == r || ci && unicode.ToLower(t.r) == unicode.ToLower(r) {
					ti, si = ti+1, si+n
					continue
				}
			}
		}
		if starT < 0 {
			return false
		}
		_, n = utf8.DecodeRuneInString(s[starS:])
		starS += n
		ti, si = starT+1, starS
	}
	for ti < len(toks) && toks[ti].kind == '%' {
		ti++
	}
	return ti == len(toks)
}
