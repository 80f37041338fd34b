package check

import (
	"math"
	"slices"
	"strings"

	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/search/question"
)

// newCheckDoc analyses text that has no headings: an option or a stem.
func newCheckDoc(text string) checkDoc { return checkDoc{text: analyzeTerms(text)} }

// termsOf is analysed text: its terms in order (compound parts only) and
// the set of all its terms.
type termsOf struct {
	seq []string
	set map[string]bool
}

func analyzeTerms(text string) termsOf {
	t := termsOf{set: map[string]bool{}}
	for _, tok := range analysis.Analyze(text) {
		t.set[tok.Term] = true
		if !tok.Whole {
			t.seq = append(t.seq, tok.Term)
		}
	}
	return t
}

// maxOptionTerms bounds the words of an option that are weighed: far
// more than any real option has, few enough that one pasted page costs
// no more than a question.
const maxOptionTerms = 200

// feature is one thing an option says: a word, or a phrase the
// thesaurus knows, with the term sequences that stand for it.
type feature struct {
	alts   [][]string // alts[:own] are the option's own wording, the rest synonyms
	own    int        // 0 means 1
	weight float64
}

// match says how well d holds f: 1 in its text as written, less through
// a synonym or only in its headings, 0 not at all; and whether the text
// itself holds it.
func (f feature) match(d checkDoc) (float64, bool) {
	best, inText := 0.0, false
	for i, alt := range f.alts {
		m := 0.0
		switch {
		case holds(d.text, alt):
			m, inText = 1, true
		case holds(d.ctx, alt):
			m = contextMatch
		}
		if i >= max(f.own, 1) {
			m *= synonymMatch
		}
		best = max(best, m)
	}
	return best, inText
}

// matches reports whether d holds f anywhere.
func (f feature) matches(d checkDoc) bool {
	m, _ := f.match(d)
	return m > 0
}

func holds(t termsOf, alt []string) bool {
	if len(alt) == 1 {
		return t.set[alt[0]]
	}
	for i := 0; i+len(alt) <= len(t.seq); i++ {
		if slices.Equal(t.seq[i:i+len(alt)], alt) {
			return true
		}
	}
	return false
}

// features lists what option i says, each word and known phrase once,
// weighted by how rare it is in the notes and how few other options and
// how little of the stem share it.
func (c *Checker) features(text string, i int, opts []checkDoc, stem checkDoc) []feature {
	var out []feature
	seen := map[string]bool{}
	add := func(alts [][]string, own int) {
		k := strings.Join(alts[0], " ")
		if seen[k] {
			return
		}
		seen[k] = true
		f := feature{alts: alts, own: own}
		shared := 0
		for j, o := range opts {
			if j != i && f.matches(o) {
				shared++
			}
		}
		f.weight = c.idf(f) * float64(len(opts)-1-shared) / float64(max(len(opts)-1, 1))
		if f.matches(stem) {
			f.weight *= echoWeight
		}
		if analysis.IsBoilerplate(alts[0][0]) && len(alts[0]) == 1 {
			f.weight *= search.BoilerplateWeight
		}
		if f.weight > 0 {
			out = append(out, f)
		}
	}
	seq := analysis.PhraseTerms(text)
	seq = seq[:min(len(seq), maxOptionTerms)]
	syn := map[string][][]string{}
	for _, m := range c.e.Expand(seq) {
		if m.End-m.Start > 1 {
			add(append([][]string{seq[m.Start:m.End]}, m.Alts...), 1)
		} else {
			syn[seq[m.Start]] = m.Alts
		}
	}
	toks := analysis.Analyze(text)
	toks = toks[:min(len(toks), maxOptionTerms)]
	// A name typed as plain text ("BeforeInstall") is also looked for in
	// the forms the notes write it in (`BeforeInstall`: whole, and its
	// parts in a row), as the option's own words.
	literal, _ := question.LiteralForms(text, toks, c.df)
	at := 0
	for _, t := range toks {
		if t.Whole {
			continue
		}
		alts := append([][]string{{t.Term}}, literal[at]...)
		add(append(alts, syn[t.Term]...), len(alts))
		at++
	}
	return out
}

// boilerplate reports whether f is one word of exam boilerplate ("use",
// "amazon"), which tells no note apart on its own.
func (f feature) boilerplate() bool {
	return len(f.alts[0]) == 1 && analysis.IsBoilerplate(f.alts[0][0])
}

// df is how many notes hold term, in their text or context.
func (c *Checker) df(term string) int { return len(c.text[term]) + len(c.ctx[term]) }

// idf is the inverse document frequency of a feature in the notes, BM25
// style.
func (c *Checker) idf(f feature) float64 {
	df := 0
	for _, i := range c.holders(f, true) {
		if f.matches(c.docs[i]) {
			df++
		}
	}
	n := float64(len(c.docs))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// holders lists, in order and once each, the notes that may hold one of
// f's wordings: those whose text, or with ctx also whose headings, hold
// the first term of a wording. match decides; this only narrows.
func (c *Checker) holders(f feature, ctx bool) []int {
	var out []int
	for _, alt := range f.alts {
		out = append(out, c.text[alt[0]]...)
		if ctx {
			out = append(out, c.ctx[alt[0]]...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
