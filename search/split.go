package search

import (
	"regexp"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/crib-dev/crib/search/analysis"
)

// maxSplitLookups bounds the index lookups (a typo check per word, a
// phrase query per split the notes hold both halves of) that splitting
// spends on one question, its first unknown words first: a 150 KB
// question of unknown words took 2.5 times as long, and five times the
// memory, without it. A word whose splits the budget cannot all try
// stays as typed.
const maxSplitLookups = 24

// minSplitPart is the fewest letters each of the two words a joined word
// is split into may have ("wi" of Wi-Fi).
const minSplitPart = 2

// splitWords replaces each word of q that no note holds with the two
// words the notes write hyphenated or apart ("wifi" -> Wi-Fi,
// "filesystem" -> file system), adds the splits to fixed, which may be
// nil, and returns both. It mirrors joinNames: there the question says
// apart what the notes join; here the question joins what the notes say
// apart, and a search for the joined word found nothing at all.
func (e *Engine) splitWords(q string, fixed map[string]string) (string, map[string]string) {
	budget := maxSplitLookups
	return replaceWords(q, fixed, func(word string) (string, string, bool) {
		if budget <= 0 {
			return "", "", false
		}
		words, ok := e.split(word, &budget)
		return words, words, ok
	})
}

// split returns the two words, as a note writes them, that word is made
// of, when no note holds word, the corrector does not take it for a typo
// of a word they hold, and the notes hold the two side by side; of
// several such splits, the one more notes hold. A word the synonyms
// dictionary knows is left to it.
func (e *Engine) split(word string, budget *int) (string, bool) {
	lw := strings.ToLower(word)
	letters := []rune(lw)
	if len(letters) < 2*minSplitPart || !isPlainWord(lw) || e.holdsWhole(lw) || e.knownWord(lw) {
		return "", false
	}
	toks := analysis.Analyze(lw)
	if len(toks) != 1 || e.th.Dict.Known(toks[0].Term) {
		return "", false
	}
	*budget-- // the typo lookup below is the dearest step of a word
	if _, typo := e.suggest(lw, toks[0].Term, nil); typo {
		return "", false
	}
	best, most := "", uint64(0)
	for i := minSplitPart; i <= len(letters)-minSplitPart; i++ {
		if *budget <= 0 {
			// Splits left untried: the best so far may not be the one
			// more notes hold, so the word stays as typed.
			return "", false
		}
		a, b := string(letters[:i]), string(letters[i:])
		if n, words := e.sideBySide(a, b, budget); n > most {
			best, most = words, n
		}
	}
	return best, most > 0
}

// sideBySide counts the notes that say a and b, one word each, side by
// side, as a phrase (hyphenated, or apart: "Wi-Fi", "health checks"),
// and returns the two as the first of them writes them.
func (e *Engine) sideBySide(a, b string, budget *int) (uint64, string) {
	ta, tb := analysis.Analyze(a), analysis.Analyze(b)
	if len(ta) != 1 || len(tb) != 1 || e.voc.DF(ta[0].Term) == 0 || e.voc.DF(tb[0].Term) == 0 {
		return 0, ""
	}
	*budget--
	terms := []string{ta[0].Term, tb[0].Term}
	res, err := e.top(inAnyField(func(f string) query.Query {
		return query.NewPhraseQuery(terms, f)
	}), 1, false)
	if err != nil || len(res.Hits) == 0 {
		return 0, ""
	}
	words := a + " " + b
	if i, ok := e.snippetIndex(res.Hits[0].ID); ok {
		re := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(a) + `[-\s]?` + regexp.QuoteMeta(b))
		if m := re.FindString(e.snippets.Snippet(i).Text); m != "" {
			words = m
		}
	}
	return res.Total, words
}

// numberPlurals reads a number's plural that no note holds as the number
// the notes hold ("403s" as 403: "count the 403s from my api" found no
// note, trial 12). The analyzer never stems a word with digits, so the
// two do not meet otherwise.
func (e *Engine) numberPlurals(q string, fixed map[string]string) (string, map[string]string) {
	return replaceWords(q, fixed, func(word string) (string, string, bool) {
		n := strings.TrimSuffix(word, "s")
		if n == word || n == "" || strings.TrimLeft(n, "0123456789") != "" || e.voc.DF(word) > 0 || e.voc.DF(n) == 0 {
			return "", "", false
		}
		return n, n, true
	})
}
