package index

import (
	"slices"
	"strings"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
)

// Vocabulary is what typo correction and ranking know of the notes'
// words. Indexing counts it; the cache stores it and, for an update,
// subtracts the snippets it re-indexes.
type Vocabulary struct {
	df      map[string]int    // term -> number of snippets whose text or headings hold it
	surface map[string]string // lower-cased word as written -> its term
	// more counts the uses of a surface form past its first, for the
	// forms used more than once, so that an incremental update can tell
	// when the last use goes. Most forms of a large file are used once
	// (the numbered items of a long list): a count for every form cost a
	// million-item list 40 MB.
	more map[string]int
	// counted says the vocabulary keeps counts: it was counted, or read
	// with them (see SetWord).
	counted bool
	// table, when set, holds the vocabulary instead of the maps: it is
	// read where it lies in a cache file, and copied into the maps only
	// when the vocabulary is changed.
	table *VocabularyTable
	// parts are counted vocabularies still to be added to this one: each
	// indexing worker counts its own, and adding them map by map took a
	// million-item list 1.4 s on one core after indexing. Entries merges
	// them sorted, on every core; anything else adds them first (settle).
	parts []*Vocabulary
	// tally, when set, counts the vocabulary instead of the maps, which
	// are empty meanwhile, while the notes are indexed: see countSpan.
	// Anything that reads or changes the maps flushes it first (settle).
	tally *tally
}

// NewVocabulary returns an empty vocabulary.
func NewVocabulary() *Vocabulary {
	return &Vocabulary{df: map[string]int{}, surface: map[string]string{}, more: map[string]int{}}
}

// add counts (sign 1) or uncounts (sign -1) one snippet's words.
func (v *Vocabulary) add(s corpus.Snippet, sign int) {
	v.own()
	text := s.Text + " " + strings.Join(s.Heading, " ")
	if sign > 0 {
		v.counted = true
		v.countSpan(text, analysis.Analyze(text), &termSet{})
		return
	}
	v.uncount(text, analysis.Analyze(text))
}

// countSpan counts the words toks found in text, part of one snippet: a
// term counts once for the snippet, and seen holds those of its terms
// counted already. It is uncount's reverse, with fewer lookups: indexing
// runs it for every word of the notes. A vocabulary first counted with a
// stamped seen (see termSet.reset) counts into a tally until it is used.
func (v *Vocabulary) countSpan(text string, toks []analysis.Token, seen *termSet) {
	v.countSpanWith(text, toks, seen, nil, nil)
}

// countSpanWith is countSpan, toks's postings in a being byToken when a
// is set: a tally looks a term up once in a's postings (see
// tally.countWith).
func (v *Vocabulary) countSpanWith(text string, toks []analysis.Token, seen *termSet, a *postings, byToken []*postingsBuf) {
	if seen.stamp != 0 && v.tally == nil && v.table == nil && len(v.parts) == 0 && len(v.df) == 0 && len(v.surface) == 0 {
		v.tally, v.counted = newTally(), true
	}
	if v.tally != nil {
		if seen.stamp != 0 {
			v.tally.countWith(text, toks, seen.stamp, a, byToken)
			return
		}
		v.flushTally()
	}
	for _, t := range toks {
		if seen.add(t.Term) {
			v.df[t.Term]++
		}
		if t.Whole {
			// Names are counted, so that a question can tell whether the
			// notes write one as it typed it; they are no words to correct
			// a typo to.
			continue
		}
		w := strings.ToLower(text[t.Start:t.End])
		if _, ok := v.surface[w]; ok {
			v.more[w]++
		} else {
			v.surface[w] = t.Term
		}
	}
}

// uncount uncounts the words of one snippet, which were counted.
func (v *Vocabulary) uncount(text string, toks []analysis.Token) {
	seen := termSet{}
	for _, t := range toks {
		if seen.add(t.Term) {
			if v.df[t.Term]--; v.df[t.Term] <= 0 {
				delete(v.df, t.Term)
			}
		}
		if t.Whole {
			continue
		}
		w := strings.ToLower(text[t.Start:t.End])
		switch m := v.more[w]; {
		case m > 1:
			v.more[w] = m - 1
		case m == 1:
			delete(v.more, w)
		default:
			delete(v.surface, w)
		}
	}
}

// termSet is a set of the terms of one snippet: a list while it is short
// (most snippets have a few dozen terms, and comparing them costs less
// than hashing), and a map besides past that.
type termSet struct {
	list []string
	m    map[string]bool
	// stamp numbers the snippet being counted, from 1 on (see reset), for
	// a tally, which checks it instead of the list; 0 for a set never reset.
	stamp uint32
}

const termSetList = 32

// add adds term and says whether it was new.
func (s *termSet) add(term string) bool {
	if s.m != nil {
		if s.m[term] {
			return false
		}
		s.m[term] = true
		return true
	}
	for _, t := range s.list {
		if t == term {
			return false
		}
	}
	if s.list = append(s.list, term); len(s.list) > termSetList {
		s.m = make(map[string]bool, 2*termSetList)
		for _, t := range s.list {
			s.m[t] = true
		}
	}
	return true
}

// reset empties the set, keeping its list's room, for the next snippet.
func (s *termSet) reset() { s.list, s.m, s.stamp = s.list[:0], nil, s.stamp+1 }

// merge adds the counts of o to v. A surface form always maps to the same
// term (the term is a function of the lower-cased form), so the order of
// merging does not matter.
func (v *Vocabulary) merge(o *Vocabulary) {
	v.own()
	o.own()
	for t, n := range o.df {
		v.df[t] += n
	}
	if !o.counted {
		return // its words carry no counts to add
	}
	v.counted = true
	for w, term := range o.surface {
		if _, ok := v.surface[w]; ok {
			v.more[w] += 1 + o.more[w]
		} else if v.surface[w] = term; o.more[w] > 0 {
			v.more[w] = o.more[w]
		}
	}
}

// later adds counted vocabularies to v when it is next used: see parts.
func (v *Vocabulary) later(parts []*Vocabulary) {
	for _, p := range parts {
		if !p.counted || p.table != nil || v.table != nil || !v.counted {
			v.merge(p)
			continue
		}
		v.parts = append(v.parts, p)
	}
}

// settle adds the parts to v. A settled vocabulary is only read, so that
// once it has settled, several goroutines may ask it at once (a build
// expands notes from the built-in notes' engine on every core).
func (v *Vocabulary) settle() {
	if v.tally == nil && len(v.parts) == 0 {
		return
	}
	v.flushTally()
	parts := v.parts
	v.parts = nil
	for _, p := range parts {
		v.merge(p)
	}
}

// Remove uncounts snippets that were counted before.
func (v *Vocabulary) Remove(snippets []corpus.Snippet) {
	v.own()
	for _, s := range snippets {
		v.add(s, -1)
	}
}

// Terms returns the terms of the notes, in order.
func (v *Vocabulary) Terms() []string {
	v.settle()
	if v.table != nil {
		return v.table.keys(v.table.terms, termRecord)
	}
	return keysInOrder(v.df)
}

// DF returns how many snippets hold term in their text or headings.
func (v *Vocabulary) DF(term string) int {
	v.settle()
	if v.table != nil {
		return v.table.df(term)
	}
	return v.df[term]
}

// Words returns the words of the notes, lower-cased as written, in order.
func (v *Vocabulary) Words() []string {
	v.settle()
	if v.table != nil {
		return v.table.keys(v.table.words, wordRecord)
	}
	return keysInOrder(v.surface)
}

// EachWord calls fn with every word of the notes that starts with the
// byte first, and its term, in no particular order.
func (v *Vocabulary) EachWord(first byte, fn func(word, term string)) {
	v.settle()
	if v.table != nil {
		v.table.eachWord(first, fn)
		return
	}
	for w, t := range v.surface {
		if w[0] == first {
			fn(w, t)
		}
	}
}

// keysInOrder returns the keys of m, sorted, in a slice of their number:
// collecting them unsized (slices.Sorted(maps.Keys(m))) grew it several
// times over for the million words of a large notes file.
func keysInOrder[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Word returns the term of a word and how often the notes use it (0
// when the vocabulary does not keep counts: see SetWord).
func (v *Vocabulary) Word(w string) (term string, uses int) {
	v.settle()
	if v.table != nil {
		return v.table.word(w)
	}
	term, ok := v.surface[w]
	if !ok || !v.counted {
		return term, 0
	}
	return term, 1 + v.more[w]
}

// SetTerm records that df snippets hold term.
func (v *Vocabulary) SetTerm(term string, df int) {
	v.own()
	v.df[term] = df
}

// SetWord records a word, its term and how often the notes use it. Uses
// matter only to Remove; a vocabulary that only answers questions is
// given 0 and keeps no counts.
func (v *Vocabulary) SetWord(w, term string, uses int) {
	v.own()
	v.surface[w] = term
	if uses > 0 {
		v.counted = true
		if uses > 1 {
			v.more[w] = uses - 1
		} else {
			delete(v.more, w)
		}
	}
}
