package search

import (
	"runtime"
	"strings"
	"sync"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
)

// Vocabulary is what typo correction and ranking know of the notes'
// words. Indexing counts it; the cache stores it and, for an update,
// subtracts the snippets it re-indexes.
type Vocabulary struct {
	df      map[string]int    // term -> number of snippets whose text or headings hold it
	surface map[string]string // lower-cased word as written -> its term
	// uses counts the occurrences of each surface form, so that an
	// incremental update can tell when the last one goes.
	uses map[string]int
}

// NewVocabulary returns an empty vocabulary.
func NewVocabulary() *Vocabulary {
	return &Vocabulary{df: map[string]int{}, surface: map[string]string{}, uses: map[string]int{}}
}

// add counts (sign 1) or uncounts (sign -1) one snippet's words.
func (v *Vocabulary) add(s corpus.Snippet, sign int) {
	text := s.Text + " " + strings.Join(s.Heading, " ")
	seen := map[string]bool{}
	for _, t := range analysis.Analyze(text) {
		if !seen[t.Term] {
			seen[t.Term] = true
			v.df[t.Term] += sign
			if v.df[t.Term] <= 0 {
				delete(v.df, t.Term)
			}
		}
		if t.Whole {
			// Names are counted, so that a question can tell whether the
			// notes write one as it typed it; they are no words to correct
			// a typo to.
			continue
		}
		w := strings.ToLower(text[t.Start:t.End])
		v.uses[w] += sign
		if v.uses[w] <= 0 {
			delete(v.uses, w)
			delete(v.surface, w)
		} else {
			v.surface[w] = t.Term
		}
	}
}

// merge adds the counts of o to v. A surface form always maps to the same
// term (the term is a function of the lower-cased form), so the order of
// merging does not matter.
func (v *Vocabulary) merge(o *Vocabulary) {
	for t, n := range o.df {
		v.df[t] += n
	}
	for w, n := range o.uses {
		v.uses[w] += n
		v.surface[w] = o.surface[w]
	}
}

// countVocab counts the words of snippets, a share per CPU.
func countVocab(snippets []corpus.Snippet) *Vocabulary {
	chunks := max(1, min(runtime.GOMAXPROCS(0), len(snippets)/1000))
	out := make([]*Vocabulary, chunks)
	var wg sync.WaitGroup
	for p := range chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := NewVocabulary()
			for _, s := range snippets[p*len(snippets)/chunks : (p+1)*len(snippets)/chunks] {
				v.add(s, 1)
			}
			out[p] = v
		}()
	}
	wg.Wait()
	for _, o := range out[1:] {
		out[0].merge(o)
	}
	return out[0]
}

// Remove uncounts snippets that were counted before.
func (v *Vocabulary) Remove(snippets []corpus.Snippet) {
	for _, s := range snippets {
		v.add(s, -1)
	}
}

// Terms returns the terms of the notes, in order.
func (v *Vocabulary) Terms() []string { return sortedKeys(v.df) }

// DF returns how many snippets hold term in their text or headings.
func (v *Vocabulary) DF(term string) int { return v.df[term] }

// Words returns the words of the notes, lower-cased as written, in order.
func (v *Vocabulary) Words() []string { return sortedKeys(v.surface) }

// Word returns the term of a word and how often the notes use it (0
// when the vocabulary does not keep counts: see SetWord).
func (v *Vocabulary) Word(w string) (term string, uses int) { return v.surface[w], v.uses[w] }

// SetTerm records that df snippets hold term.
func (v *Vocabulary) SetTerm(term string, df int) { v.df[term] = df }

// SetWord records a word, its term and how often the notes use it. Uses
// matter only to Remove; a vocabulary that only answers questions is
// given 0 and keeps no counts.
func (v *Vocabulary) SetWord(w, term string, uses int) {
	v.surface[w] = term
	if uses > 0 {
		v.uses[w] = uses
	}
}
