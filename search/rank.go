package search

import (
	"math"
	"sort"
	"strings"

	"github.com/crib-dev/crib/corpus"
)

// concept is one idea of the question: a word, or a stretch of words the
// thesaurus knows, with every form that counts as saying it.
type concept struct {
	forms  [][]string // the question's own terms first, then synonyms
	weight float64    // importance: rarity of its words times their weight
	label  string
}

// Where a concept is found counts for this much of its weight.
const (
	foundText    = 1.0
	foundContext = 0.6
	foundHeading = 0.45
	foundSynonym = 0.85 // factor when only a synonym was found
	repeatBonus  = 0.25 // share of its weight a concept gains when repeated
	// coverageShare is how much of the final score comes from how much of
	// the question a note covers; the rest is bleve's BM25 score.
	coverageShare = 0.7
)

// concepts splits the question into concepts: each thesaurus match, and
// each word outside any match.
func (e *Engine) concepts(p *plan) []concept {
	var out []concept
	at := map[string]int{} // concept key -> index in out
	add := func(key string, c concept) {
		if i, ok := at[key]; ok {
			// A concept the question repeats matters a little more.
			out[i].weight += repeatBonus * c.weight
			return
		}
		at[key] = len(out)
		out = append(out, c)
	}
	covered := make([]bool, len(p.seq))
	for _, m := range p.matches {
		c := concept{forms: [][]string{p.seq[m.Start:m.End]}, label: strings.Join(p.seq[m.Start:m.End], " ")}
		c.forms = append(c.forms, m.Alts...)
		for i := m.Start; i < m.End; i++ {
			covered[i] = true
			c.weight = max(c.weight, e.termWeight(p.seq[i]))
		}
		key := c.label
		if m.Service != "" {
			key = "service:" + m.Service
		}
		add(key, c)
	}
	for i, t := range p.seq {
		if !covered[i] {
			add(t, concept{forms: [][]string{{t}}, weight: e.termWeight(t), label: t})
		}
	}
	return out
}

// termWeight is a term's inverse document frequency, scaled down for
// exam boilerplate.
func (e *Engine) termWeight(t string) float64 {
	n := float64(len(e.snippets))
	df := float64(e.vocab[t])
	w := math.Log(1 + (n-df+0.5)/(df+0.5))
	if boilerplate[t] {
		w *= weightBoilerplay
	}
	return w
}

// docTerms are the analysed fields of one snippet.
type docTerms struct {
	text, context, heading []string
}

func analyzeDoc(s corpus.Snippet) docTerms {
	return docTerms{
		text:    PhraseTerms(s.Text),
		context: PhraseTerms(strings.Join(s.Context, " / ")),
		heading: PhraseTerms(strings.Join(s.Heading, " / ")),
	}
}

// found says how well a snippet says a concept: 1 for its own words in the
// text, less for context, headings or synonyms only.
func (c concept) found(d docTerms) float64 {
	best := 0.0
	for i, f := range c.forms {
		v := max(foundText*hasForm(d.text, f), foundContext*hasForm(d.context, f), foundHeading*hasForm(d.heading, f))
		if i > 0 {
			v *= foundSynonym
		}
		best = max(best, v)
	}
	return best
}

// looseForm is what a phrase counts for when its words all appear, but
// not together.
const looseForm = 0.7

// hasForm says how well terms hold form: 1 as a run of words, looseForm
// when each word is there but apart, else 0.
func hasForm(terms, form []string) float64 {
	if contains(terms, form) {
		return 1
	}
	if len(form) < 2 {
		return 0
	}
	for _, f := range form {
		if !contains(terms, []string{f}) {
			return 0
		}
	}
	return looseForm
}

// contains reports whether seq holds sub as a contiguous run.
func contains(seq, sub []string) bool {
	for i := 0; i+len(sub) <= len(seq); i++ {
		ok := true
		for j := range sub {
			if seq[i+j] != sub[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// coverage is the weighted share of the question's concepts a snippet says.
func coverage(cs []concept, d docTerms) float64 {
	var got, total float64
	for _, c := range cs {
		total += c.weight
		got += c.weight * c.found(d)
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// rerank blends bleve's BM25 score (normalised to the best hit) with how
// much of the question each result covers, then orders by the final score
// and source order.
func (e *Engine) rerank(p *plan, rs []Result) {
	if len(rs) == 0 {
		return
	}
	cs := e.concepts(p)
	top := rs[0].Score
	for _, r := range rs {
		top = max(top, r.Score)
	}
	avg := e.avgLen()
	for i := range rs {
		d := analyzeDoc(rs[i].Snippet)
		cov := coverage(cs, d)
		norm := lengthNorm(len(d.text), avg)
		rs[i].Score = (1-envFloat("CRIB_CS", coverageShare))*rs[i].Score/top + envFloat("CRIB_CS", coverageShare)*cov*norm
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Score != rs[j].Score {
			return rs[i].Score > rs[j].Score
		}
		return less(rs[i].Snippet, rs[j].Snippet)
	})
}

// lengthNorm is BM25's length normalisation with a gentle b: notes much
// longer than usual say more things, so a question's concept in them is
// worth a little less, but a note is not preferred just for being short.
func lengthNorm(n int, avg float64) float64 {
	k1, b := 1.2, envFloat("CRIB_B", 0.3)
	return (k1 + 1) / (1 + k1*(1-b+b*float64(n)/avg)) / ((k1 + 1) / (1 + k1))
}

// avgLen is the mean number of terms in a snippet's text.
func (e *Engine) avgLen() float64 {
	e.avgOnce.Do(func() {
		total := 0
		for _, s := range e.snippets {
			total += len(strings.Fields(s.Text))
		}
		e.avg = float64(max(total, 1)) / float64(max(len(e.snippets), 1))
	})
	return e.avg
}
