package search

import (
	"strings"
	"unicode"

	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/search/score"
)

// isName reports whether a concept of the question is said with a word no
// English dictionary has ("lightsail", "terraform", "asyncio",
// "m5.xlarge", "useEffect"): a name of a product, place or identifier.
// Notes that never say it cannot answer a question about it, however
// often AWS writing uses it (see score.Held). Numbers are not names, a
// word crib corrected as a typo is the note word it stands for, and a
// word of three letters or fewer is a name only with a digit in it
// ("m5"): the dictionary lists longer words only, so "see" or "ask"
// would look like names.
func (p *plan) isName(c score.Concept) bool {
	if p.isCorrection(c.Label) {
		return false
	}
	for _, t := range c.Forms[0] {
		w := p.surface[t]
		if w == "" || strings.IndexFunc(w, unicode.IsLetter) < 0 {
			continue
		}
		if !dictionaryWord(w) {
			return true
		}
	}
	return false
}

// dictionaryWord reports whether w, as the question typed it, is a word
// a dictionary lists (analysis.IsEnglish). The dictionary lists longer
// words only: one of shortWord letters or fewer counts as listed unless
// it holds a digit ("m5").
func dictionaryWord(w string) bool {
	lw := strings.ToLower(w)
	if len(lw) <= shortWord {
		return strings.IndexFunc(lw, unicode.IsDigit) < 0
	}
	return analysis.IsEnglish(lw)
}

// shortWord is the longest word the dictionary does not list.
const shortWord = 3
