package search

import (
	"fmt"
	"sort"
	"strings"

	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/search/score"
)

// ExpandFrom makes e widen each question with what other's notes say
// about it, and e takes other over: closing e closes it. crib's built-in
// notes, written to cover the whole exam, know that "serverless function
// on git push" is about Lambda and CodeCommit triggers; a user's notes
// often say only the names. Expanding a question with the words of the
// best notes of a richer collection is query expansion from an external
// corpus (see docs/quality.md): on paraphrases of the user notes it
// raised R@1 by a tenth, where feedback from the searched notes themselves
// lowered it, so an engine never expands from its own notes.
func (e *Engine) ExpandFrom(other *Engine) {
	if other == e {
		return
	}
	e.expander = other
}

// How a question is expanded.
const (
	expandNotes = 3   // best notes of the expander read
	expandWords = 10  // words added at most
	expandShare = 0.3 // weight of the best word added, against the question's own
	expandTotal = 0.5 // weight of all words added, against the question's
)

// expansion asks the expander the question and returns concepts for the
// words its best notes share that e's notes also hold and the question
// does not say, each weighed by how high those notes rank and how rare
// the word is in e's notes. Words of everyday speech are left out.
func (e *Engine) expansion(question string, p *plan) []score.Concept {
	if e.expander == nil {
		return nil
	}
	// Lean: the expansion reads the best notes' text, and whether the best
	// of them covers the question on its own.
	r, err := e.expander.rank(question, Options{Limit: expandNotes, NoExpand: true}, true)
	if err != nil || len(r.Hits) == 0 {
		return nil
	}
	if best := (Ranking{Hits: r.Hits[:1], plan: r.plan}); !best.Covered() {
		return nil // what the built-in notes cannot answer, they cannot widen
	}
	said := map[string]bool{}
	for _, t := range p.seq {
		said[t] = true
	}
	found := map[string]float64{}
	p.expandedFrom = p.expandedFrom[:0]
	for i, h := range r.Hits {
		p.expandedFrom = append(p.expandedFrom, fmt.Sprintf("%s:%d", h.Snippet.Source, h.Snippet.Line))
		seen := map[string]bool{}
		end := -1 // end of the joined word taken, whose pieces it stands for
		for _, tk := range analysis.Analyze(h.Snippet.Text) {
			t := tk.Term
			// A word quoted as code is also indexed as a plain word, which
			// stands for it here.
			if tk.End <= end || seen[t] || said[t] || !widening(t) || e.voc.DF(t) == 0 {
				continue
			}
			if tk.Whole && !tk.Part {
				// "dead-letter" is one piece of evidence, not three with
				// "dead" and "letter" (trial 13).
				end = tk.End
			}
			seen[t] = true
			found[t] += 1 / float64(i+1)
		}
	}
	type word struct {
		term   string
		weight float64
	}
	words := make([]word, 0, len(found))
	for t, w := range found {
		words = append(words, word{t, w * e.termWeight(t)})
	}
	sort.Slice(words, func(i, j int) bool {
		if words[i].weight != words[j].weight {
			return words[i].weight > words[j].weight
		}
		return words[i].term < words[j].term
	})
	var out []score.Concept
	for _, w := range words[:min(len(words), expandWords)] {
		share := expandShare * w.weight / words[0].weight
		out = append(out, score.Concept{Forms: [][]string{{w.term}}, Scales: []float64{1}, Weight: share * e.termWeight(w.term), Label: w.term})
	}
	// Together the words weigh at most expandTotal of the question, so
	// that for a one-word question ("pod") a note saying it and one added
	// word ("during") does not outrank the note about it.
	var q, x float64
	for _, c := range e.concepts(p) {
		q += c.Weight
	}
	for _, c := range out {
		x += c.Weight
	}
	if x > expandTotal*q {
		for i := range out {
			out[i].Weight *= expandTotal * q / x
		}
	}
	return out
}

// widening reports whether a term of the built-in notes may widen a
// question or a note: no word of everyday speech, no padding, and no
// form quoted as code (it is indexed as a plain word too, which stands
// for it).
func widening(t string) bool {
	return !strings.HasPrefix(t, analysis.CodeMark) && !analysis.IsBoilerplate(t) && analysis.SubjectWeight(t) >= 1
}

// addExpansion adds the expansion's words to the plan: a clause each for
// bleve, at the share of a question word the expansion gave it.
func (e *Engine) addExpansion(question string, p *plan) {
	p.expansion = e.expansion(question, p)
	p.expanded = make(map[string]bool, len(p.expansion))
	for _, c := range p.expansion {
		p.expanded[c.Label] = true
		p.clauses = append(p.clauses, clause{terms: c.Forms[0], weight: c.Weight / e.termWeight(c.Label), kind: KindExpansion, origin: c.Label})
	}
}
