package analysis

import (
	"bytes"
	_ "embed"
)

// englishWords lists common English words (see data/english.COPYRIGHT),
// one a line, sorted bytewise. A question word that is real English but
// absent from the notes ("slack", "market") is left alone rather than
// "corrected" to a note word a letter away ("stack", "marker").
//
// It is searched in place: a question looks up a few words, so building a
// set of all 63,000 would cost more than answering it.
//
//go:embed data/english.txt
var englishWords []byte

// IsEnglish reports whether the lower-case word is a dictionary word.
func IsEnglish(w string) bool {
	if w == "" {
		return false
	}
	lines := englishWords
	lo, hi := 0, len(lines)
	for lo < hi {
		mid := lo + (hi-lo)/2
		s := lo + bytes.LastIndexByte(lines[lo:mid], '\n') + 1
		end := len(lines)
		if i := bytes.IndexByte(lines[s:], '\n'); i >= 0 {
			end = s + i
		}
		switch word := lines[s:end]; {
		case string(word) == w:
			return true
		case string(word) < w:
			lo = min(end+1, len(lines))
		default:
			hi = s
		}
	}
	return false
}
